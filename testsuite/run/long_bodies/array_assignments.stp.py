#!/usr/bin/env python3
"""Prints a begin probe of 2,000 array assignments, the shape that once
took a 32 KB C stack frame (one map-key array per statement) and
overflowed the kernel stack. run_tests.py runs the script it prints."""
N = 2000

print("# A begin probe of %d array assignments (generated)." % N)
print("# expect-stdout: %d %d" % (N, sum(range(1, N + 1))))
print("global a")
print("probe begin {")
for k in range(N, 0, -1):
    print("  a[%d] = %d" % (k, k))
print("  n = 0; total = 0")
print("  foreach (k in a) { n++; total += a[k] }")
print('  printf("%d %d\\n", n, total)')
print("  exit()")
print("}")
