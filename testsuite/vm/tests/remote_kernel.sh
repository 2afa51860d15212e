#!/bin/bash
# `stap --remote=vm -r RELEASE` boots the kernel it built for: a module built
# for one kernel cannot load into another. The script reports the release
# the guest is running, for the newest and the oldest kernel that have an
# image and headers (once when they are the same).
source "$(dirname "$0")/lib.sh"
STAP=${STAP:?set STAP to the stap binary}
require_vm

wanted_releases

script='%{
#include <linux/utsname.h>
%}
function running:string() %{
	strscpy(STAP_RETVALUE, utsname()->release, MAXSTRINGLEN);
%}
probe begin { println(running()) exit() }'
for release in "${wanted[@]}"; do
  # STAPVM_KERNEL (set by lib.sh) must not decide: -r does.
  env -u STAPVM_KERNEL SYSTEMTAP_DIR="$WORK/stap-home" \
    "$STAP" --remote=vm -g -r "$release" -e "$script" > "$WORK/out" 2> "$WORK/err"
  status=$?
  cat "$WORK/out" "$WORK/err"
  [[ $status == 0 ]] || fail "stap --remote=vm -r $release exited with $status"
  [[ $(cat "$WORK/out") == "$release" ]] || fail "the guest did not run $release"
done
echo PASS
