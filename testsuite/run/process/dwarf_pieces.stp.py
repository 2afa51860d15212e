# A parameter whose DWARF location is in pieces (DW_OP_piece): a struct
# passed by value in two registers (testsuite/process/pieces.c, gcc -g
# -O2). Each member is read from the register piece that holds it, the
# upper half of rdi included, and $s$ prints the whole struct from them.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "pieces", "-O2")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: lo=4 hi=4 big=50 k=2
# expect-stdout: {{.lo=4, .hi=4, .big=50}}
# expect-stdout: s={{.lo=4, .hi=4, .big=50}} k=2
probe process("{P}").function("use") {{
  if (pid() != target()) next
  printf("lo=%d hi=%d big=%d k=%d\\n", $s->lo, $s->hi, $s->big, $k)
  println($s$)
  println($$parms$)
}}
''')
