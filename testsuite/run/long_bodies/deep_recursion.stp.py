#!/usr/bin/env python3
"""Prints a script function with a long body (string and map
temporaries) that recurses to MAXNESTING, the deepest the runtime allows:
every level's C stack frame times the depth must fit the kernel stack."""
STATEMENTS = 200  # times LEVELS stays within MAXMAPENTRIES
MAXNESTING = 10  # runtime/config.h
# down() at depths 1 to 9 of calls, each calling strlen() at one deeper:
# the deepest call runs at depth MAXNESTING, the limit itself.
LEVELS = MAXNESTING - 1

print("# A long recursive function at MAXNESTING depth (generated).")
# Each level stores strlen("x" . level).
total = STATEMENTS * sum(1 + len(str(level)) for level in range(1, LEVELS + 1))
print("# expect-stdout: depth %d sum %d" % (LEVELS, total))
print("global seen")
print("function down(level) {")
print("  if (level < %d) down(level + 1)" % LEVELS)
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
