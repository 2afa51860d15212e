# .process("PATH").counter("NAME") counts in each thread of PATH without
# sampling, and @perf("NAME") reads the current thread's count: the loop's
# task-clock (type 1, config 1), read at each call of work(), grows and
# never goes back; the counter probe's body never runs.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_loop import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin") / "loop"
print(f'''# staprun-options: -c "exec {P} 300 - 1000"
# expect-stdout: calls 300, counted yes, never backwards yes, body ran 0
global calls, first, last, backwards, body
probe perf.type(1).config(1).process("{P}").counter("clock") {{ body++ }}
probe process("{P}").function("work") {{
  v = @perf("clock")
  if (v < last) backwards++
  if (!calls++) first = v
  last = v
}}
probe end {{
  printf("calls %d, counted %s, never backwards %s, body ran %d\\n", calls,
         last > first ? "yes" : "no", backwards ? "no" : "yes", body)
}}
''')
