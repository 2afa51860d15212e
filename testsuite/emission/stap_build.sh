#!/bin/bash
# The emission check on real generated C: an unprivileged build of a script
# using loops, arrays, statistics, regexes and functions runs stap-check-c
# (on by default below stapdev) and still produces a module.
set -u
stap=$1
release=$(ls /lib/modules 2>/dev/null | while read -r r; do
  [ -f "/lib/modules/$r/build/Makefile" ] && echo "$r"; done | head -1)
[ -n "$release" ] || { echo "SKIP: no kernel headers under /lib/modules"; exit 77; }
# A restricted build uses no cache and leaves the module in its build
# directory; remove that afterwards.
cleanup() { [ -n "${ko:-}" ] && rm -rf "$(dirname "$(dirname "$ko")")"; }
trap cleanup EXIT
script='global a, s
function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2) }
probe begin {
  for (i = 0; i < 10; i++) { a[i, "k"] = f(i); s <<< i }
  while (i-- > 0) if (sprint(i) =~ "^[0-9]+$") continue
  foreach ([k, t] in a- limit 3) printf("%d %s %d\n", k, t, a[k, t])
  print(@hist_log(s)); exit()
}'
out=$("$stap" -v -p4 --privilege=stapusr -r "$release" -e "$script" 2>&1); rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: stap exited $rc"; echo "$out"; exit 1; fi
grep -q "emission check passed" <<<"$out" || { echo "FAIL: the emission check did not run"; echo "$out"; exit 1; }
ko=$(tail -1 <<<"$out")
[ -f "$ko" ] || { echo "FAIL: no module at '$ko'"; exit 1; }
echo "unprivileged build passed the emission check: $ko"
