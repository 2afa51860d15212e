#!/bin/bash
# The stapvm protocol itself: arguments reach the guest intact, stdout and
# stderr come back apart, the exit status is the command's, the guest sees the
# host's files and its own writes stay in the guest, SIGINT is passed on,
# --kaslr randomizes, and failures to run give 125 with a reason.
source "$(dirname "$0")/lib.sh"

# No boot needed: an unknown kernel is a VM failure with a reason.
"$STAPVM" run-command --kernel no-such-release -- true > "$WORK/nokernel.out" 2>&1
status=$?
[[ $status == 125 ]] || fail "unknown kernel gave exit status $status, expected 125"
expect_grep "$WORK/nokernel.out" "^stapvm: cannot run a VM here: kernel image /boot/vmlinuz-no-such-release missing"

# Kernel choice, no boot: `kernel` (unset STAPVM_KERNEL) is the first of
# `kernels`; `kernels --headers` is a subset, in the same order.
all=$("$STAPVM" kernels) || fail "stapvm kernels failed"
with_headers=$("$STAPVM" kernels --headers) || fail "stapvm kernels --headers failed"
default=$(env -u STAPVM_KERNEL "$STAPVM" kernel 2>/dev/null)
[[ $default == "$(head -n 1 <<< "$all")" ]] ||
  fail "stapvm kernel gave '$default', not the first of: $all"
[[ $(grep -Fxf <(echo "$with_headers") <<< "$all") == "$with_headers" ]] ||
  fail "kernels --headers ($with_headers) is not an ordered subset of kernels ($all)"
"$STAPVM" kernels --bogus > /dev/null 2>&1
[[ $? == 2 ]] || fail "stapvm kernels --bogus should be a usage error (2)"

require_vm

# One boot: quoting, separate streams, exit status, host files, guest writes.
cd "$WORK" || fail "cannot enter $WORK"  # the guest starts in the caller's directory
echo "written on the host" > "$WORK/host-file"
rm -f "$WORK/guest-file"
"$STAPVM" run-command --timeout 300 -- bash -c \
  'printf "<%s>\n" "$@"; cat host-file; echo guest > guest-file; cat guest-file; uname -r; echo oops-not-really >&2; exit 7' \
  arg0 "two words" '$HOME' "" > "$WORK/cmd.out" 2> "$WORK/cmd.err"
status=$?
cat "$WORK/cmd.out" "$WORK/cmd.err"
[[ $status == 7 ]] || fail "run-command gave exit status $status, expected 7"
expected=$(printf '%s\n' "<two words>" '<$HOME>' "<>" "written on the host" guest "$("$STAPVM" kernel)")
[[ $(cat "$WORK/cmd.out") == "$expected" ]] || fail "run-command stdout differs from: $expected"
[[ $(cat "$WORK/cmd.err") == "oops-not-really" ]] || fail "run-command stderr should hold only the command's stderr"
[[ ! -e $WORK/guest-file ]] || fail "a file written in the guest leaked to the host"

# A job that outlives --timeout is killed and reported.
"$STAPVM" run-command --timeout 2 -- sleep 600 > "$WORK/timeout.out" 2>&1
status=$?
[[ $status == 125 ]] || fail "a timed-out job gave exit status $status, expected 125"
expect_line "$WORK/timeout.out" "stapvm: VM failure: timed out after 2s"
# --kaslr boots the bzImage (whose decompressor randomizes the kernel's
# place; where it lands is chance, so only the boot path is checked).
"$STAPVM" run-command -v --kaslr --timeout 300 -- grep -w -m1 'T _stext' /proc/kallsyms \
  > "$WORK/kaslr.out" 2> "$WORK/kaslr.err"
status=$?
cat "$WORK/kaslr.out" "$WORK/kaslr.err"
[[ $status == 0 ]] || fail "--kaslr run gave exit status $status"
expect_grep "$WORK/kaslr.out" '^ffffffff[0-9a-f]{8} T _stext$'
# Backports releases hold a '+' (6.12.95+deb12-amd64): quote it for grep -E.
release_re=$("$STAPVM" kernel | sed 's/[][\.*^$+?(){}|]/\\&/g')
expect_grep "$WORK/kaslr.err" "^stapvm: qemu-system-x86_64 .* -kernel /boot/vmlinuz-$release_re "

# The first SIGINT reaches the guest's command, which may handle it (stap
# stops on ^C); job control (set -m) so the background stapvm keeps SIGINT.
set -m
"$STAPVM" run-command --timeout 300 -- bash -c \
  'trap "echo got INT; exit 42" INT; echo ready; while :; do sleep 1; done' \
  > "$WORK/int.out" 2> "$WORK/int.err" &
pid=$!
for _ in $(seq 600); do grep -q ready "$WORK/int.out" && break; sleep 0.2; done
kill -INT "$pid"
wait "$pid"
status=$?
set +m
cat "$WORK/int.out" "$WORK/int.err"
[[ $status == 42 ]] || fail "SIGINT to the guest's command gave exit status $status, expected 42"
expect_line "$WORK/int.out" "got INT"
echo PASS
