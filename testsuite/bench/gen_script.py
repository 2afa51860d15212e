#!/usr/bin/env python3
"""Writes a syntactically valid script of about SIZE bytes (default 1 MB) for
benchmarking pass 1: globals, arrays, functions, probes with every kind of
statement, macros and preprocessor conditionals, in a repeating pattern with
distinct names so nothing is a duplicate definition.

Usage: gen_script.py [--size BYTES] OUTPUT
"""
import argparse

HEADER = """\
@define square(x) %( (@x) * (@x) %)
@define pick(a, b) %( (@a > @b ? @a : @b) %)
"""

UNIT = """\
global counts_{n}[64], total_{n} = 0, names_{n}
global stats_{n}

function helper_{n}:long (a:long, b:long) {{
  if (a > b) return @square(a - b)
  else if (a == b) return 0
  return @pick(a, b) * {n} + b % 7
}}

function label_{n}:string (s:string, k:long) {{
  t = s . "-" . sprint(k)
  while (k-- > 0) {{ t = t . "x"; if (k % 3 == 0) continue; if (k < 2) break }}
  return t
}}

probe timer.ms({period}) {{
  total_{n} += helper_{n}(total_{n}, {n})
  counts_{n}[total_{n} % 10, "k{n}"] <<< 1
  stats_{n} <<< total_{n} & 0xff
  names_{n} = label_{n}("probe{n}", 3)
  foreach ([i, s] in counts_{n}- limit 5) {{
    printf("%d %s %d\\n", i, s, @count(counts_{n}[i, s]))
  }}
  for (j = 0; j < 4; j++) {{ total_{n} = total_{n} ^ (j << 2) | (j >> 1) }}
  try {{ delete counts_{n}[0, "k{n}"] }} catch (msg) {{ println(msg) }}
%( arch == "x86_64" %?
  if ("k{n}" =~ "^k[0-9]+$" && !(total_{n} < 0)) next
%:
  println("other arch")
%)
}}

"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("output")
    a = ap.parse_args()
    parts, size, n = [HEADER], len(HEADER), 0
    while size < a.size:
        unit = UNIT.format(n=n, period=100 + n % 900)
        parts.append(unit)
        size += len(unit)
        n += 1
    with open(a.output, "w") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
