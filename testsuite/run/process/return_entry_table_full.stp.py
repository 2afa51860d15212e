# The entry-value table is bounded: with room for two records, fact(4)'s
# outer two frames save theirs and the inner two do not, so their returns
# are skipped probes, counted and reported at exit, never wrong values.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "entry")
print(f'''# staprun-options: -c "exec {P}"
# stap-options: -D STP_UENTRY_SLOTS=2
# expect-stdout: fact(3)=6
# expect-stdout: fact(4)=24
# expect-stderr: WARNING: Number of errors: 0, skipped probes: 2
# expect-stderr: WARNING: return probes skipped, no room for their entry values (STP_UENTRY_SLOTS 2): 2
# expect-stderr: WARNING: Skipped due to missing entry record of a return probe: 2
probe process("{P}").function("fact").return {{
  printf("fact(%d)=%d\\n", $n, $return)
}}
''')
