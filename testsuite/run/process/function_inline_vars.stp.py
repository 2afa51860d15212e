# Target variables at inlined copies (testsuite/process/inline_vars.c,
# gcc -g -O2): record(value, scale) is inlined into first() and second(),
# each copy with its own locations ($scale is the constant 2 in one and 3
# in the other). .inline fires only at the copies; plain .function fires
# there too (record has no out-of-line copy), .call never at a copy.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "inline_vars", "-O2")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: inline value=1 scale=2
# expect-stdout: inline value=10 scale=3
# expect-stdout: inline value=2 scale=2
# expect-stdout: inline value=20 scale=3
# expect-stdout: function: 4 hits at 2 places, value sum 33; first.call 2
global hits, at, sum, calls
probe process("{P}").function("record").inline {{
  printf("inline value=%d scale=%d\\n", $value, $scale)
}}
probe process("{P}").function("record") {{
  hits++
  at[uaddr()]++
  sum += $value
}}
probe process("{P}").function("first").call {{ calls++ }}
probe end {{
  foreach (a in at) places++
  printf("function: %d hits at %d places, value sum %d; first.call %d\\n",
         hits, places, sum, calls)
}}
''')
