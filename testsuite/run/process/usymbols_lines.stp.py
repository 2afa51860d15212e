# Source lines of user addresses (usymfile, usymline, usymfileline,
# print_ubacktrace_fileline) from the DWARF line table of the -O2 chain
# program (main -> outer -> middle -> inner): at inner(), the return
# addresses in middle and outer are named by file and line as binutils'
# addr2line names the instruction after each call. A copy without debug
# info keeps its symbols but has no lines: the documented fallback is the
# address in hex, and a trace line without " at FILE:LINE".
import pathlib
import re
import subprocess

from loop_target import programs

P = programs() / "chain"
Q = P.with_name("chain_nolines")
if not Q.exists() or Q.stat().st_mtime < P.stat().st_mtime:
    subprocess.run(["objcopy", "--strip-debug", str(P), str(Q)], check=True)


def after_call(caller, callee):
    """file:line of the instruction after caller's call of callee."""
    asm = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(P)],
                         capture_output=True, text=True, check=True).stdout
    body = asm.split(f"<{caller}>:\n", 1)[1].split("\n\n", 1)[0]
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if re.search(rf"call.*<{callee}>", line):
            addr = lines[i + 1].split(":")[0].strip()
            out = subprocess.run(["addr2line", "-e", str(P), addr],
                                 capture_output=True, text=True,
                                 check=True).stdout
            return out.split()[0]
    raise SystemExit(f"no call of {callee} in {caller}")


in_middle, in_outer = after_call("middle", "inner"), after_call("outer", "middle")
src, line = in_middle.rsplit(":", 1)
X = "0x[0-9a-f]+"


def frame(prog, sym, at):
    """print_ubacktrace_fileline's line of a frame in sym of prog."""
    return (rf" 0x[0-9a-f]{{16}} : {sym}\+{X}/{X} \[{re.escape(str(prog))}\]"
            + (f" at {at}" if at else ""))


def trace(prog, lines):
    ats = [re.escape(src) + ":[0-9]+", re.escape(in_middle),
           re.escape(in_outer), re.escape(src) + ":[0-9]+"] if lines else [""] * 4
    rows = [frame(prog, s, a) for s, a in zip(("inner", "middle", "outer", "main"), ats)]
    # main's caller is in libc, which the module has no table of.
    return "".join(f"# expect-stdout-re: {r}\n" for r in rows + [rf" 0x[0-9a-f]{{16}} : {X}"])


print(f'''# staprun-options: -c "{P} 3; {Q} 3"
# expect-stdout: usymfile {src}
# expect-stdout: usymline {line}
# expect-stdout: usymfileline {in_middle}
# expect-stdout: outer {in_outer}
# expect-stdout: unknown 0x1 0x1 0x1
{trace(P, True)}# expect-stdout: nolines 1 1 1 middle
{trace(Q, False)}global done, ndone
probe process("{P}").function("inner") {{
  if (done++) next
  println("usymfile ", usymfile(ustack(1)))
  println("usymline ", usymline(ustack(1)))
  println("usymfileline ", usymfileline(ustack(1)))
  println("outer ", usymfileline(ustack(2)))
  println("unknown ", usymfile(1), " ", usymline(1), " ", usymfileline(1))
  print_ubacktrace_fileline()
}}
probe process("{Q}").function("inner") {{
  if (ndone++) next
  a = ustack(1)
  h = sprintf("0x%x", a)
  println("nolines ", usymfile(a) == h, " ", usymline(a) == h, " ",
          usymfileline(a) == h, " ", usymname(a))
  print_ubacktrace_fileline()
}}
''')
