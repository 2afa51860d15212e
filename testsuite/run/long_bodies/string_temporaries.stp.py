#!/usr/bin/env python3
"""Prints a begin probe of 400 statements that each build strings from
several temporaries (concatenation, sprintf, sprint, substr) and store
them under a two-part key, then checks every value through foreach."""
N = 400


def value(i):
    return "v" + str(i) + "-" + "abcdefgh"[i % 8:i % 8 + 3] + "|" + "%05d" % i


total = sum(len(value(i)) for i in range(N))
print("# %d statements of string temporaries (generated)." % N)
print("# expect-stdout: %d %d" % (N, total))
print("# expect-stdout: %s %s" % (value(0), value(N - 1)))
print("global names")
print("probe begin {")
for i in range(N):
    print('  names[sprintf("k%%d", %d), %d] = "v" . sprint(%d) . "-" . '
          'substr("abcdefgh", %d, 3) . "|" . sprintf("%%05d", %d)'
          % (i, i % 7, i, i % 8, i))
print("  n = 0; total = 0")
print("  foreach ([k, m] in names) { n++; total += strlen(names[k, m]) }")
print('  printf("%d %d\\n", n, total)')
print('  printf("%%s %%s\\n", names["k0", 0], names["k%d", %d])' % (N - 1, (N - 1) % 7))
print("  exit()")
print("}")
