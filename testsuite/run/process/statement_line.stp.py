# process("PATH").statement("func@file:line") from the program's own line
# table (testsuite/process/targets.c, gcc -g -O0): visit()'s return line
# with its parameters read from their frame slots (not the entry
# registers), main()'s loop body with the loop's block-scoped $i, and a
# range of lines counted by pp(), which names each line probed.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build, HERE  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin")
SRC = HERE / "targets.c"
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: line 26 i=1 sum=0
# expect-stdout: line 16 x=3 label=hello scale=1
# expect-stdout: line 26 i=2 sum=43
# expect-stdout: line 16 x=3 label=hello scale=2
# expect-stdout: process("{P}").statement("main@{SRC}:26") 2
# expect-stdout: process("{P}").statement("main@{SRC}:27") 1
global lines
probe process("{P}").statement("visit@targets.c:16") {{
  if (pid() == target())
    printf("line 16 x=%d label=%s scale=%d\\n", $p->x, user_string($label),
           $scale)
}}
probe process("{P}").statement("main@targets.c:26") {{
  if (pid() == target()) printf("line 26 i=%d sum=%d\\n", $i, $sum)
}}
probe process("{P}").statement("main@*.c:26-27") {{
  if (pid() == target()) lines[pp()]++
}}
probe end {{
  foreach (l+ in lines) printf("%s %d\\n", l, lines[l])
}}
''')
