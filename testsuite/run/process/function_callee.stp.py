# process("PATH").function("F").callee("G") fires at G's entry only when G
# was called from F (testsuite/process/callees.c, gcc -g -O2): leaf() runs
# 12 times, 6 from caller_a, 3 from caller_b, 3 from mid. $x is leaf's own
# parameter. .callees is every direct callee of caller_a, .callees(2) also
# the callees of those (mid -> leaf), each probe named by its pp().
# .callee("leaf").return fires at the 6 returns to caller_a only ($return
# sum (1+11)+(2+12)+(3+13) = 42, @entry($x) sum 36); .callee(...).call is
# .callee(...).
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "callees", "-O2")
pre = f'process("{P}")'
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: leaf 12 from caller_a 6 (x sum 36) from caller_b 3 (x sum 6)
# expect-stdout: return to caller_a 6 ($return sum 42, @entry($x) sum 36) call from caller_b 3 (x sum 6)
# expect-stdout: callees {pre}.function("caller_a").callee("leaf") 6
# expect-stdout: callees {pre}.function("caller_a").callee("mid") 3
# expect-stdout: callees(2) {pre}.function("caller_a").callee("leaf") 6
# expect-stdout: callees(2) {pre}.function("caller_a").callee("mid") 3
# expect-stdout: callees(2) {pre}.function("mid").callee("leaf") 3
global all, a, ax, b, bx, one, two, r, rs, re, c, cx
probe process("{P}").function("leaf") {{ all++ }}
probe process("{P}").function("caller_a").callee("leaf") {{ a++; ax += $x }}
probe process("{P}").function("caller_b").callee("le*") {{ b++; bx += $x }}
probe process("{P}").function("caller_a").callees {{ one[pp()]++ }}
probe process("{P}").function("caller_a").callees(2) {{ two[pp()]++ }}
probe process("{P}").function("caller_a").callee("leaf").return {{
  r++; rs += $return; re += @entry($x)
}}
probe process("{P}").function("caller_b").callee("l*").call {{ c++; cx += $x }}
probe end {{
  printf("leaf %d from caller_a %d (x sum %d) from caller_b %d (x sum %d)\\n",
         all, a, ax, b, bx)
  printf("return to caller_a %d ($return sum %d, @entry($x) sum %d) call from caller_b %d (x sum %d)\\n",
         r, rs, re, c, cx)
  foreach (p+ in one) printf("callees %s %d\\n", p, one[p])
  foreach (p+ in two) printf("callees(2) %s %d\\n", p, two[p])
}}
''')
