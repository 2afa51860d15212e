#!/bin/bash
# Arming and disarming a tracepoint patches a jump inside __schedule while
# the other CPU runs it.  Load a sched_switch probe 40 times while two shell
# loops switch tasks on both CPUs, on every kernel with headers: each load
# must start, print its end line and exit 0, and the guest must neither
# oops nor hang (stapvm fails the run on either).  Under qemu's
# multi-threaded TCG this died with "Oops: int3" in __schedule on 6.12 and
# hung on 6.1 (see vm/README.md).
#   STAP=PATH patching_under_load.sh STAPVM WORKDIR
source "$(dirname "$0")/lib.sh"
STAP=${STAP:?set STAP to the stap binary}
STAPRUN=${STAPRUN:-$(dirname "$STAP")/staprun/staprun}
LOADS=40
require_vm
releases=$("$STAPVM" kernels --headers) || true
[[ -n $releases ]] || skip "no kernel with an image, modules and headers"

# The probe adds to a statistic: its writers share the lock, so a CPU that
# qemu stops while it holds the lock cannot make the other skip a hit.
cat > "$WORK/flip.stp" <<'STP'
global switches
probe kernel.trace("sched:sched_switch") { switches <<< 1 }
probe timer.ms(50) { exit() }
probe end { println("done") }
STP
export SYSTEMTAP_DIR=$WORK/home
for release in $releases; do
  ko=$("$STAP" -p4 -r "$release" "$WORK/flip.stp" 2> "$WORK/build.err") ||
    { cat "$WORK/build.err"; fail "stap -p4 failed for $release"; }
  cat > "$WORK/flip.batch" <<BATCH
#!/bin/bash
for cpu in 1 2; do ( while :; do /bin/true; done ) & done
clean=0
for i in \$(seq 1 $LOADS); do
  out=\$($STAPRUN $ko 2>&1)
  rc=\$?
  if [[ \$rc == 0 && \$out == done ]]; then clean=\$((clean + 1))
  else echo "load \$i: exit \$rc: \$out"; fi
done
echo "clean loads: \$clean"
kill %1 %2
BATCH
  "$STAPVM" run "$WORK/flip.batch" --kernel "$release" --smp 2 --timeout 600 \
    > "$WORK/out" 2> "$WORK/err"
  status=$?
  cat "$WORK/out"
  [[ $status == 0 ]] || { grep '^stapvm' "$WORK/err" | head -60; fail "stapvm run on $release exited with $status"; }
  expect_line "$WORK/out" "clean loads: $LOADS"
done
echo PASS
