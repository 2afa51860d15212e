# process("PATH").function("F").label("L"): main()'s C label "done" in
# testsuite/process/targets.c (gcc -g -O0), hit once after the loop, with
# the local it can see, and its name from pnlabel(); and a wildcard label
# of a wildcard function.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: done sum=89 label=done
# expect-stdout: process("{P}").function("main").label("done")
global where
probe process("{P}").function("main").label("done") {{
  if (pid() == target()) printf("done sum=%d label=%s\\n", $sum, pnlabel())
}}
probe process("{P}").function("ma*").label("d*") {{
  if (pid() == target()) where = pp()
}}
probe end {{ println(where) }}
''')
