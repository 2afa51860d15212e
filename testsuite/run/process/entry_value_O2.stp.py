# A parameter gcc -O2 describes with DW_OP_entry_value once the register it
# came in is clobbered (testsuite/process/vars.c: twice(20) calls keep(60),
# then keep(61), a tail call). At the entry $$parms reads the register; at
# the line after the first call n's value is unknown there, so $$parms
# and $$vars print "n=?" (stapprobes(3stap)) while r, in a register, is
# read; the return probe reads $n and $$parms as they were at entry.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin_O2", "vars", "-O2")
SRC = pathlib.Path(__file__).resolve().parents[2] / "process" / "vars.c"
AFTER_CALL = next(i for i, t in enumerate(SRC.read_text().splitlines(), 1)
                  if "the after-call line" in t)
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: entry: n=0x14
# expect-stdout: after call: parms=n=? vars=n=? r=0x3c vars$=n=? r=60
# expect-stdout: return 61: n=20 parms=n=0x14
probe process("{P}").function("twice") {{ printf("entry: %s\\n", $$parms) }}
probe process("{P}").statement("twice@vars.c:{AFTER_CALL}") {{
  printf("after call: parms=%s vars=%s vars$=%s\\n", $$parms, $$vars, $$vars$)
}}
probe process("{P}").function("twice").return {{
  printf("return %d: n=%d parms=%s\\n", $return, $n, $$parms)
}}
''')
