# Pretty printing, autocast and @cast with the probed file's DWARF at
# process("PATH").function("show") and .return (testsuite/process/pretty.c,
# gcc -g -O0): $o$ one level deep, $o$$ every level, $$parms$, a scalar
# $depth$, $return$ and $$return(\$), a typed pointer kept in a local
# (p = $o; p->in->pair[1]), pretty printing through it, and @cast without
# a file (the probed one) and with the path.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "pretty")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: {{.id=7, .in={{...}}, .vals=[...], .name="node", .next=0x0000000000000000}}
# expect-stdout: {{.id=7, .in={{.a=-2, .pair=[1, 2]}}, .vals=[10, 20, 30], .name="node", .next=0x0000000000000000}}
# expect-stdout: o={{.id=7, .in={{...}}, .vals=[...], .name="node", .next=0x0000000000000000}} depth=2
# expect-stdout: 2
# expect-stdout: pair[1]=2 a=-2 name=node
# expect-stdout: {{.a=-2, .pair=[1, 2]}}
# expect-stdout: id=7 vals[2]=30 cast-path=node
# expect-stdout: {{.a=-2, .pair=[...]}}
# expect-stdout: 9 return=9 return=0x9
probe process("{P}").function("show") {{
  if (pid() != target()) next
  println($o$)
  println($o$$)
  println($$parms$)
  println($depth$)
  p = $o
  printf("pair[1]=%d a=%d name=%s\\n", p->in->pair[1], p->in->a, p->name)
  println(p->in$$)
  ptr = $o + 0
  printf("id=%d vals[2]=%d cast-path=%s\\n", @cast(ptr, "struct outer")->id,
         @cast(ptr, "struct outer")->vals[2],
         @cast(ptr, "struct outer", "{P}")->name)
  println(@cast(&$o->in, "struct inner")$)
}}
probe process("{P}").function("show").return {{
  if (pid() == target()) printf("%s %s %s\\n", $return$, $$return$, $$return)
}}
''')
