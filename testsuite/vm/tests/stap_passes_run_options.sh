#!/bin/bash
# stap hands its run options to staprun as SystemTap's stap does: with
# `stap --remote=vm -w -T 1`, the module's warn() is not printed (-w) and
# the session stops after one second, running its end probe (-T), long
# before the script's own 30 s exit; on the newest and the oldest kernel.
source "$(dirname "$0")/lib.sh"
STAP=${STAP:?set STAP to the stap binary}
require_vm

wanted_releases

script='probe begin { warn("hidden"); println("begin") }
probe timer.s(30) { println("not reached"); exit() }
probe end { println("end") }'
for release in "${wanted[@]}"; do
  env -u STAPVM_KERNEL SYSTEMTAP_DIR="$WORK/stap-home" \
    "$STAP" --remote=vm -w -T 1 -r "$release" -e "$script" \
    > "$WORK/out" 2> "$WORK/err"
  status=$?
  cat "$WORK/out" "$WORK/err"
  [[ $status == 0 ]] || fail "stap --remote=vm -w -T 1 ($release) exited with $status"
  [[ $(cat "$WORK/out") == $'begin\nend' ]] || fail "-T 1 did not end the run ($release)"
  ! grep -q "hidden" "$WORK/err" || fail "-w did not reach staprun ($release)"
done
echo PASS
