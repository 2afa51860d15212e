# .process("PATH") counts in a process already running PATH at the start
# (found by the scan; it execed long before): the -x process's task-clock
# sampled every 1000000 ns of its CPU time.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_loop import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin") / "loop"
print(f'''# before-run: {P} 2000000000 & echo $! > /tmp/perf-loop.pid
# staprun-target-pid: /tmp/perf-loop.pid
# after-run: kill $(cat /tmp/perf-loop.pid)
# expect-stdout: loop counted from the start: 5 hits
global n
probe perf.type(1).config(1).sample(1000000).process("{P}") {{
  if (pid() == target() && ++n == 5) {{
    printf("%s counted from the start: %d hits\\n", execname(), n)
    exit()
  }}
}}
''')
