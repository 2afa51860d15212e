#!/usr/bin/env python3
"""Prints a script function with a long body (string and map
temporaries) that recurses to MAXNESTING, the deepest the runtime allows:
every level's C stack frame times the depth must fit the kernel stack."""
STATEMENTS = 200  # times MAXNESTING levels stays within MAXMAPENTRIES
MAXNESTING = 10  # runtime/config.h: the probe calls depth 1, ..., 10

print("# A long recursive function at MAXNESTING depth (generated).")
# Each level stores strlen("x" . level): 2 for levels 1-9, 3 for level 10.
total = STATEMENTS * sum(1 + len(str(level)) for level in range(1, MAXNESTING + 1))
print("# expect-stdout: depth %d sum %d" % (MAXNESTING, total))
print("global seen")
print("function down(level) {")
print("  if (level < %d) down(level + 1)" % MAXNESTING)
for i in range(STATEMENTS):
    print('  seen[level, sprintf("s%%d", %d)] = strlen("x" . sprint(level))' % i)
print("  return level")
print("}")
print("probe begin {")
print("  down(1)")
print("  levels = 0; total = 0")
print("  foreach ([l, k] in seen) { total += seen[l, k]; if (l > levels) levels = l }")
print('  printf("depth %d sum %d\\n", levels, total)')
print("  exit()")
print("}")
