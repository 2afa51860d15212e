#!/bin/bash
# stapvm must turn a kernel WARNING or oops during the job into a failure
# (exit 125 with the offending log lines), even when the job itself succeeds,
# and a panic into a VM failure.
source "$(dirname "$0")/lib.sh"
require_vm
build_test_modules

# run_trouble WHAT: loads trouble.ko what=WHAT; the batch itself exits 0.
run_trouble() {
  printf 'insmod %s/trouble.ko what=%s\necho loaded-%s\nexit 0\n' \
    "$MODULES" "$1" "$1" > "$WORK/$1.batch"
  "$STAPVM" run "$WORK/$1.batch" --timeout 300 > "$WORK/$1.out" 2> "$WORK/$1.err"
  echo $?
}

status=$(run_trouble warn)
cat "$WORK/warn.out" "$WORK/warn.err"
[[ $status == 125 ]] || fail "a WARN() gave exit status $status, expected 125"
expect_line "$WORK/warn.out" "loaded-warn"
expect_line "$WORK/warn.err" "stapvm: kernel log shows a problem while the job ran:"
expect_grep "$WORK/warn.err" "^stapvm: dmesg: .*stapvm_trouble: deliberate warning"
expect_grep "$WORK/warn.err" "^stapvm: dmesg: .*WARNING: CPU: 0 PID: [0-9]+ at .*trouble.c"
expect_line "$WORK/warn.err" "stapvm: failing with 125 (job exit status was 0)"

status=$(run_trouble oops)
cat "$WORK/oops.out" "$WORK/oops.err"
[[ $status == 125 ]] || fail "an oops gave exit status $status, expected 125"
expect_grep "$WORK/oops.err" "^stapvm: dmesg: .*BUG: kernel NULL pointer dereference"
expect_grep "$WORK/oops.err" "^stapvm: dmesg: .*Oops: "

# A panic stops the guest before the job ends: a VM failure naming the panic.
printf 'echo c > /proc/sysrq-trigger\necho survived\n' > "$WORK/panic.batch"
"$STAPVM" run "$WORK/panic.batch" --timeout 300 > "$WORK/panic.out" 2> "$WORK/panic.err"
status=$?
cat "$WORK/panic.out" "$WORK/panic.err"
[[ $status == 125 ]] || fail "a kernel panic gave exit status $status, expected 125"
[[ ! -s $WORK/panic.out ]] || fail "the job went on after the panic"
expect_line "$WORK/panic.err" "stapvm: VM failure: kernel panic: Kernel panic - not syncing: sysrq triggered crash"

# The same WARN() under --allow-kernel-warnings: reported, not fatal.
"$STAPVM" run "$WORK/warn.batch" --allow-kernel-warnings --timeout 300 \
  > "$WORK/allow.out" 2> "$WORK/allow.err"
status=$?
[[ $status == 0 ]] || { cat "$WORK/allow.err"; fail "--allow-kernel-warnings gave exit status $status"; }
expect_line "$WORK/allow.err" "stapvm: kernel log shows a problem while the job ran:"
echo PASS
