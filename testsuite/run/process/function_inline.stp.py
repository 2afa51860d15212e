# process("PATH").function("F").inline fires at each inlined copy of F
# (testsuite/process/inline.c, gcc -g -O2): twice() is inlined into once()
# and thrice(), each called three times, so six hits, three per copy.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "inline", "-O2")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: twice inlined: 6 hits at 2 places, 0 of them not hit 3 times
global hits, at
probe process("{P}").function("twice").inline {{
  hits++
  at[uaddr()]++
}}
probe end {{
  foreach (a in at) {{
    places++
    if (at[a] != 3) odd++
  }}
  printf("twice inlined: %d hits at %d places, %d of them not hit 3 times\\n",
         hits, places, odd)
}}
''')
