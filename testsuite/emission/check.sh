#!/bin/bash
# Runs stap-check-c on a known-good and a known-bad file of generated-style
# C and compares the verdicts (exit codes and exact messages).
set -u
checker=$1; dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir" || exit 1
fail=0
"$checker" --unprivileged --api-dir "$dir/api" good.c; rc=$?
[ $rc -eq 0 ] || { echo "FAIL: good.c rc=$rc (want 0)"; fail=1; }
out=$("$checker" --unprivileged --api-dir "$dir/api" bad.c); rc=$?
[ $rc -eq 1 ] || { echo "FAIL: bad.c rc=$rc (want 1)"; fail=1; }
if ! diff -u expected-bad.txt <(printf '%s\n' "$out"); then
  echo "FAIL: bad.c verdicts differ"; fail=1
fi
# Conditionals the compiler and Clang could decide differently are refused
# wherever they are, tapset regions included (whose loops are the tapset's).
out=$("$checker" --api-dir "$dir/api" hidden.c); rc=$?
[ $rc -eq 1 ] || { echo "FAIL: hidden.c rc=$rc (want 1)"; fail=1; }
if ! diff -u expected-hidden.txt <(printf '%s\n' "$out"); then
  echo "FAIL: hidden.c verdicts differ"; fail=1
fi
# Privileged builds may call anything, but loops still charge the budget.
out=$("$checker" --api-dir "$dir/api" bad.c)
printf '%s\n' "$out" | grep -q 'loop-budget' || { echo "FAIL: loop rule not applied to privileged build"; fail=1; }
printf '%s\n' "$out" | grep -q 'call-outside-api' && { echo "FAIL: allow-list applied to privileged build"; fail=1; }
echo "void f(void) { int x = ; }" > /tmp/stap-check-broken.$$.c
"$checker" /tmp/stap-check-broken.$$.c >/dev/null 2>&1; rc=$?
rm -f /tmp/stap-check-broken.$$.c
[ $rc -eq 2 ] || { echo "FAIL: unparsable C rc=$rc (want 2)"; fail=1; }
[ $fail -eq 0 ] && echo "emission check: all verdicts as expected"
exit $fail
