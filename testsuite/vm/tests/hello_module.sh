#!/bin/bash
# A hello-world module built with real kbuild loads, logs, and unloads in the
# VM; also records how the distro kernel treats an unsigned module (taint,
# signature enforcement, lockdown).
source "$(dirname "$0")/lib.sh"
require_vm
build_test_modules

# One boot for the whole check; the batch stops at the first failing step.
cat > "$WORK/hello.batch" <<BATCH
set -e
echo "lockdown: \$(cat /sys/kernel/security/lockdown)"
echo "sig_enforce: \$(cat /sys/module/module/parameters/sig_enforce)"
insmod $MODULES/hello.ko
grep -o '^hello ' /proc/modules
echo "tainted: \$(cat /proc/sys/kernel/tainted)"
rmmod hello
dmesg | grep -o 'stapvm_hello: .*'
dmesg | grep -o 'module verification failed.*' || true
echo HELLO-DONE
BATCH
"$STAPVM" run "$WORK/hello.batch" --timeout 300 > "$WORK/out" 2> "$WORK/err"
status=$?
cat "$WORK/out" "$WORK/err"
[[ $status == 0 ]] || fail "stapvm run exited with $status"
expect_line "$WORK/out" "hello "
expect_line "$WORK/out" "stapvm_hello: hello, kernel"
expect_line "$WORK/out" "stapvm_hello: goodbye, kernel"
expect_line "$WORK/out" "HELLO-DONE"
# Out-of-tree (O, 4096) and unsigned (E, 8192) taint, nothing else.
expect_line "$WORK/out" "tainted: 12288"
echo PASS
