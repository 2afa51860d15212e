# .process("PATH") counts in every process that execs PATH after the
# start: the -c shell runs the loop twice, each run a new process with its
# own counter (task-clock, sampled every 1000000 ns of its CPU time); the
# shell and anything else running is not counted.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_loop import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin") / "loop"
print(f'''# staprun-options: -c "{P} 20000000; {P} 20000000"
# expect-stdout: loop processes counted in: 2
# expect-stdout: hits elsewhere: 0
global pids, elsewhere
probe perf.type(1).config(1).sample(1000000).process("{P}") {{
  if (execname() == "loop" && ppid() == target()) pids[pid()]++
  else elsewhere++
}}
probe end {{
  n = 0
  foreach (p in pids) n++
  printf("loop processes counted in: %d\\n", n)
  printf("hits elsewhere: %d\\n", elsewhere)
}}
''')
