#!/bin/bash
# timer.profile follows CPU hotplug: while the module runs, CPU 1 goes
# offline for half a second and comes back.  The probe must see the gap
# (its timer stopped with the CPU, not migrated to CPU 0) and must fire
# on CPU 1 again afterwards (the timer restarted when the CPU returned).
# The kernel log must stay clean (stapvm fails on any WARNING or BUG).
#   STAP=PATH profile_hotplug.sh STAPVM WORKDIR
source "$(dirname "$0")/lib.sh"
STAP=${STAP:?set STAP to the stap binary}
STAPRUN=${STAPRUN:-$(dirname "$STAP")/staprun/staprun}
require_vm
release=$("$STAPVM" kernel) || skip "no kernel for the VM"
[[ -f /lib/modules/$release/build/Makefile ]] || skip "no kernel headers for $release"

cat > "$WORK/hotplug.stp" <<'STP'
# CPU 1's hits: a pause of 300+ ms is the offline period; the hits after
# it show the timer came back (judged by count, not by how soon the end
# probe runs, which a busy host stretches).
global last1, gap_seen, after_gap, hits0
probe timer.profile {
  if (cpu() == 1) {
    now = gettimeofday_ms()
    if (last1 && now - last1 >= 300) { gap_seen = 1; after_gap = 0 }
    after_gap++
    last1 = now
  } else {
    hits0++
  }
}
probe end {
  printf("cpu1 gap seen: %s, cpu1 hits after it: %s, cpu0 fired: %s\n",
         gap_seen ? "yes" : "no", after_gap > 10 ? "many" : sprint(after_gap),
         hits0 > 0 ? "yes" : "no")
}
STP
export SYSTEMTAP_DIR=$WORK/home
ko=$("$STAP" -p4 -r "$release" "$WORK/hotplug.stp" 2> "$WORK/build.err") ||
  { cat "$WORK/build.err"; fail "stap -p4 failed"; }

cpu1=/sys/devices/system/cpu/cpu1/online
cat > "$WORK/hotplug.batch" <<BATCH
[ -w $cpu1 ] || { echo "NO-HOTPLUG"; exit 0; }
$STAPRUN -c "sh -c 'sleep 0.4; echo 0 > $cpu1; sleep 0.6; echo 1 > $cpu1; sleep 0.8'" $ko
echo "staprun exit \$?"
echo "cpu1 online \$(cat $cpu1)"
BATCH
"$STAPVM" run "$WORK/hotplug.batch" --smp 2 --timeout 300 > "$WORK/out" 2> "$WORK/err"
status=$?
cat "$WORK/out" "$WORK/err"
[[ $status == 0 ]] || fail "stapvm run exited with $status"
grep -qx NO-HOTPLUG "$WORK/out" && skip "the guest kernel cannot offline CPU 1"
expect_line "$WORK/out" "cpu1 gap seen: yes, cpu1 hits after it: many, cpu0 fired: yes"
expect_line "$WORK/out" "staprun exit 0"
expect_line "$WORK/out" "cpu1 online 1"
echo PASS
