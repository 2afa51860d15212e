# User symbols and a user backtrace in the -c target: at inner()'s first
# instruction, in a -O2 program without frame pointers (main -> outer ->
# middle -> inner), the names come from the module's symbol table and the
# frames from its .eh_frame rows. Sizes and paths are the file's own (nm).
# outer() has a return probe, so its return address on the stack is the
# uretprobe trampoline's while inner runs: the trace shows main all the
# same; in middle's return probe the trace starts in outer.
import subprocess

from loop_target import programs

P = programs() / "chain"
size = {}
for line in subprocess.run(["nm", "-S", str(P)], capture_output=True,
                           text=True, check=True).stdout.splitlines():
    f = line.split()
    if len(f) == 4:
        size[f[3]] = int(f[1], 16)
print(f'''# staprun-options: -c "exec {P} 3"
# expect-stdout: usymname inner
# expect-stdout: usymdata inner+0x0/0x{size["inner"]:x} [{P}]
# expect-stdout: umodname {P}
# expect-stdout: frames inner middle outer main
# expect-stdout: frame count 5
# expect-stdout: callers 1
# expect-stdout: brief middle+0x
# expect-stdout: sprint matches 1
# expect-stdout: print_ustack line 1
# expect-stdout: unknown 0x1
# expect-stdout: return outer main
global done, rdone
probe process("{P}").function("inner") {{
  if (pid() != target() || done++) next
  pc = uaddr()
  println("usymname ", usymname(pc))
  println("usymdata ", usymdata(pc))
  println("umodname ", umodname(pc))
  printf("frames %s %s %s %s\\n", usymname(ustack(0)), usymname(ustack(1)),
         usymname(ustack(2)), usymname(ustack(3)))
  # main's caller is in libc, whose table the module lacks: the last frame.
  bt = ubacktrace()
  n = 0
  t = tokenize(bt, " ")
  while (t != "") {{ n++; t = tokenize("", " ") }}
  println("frame count ", n)
  println("callers ", ucallers(3) == sprintf("0x%x 0x%x 0x%x", ustack(1),
                                             ustack(2), ustack(3)))
  println("brief ", substr(usymdata(ustack(1)), 0, 9))
  println("sprint matches ", sprint_ubacktrace() == sprint_ustack(bt))
  println("print_ustack line ",
          isinstr(sprint_ustack(bt), sprintf(" 0x%016x : middle+0x", ustack(1))))
  println("unknown ", usymname(1))
}}
probe process("{P}").function("outer").return {{ }}
probe process("{P}").function("middle").return {{
  if (pid() != target() || rdone++) next
  println("return ", usymname(ustack(0)), " ", usymname(ustack(1)))
}}
''')
