# SDT marks of testsuite/process/sdt_marks.c built with -O2 (2 rounds):
# the arguments in registers of every width, a %rip-relative global, and
# a provider and mark named by wildcards, with $$name and $$parms; the
# guarded mark fires only because the probe raised its semaphore.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_sdt import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin") / "sdt_marks_O2"
print(f'''# staprun-options: -c "exec {P} 2"
# expect-stdout: args -1 60001 -100000000000 hello 42
# expect-stdout: global $arg1=0xfffffffffffffff9
# expect-stdout: guarded $arg1=0x1
# expect-stdout: args -2 60002 -200000000000 hello 42
# expect-stdout: global $arg1=0xfffffffffffffffa
# expect-stdout: guarded $arg1=0x4
probe process("{P}").mark("args") {{
  if (pid() == target())
    printf("args %d %d %d %s %d\\n", $arg1, $arg2, $arg3, user_string($arg4),
           $arg5)
}}
probe process("{P}").provider("stap*").mark("g*") {{
  if (pid() == target()) printf("%s %s\\n", $$name, $$parms)
}}
''')
