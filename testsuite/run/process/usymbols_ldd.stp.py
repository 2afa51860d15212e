# With --ldd the module also carries the tables of the shared libraries the
# probed program loads: the user backtrace goes on through libc (built
# without frame pointers) to the program's _start, whose CFI ends the
# stack. Frames in libc outside any exported symbol show as FILE+OFFSET.
import os

from loop_target import programs

P = programs() / "chain"
LIBC = os.path.realpath("/lib/x86_64-linux-gnu/libc.so.6")
print(f'''# stap-options: --ldd
# staprun-options: -c "exec {P} 3"
# expect-stdout: frames inner middle outer main
# expect-stdout: libc {LIBC}
# expect-stdout: start_main __libc_start_main
# expect-stdout: last _start {P}
# expect-stdout: frame count 7
global done
probe process("{P}").function("inner") {{
  if (pid() != target() || done++) next
  printf("frames %s %s %s %s\\n", usymname(ustack(0)), usymname(ustack(1)),
         usymname(ustack(2)), usymname(ustack(3)))
  println("libc ", umodname(ustack(4)))
  println("start_main ", usymname(ustack(5)))
  println("last ", usymname(ustack(6)), " ", umodname(ustack(6)))
  n = 0
  t = tokenize(ubacktrace(), " ")
  while (t != "") {{ n++; t = tokenize("", " ") }}
  println("frame count ", n)
}}
''')
