#!/bin/bash
# How the distro kernel treats an unsigned module when told to be strict:
# booted with module.sig_enforce=1 or lockdown=integrity, insmod must fail
# with the kernel's own reason (without either, hello_module.sh shows it
# loads with a taint).  staprun's signature rules are tested against this.
source "$(dirname "$0")/lib.sh"
require_vm
build_test_modules

# check_refused KERNEL_ARG EXPECTED_DMESG: one boot with KERNEL_ARG appended.
check_refused() {
  local name=${1%%=*}
  cat > "$WORK/$name.batch" <<BATCH
if insmod $MODULES/hello.ko; then echo "insmod: loaded"; else echo "insmod: refused"; fi
dmesg | grep -o '$2'
BATCH
  "$STAPVM" run "$WORK/$name.batch" --append "$1" --timeout 300 > "$WORK/$name.out" 2> "$WORK/$name.err"
  local status=$?
  cat "$WORK/$name.out" "$WORK/$name.err"
  [[ $status == 0 ]] || fail "stapvm run with '$1' exited with $status"
  expect_line "$WORK/$name.out" "insmod: refused"
  expect_line "$WORK/$name.out" "$2"
}

check_refused module.sig_enforce=1 "Loading of unsigned module is rejected"
check_refused lockdown=integrity "unsigned module loading is restricted"
echo PASS
