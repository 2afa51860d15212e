# Target variables from the program's own DWARF at process("PATH")
# .function("visit") and .return (testsuite/process/targets.c, gcc -g -O0):
# a struct field through a pointer, a char array member, a string argument
# through user_string, an int argument, and the typed $return.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: x=3 y=40 name=pt label=hello scale=1
# expect-stdout: return 43
# expect-stdout: x=3 y=40 name=pt label=hello scale=2
# expect-stdout: return 46
probe process("{P}").function("visit") {{
  if (pid() == target())
    printf("x=%d y=%d name=%s label=%s scale=%d\\n", $p->x, $p->y, $p->name,
           user_string($label), $scale)
}}
probe process("{P}").function("visit").return {{
  if (pid() == target()) printf("return %d\\n", $return)
}}
''')
