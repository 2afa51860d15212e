# @var("name@file") reads globals and file statics of the probed binary
# (testsuite/process/globals.c, gcc -g -O0, PIE): at each entry of bump()
# the values before it adds: total 100 then 105, calls 0 then 1, and a
# struct global's members through ->.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "globals")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: by=5 total=100 calls=0 origin=3,4
# expect-stdout: by=7 total=105 calls=1 origin=3,4
probe process("{P}").function("bump") {{
  printf("by=%d total=%d calls=%d origin=%d,%d\\n", $by, @var("total"),
         @var("calls@globals.c"), @var("origin")->x,
         @var("origin@globals.c", "{P}")->y)
}}
''')
