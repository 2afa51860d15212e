# SDT marks of testsuite/process/sdt_marks.c built with -O0 (2 rounds):
# $argN of every size and signedness from frame slots, a register and a
# constant; user_string of a pointer argument; $$name and
# $$provider; a mark without arguments; and the mark behind
# STAPTEST_GUARDED_ENABLED(), which fires only because the probe raised
# its semaphore in the process.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_sdt import build  # noqa: E402

D = build(pathlib.Path(sys.argv[1]) / "bin")
P0 = D / "sdt_marks_O0"
print(f'''# staprun-options: -c "exec {P0} 2"
# expect-stdout: start staptest start
# expect-stdout: args -1 60001 -100000000000 hello 42
# expect-stdout: global -7
# expect-stdout: guarded 1
# expect-stdout: args -2 60002 -200000000000 hello 42
# expect-stdout: global -6
# expect-stdout: guarded 4
probe process("{P0}").mark("start") {{
  if (pid() == target()) printf("start %s %s\\n", $$provider, $$name)
}}
probe process("{P0}").mark("args") {{
  if (pid() == target())
    printf("args %d %d %d %s %d\\n", $arg1, $arg2, $arg3, user_string($arg4),
           $arg5)
}}
probe process("{P0}").provider("staptest").mark("global") {{
  if (pid() == target()) printf("global %d\\n", $arg1)
}}
probe process("{P0}").mark("guarded") {{
  if (pid() == target()) printf("guarded %d\\n", $arg1)
}}
''')
