#!/bin/bash
# `stap` on a machine that can load modules runs pass 5 itself, without
# --remote: inside the VM, the guest's own `stap -v -e SCRIPT` finds the
# module the host built for the guest's kernel in the shared cache (a
# build inside the guest under TCG takes minutes; passes 3-4 are covered
# on the host), loads it through staprun and prints the script's output.
#   STAP=PATH stap_direct.sh STAPVM WORKDIR
source "$(dirname "$0")/lib.sh"
STAP=${STAP:?set STAP to the stap binary}
require_vm
release=$("$STAPVM" kernel) || skip "no kernel for the VM"
[[ -f /lib/modules/$release/build/Makefile ]] || skip "no kernel headers for $release"

script='probe begin { printf("hello from %s\n", "stap") exit() } probe end { println("end ran") }'
export SYSTEMTAP_DIR=$WORK/home
rm -rf "$SYSTEMTAP_DIR"
"$STAP" -p4 -r "$release" -e "$script" > "$WORK/host.out" 2> "$WORK/host.err" ||
  { cat "$WORK/host.err"; fail "host build failed"; }

cat > "$WORK/direct.batch" <<BATCH
echo "kernel \$(uname -r)"
SYSTEMTAP_DIR=$SYSTEMTAP_DIR HOME=/run $STAP -v -e '$script' > /run/out 2> /run/err
echo "stap exit \$?"
grep -c '^stap_' /proc/modules || true
# The guest's writes stay in its overlay: hand its output back on stdout.
sed 's/^/out: /' /run/out
sed 's/^/err: /' /run/err
BATCH
"$STAPVM" run "$WORK/direct.batch" --timeout 300 > "$WORK/out" 2> "$WORK/err"
status=$?
cat "$WORK/out" "$WORK/err"
[[ $status == 0 ]] || fail "stapvm run exited with $status"
expect_line "$WORK/out" "kernel $release"
expect_line "$WORK/out" "stap exit 0"
expect_line "$WORK/out" "0"            # no stap_ module left loaded
expect_line "$WORK/out" "out: hello from stap"
expect_line "$WORK/out" "out: end ran"
expect_grep "$WORK/out" "^err: Pass 4: using cached "
expect_line "$WORK/out" "err: Pass 5: starting run."
expect_grep "$WORK/out" "^err: Pass 5: run completed in "
echo PASS
