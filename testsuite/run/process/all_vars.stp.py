# $$vars, $$locals and $$parms, plain and pretty ($), at a function's entry
# and at statements (testsuite/process/vars.c, gcc -g -O0): mix() has no
# locals at its entry (the loop's `step` lives in a block), the loop line
# sees `step` first; shape()'s struct pointer prints its members. And
# .statement(...).nearest on mix()'s line without code: the probe goes to
# the next line that has code, the return.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "vars")
SRC = pathlib.Path(__file__).resolve().parents[2] / "process" / "vars.c"


def line_of(text):
    """The line of vars.c holding `text`."""
    lines = SRC.read_text().splitlines()
    return next(i for i, t in enumerate(lines, 1) if text in t)


LOOP, SHAPE = line_of("the loop line"), line_of("the shape line")
NO_CODE = line_of("no code on this line")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: mix vars: a=0x3 b=0x64 m=0x2
# expect-stdout: mix locals: []
# expect-stdout: mix parms$: a=3 b=100 m=2
# expect-stdout: loop vars: step=0x1 a=0x3 b=0x64 m=0x2
# expect-stdout: loop locals: step=0x1 vars$: step=1 a=3 b=100 m=2
# expect-stdout: loop vars: step=0x2 a=0x3 b=0x67 m=0x2
# expect-stdout: loop locals: step=0x2 vars$: step=2 a=3 b=103 m=2
# expect-stdout: nearest: b=109 locals=[] parms=a=0x3 b=0x6d m=0x2
# expect-stdout: shape parms$: p={{.x=4, .y=5}} k=2
# expect-stdout: shape line vars$: p={{.x=4, .y=5}} k=2 area=8
# expect-stdout: shape line locals$: area=8 parms: k=0x2
probe process("{P}").function("mix") {{
  printf("mix vars: %s\\n", $$vars)
  printf("mix locals: [%s]\\n", $$locals)
  printf("mix parms$: %s\\n", $$parms$)
}}
probe process("{P}").statement("mix@vars.c:{LOOP}") {{
  printf("loop vars: %s\\n", $$vars)
  printf("loop locals: %s vars$: %s\\n", $$locals, $$vars$)
}}
probe process("{P}").statement("mix@vars.c:{NO_CODE}").nearest {{
  printf("nearest: b=%d locals=[%s] parms=%s\\n", $b, $$locals, $$parms)
}}
probe process("{P}").function("shape") {{
  printf("shape parms$: %s\\n", $$parms$)
}}
probe process("{P}").statement("shape@vars.c:{SHAPE}") {{
  printf("shape line vars$: %s\\n", $$vars$)
  printf("shape line locals$: %s parms: k=%#x\\n", $$locals$, $k)
}}
''')
