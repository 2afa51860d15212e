#!/usr/bin/env python3
"""Prints a begin probe of deep and long expressions: right-nested sums,
a long left-associative sum, a long string concatenation, nested function
calls, nested ifs and a printf of many arguments."""
DEPTH = 120   # parenthesised nesting (the parser allows some hundreds)
CHAIN = 400   # operands of a flat chain (the parser allows 500)
WORDS = 200   # strings concatenated (the result stays under MAXSTRINGLEN)
CALLS = 150   # calls nested as arguments
IFS = 150     # ifs nested in one another
ARGS = 40     # printf arguments

lines = []
expect = []
# 1+(1+(1+...(1)...)): each level holds its temporaries while the inner
# ones are evaluated.
lines.append("  x = " + "1+(" * DEPTH + "1" + ")" * DEPTH)
lines.append('  printf("nested %d\\n", x)')
expect.append("nested %d" % (DEPTH + 1))
lines.append("  y = " + "+".join(str(i) for i in range(1, CHAIN + 1)))
lines.append('  printf("chain %d\\n", y)')
expect.append("chain %d" % sum(range(1, CHAIN + 1)))
lines.append("  s = " + " . ".join('"%s"' % "ab"[i % 2] for i in range(WORDS)))
lines.append('  printf("concat %d %s\\n", strlen(s), substr(s, 0, 6))')
expect.append("concat %d ababab" % WORDS)
lines.append("  z = " + "inc(" * CALLS + "0" + ")" * CALLS)
lines.append('  printf("calls %d\\n", z)')
expect.append("calls %d" % CALLS)
for i in range(IFS):
    lines.append("  " * (i + 1) + "if (x > %d) {" % -i)
lines.append("  " * (IFS + 1) + 'println("ifs deep")')
for i in reversed(range(IFS)):
    lines.append("  " * (i + 1) + "}")
expect.append("ifs deep")
fmt = " ".join(["%d"] * ARGS)
lines.append('  printf("%s\\n", %s)' % (fmt, ", ".join("x + %d" % i for i in range(ARGS))))
expect.append(" ".join(str(DEPTH + 1 + i) for i in range(ARGS)))

print("# Deep and long expressions (generated).")
for e in expect:
    print("# expect-stdout: " + e)
print("function inc(v) { return v + 1 }")
print("probe begin {")
print("\n".join(lines))
print("  exit()")
print("}")
