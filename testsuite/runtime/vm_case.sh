#!/bin/bash
# One runtime VM test: kbuild testsuite/runtime/modules/stap_NAME.c on the
# host, run cases/NAME.sh in the test VM, and compare the guest's stdout
# and stderr with cases/NAME.out and cases/NAME.err exactly.  The VM fails
# the test (125) if the guest kernel logged an oops, BUG or WARNING.
#
#   vm_case.sh STAPVM WORKDIR NAME STAPRUN_BINARY
set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NAME=${3:?usage: $0 STAPVM WORKDIR NAME STAPRUN}
STAPRUN=${4:?usage: $0 STAPVM WORKDIR NAME STAPRUN}
source "$HERE/../vm/tests/lib.sh" "$1" "$2"

[[ -x $STAPVM ]] || skip "stapvm not found at $STAPVM"
require_vm
release=$("$STAPVM" kernel) || skip "no kernel for the VM"
headers=/lib/modules/$release/build
[[ -f $headers/Makefile ]] || skip "no kernel headers in $headers (install linux-headers-amd64)"
command -v make >/dev/null || skip "'make' not found"
[[ -x $STAPRUN ]] || fail "staprun not built: $STAPRUN"

mod=stap_$NAME
rm -rf "$WORK/$mod" && mkdir -p "$WORK/$mod"
cp "$HERE/modules/$mod.c" "$WORK/$mod/"
printf 'obj-m := %s.o\nccflags-y := -I%s\n' "$mod" "$(cd "$HERE/../../runtime" && pwd)" > "$WORK/$mod/Kbuild"
start=$(date +%s.%N)
make -C "$headers" M="$WORK/$mod" modules > "$WORK/$mod/build.log" 2>&1 ||
  { cat "$WORK/$mod/build.log"; fail "kbuild of $mod failed"; }
end=$(date +%s.%N)
if grep -q "warning:" "$WORK/$mod/build.log"; then
  cat "$WORK/$mod/build.log"; fail "kbuild of $mod printed warnings"
fi
ko=$WORK/$mod/$mod.ko
echo "build: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s; $(stat -c %s "$ko") bytes;" \
     "text+data+bss: $(size "$ko" | awk 'NR == 2 { print $4 }') bytes"

# The privilege record staprun will read.
if [[ $NAME == hello ]]; then
  objcopy -O binary --only-section=.stap_privilege "$ko" "$WORK/priv.bin"
  [[ $(tr -d '\0' < "$WORK/priv.bin") == $'level=stapusr\nactions=probe.begin_end' ]] ||
    { od -c "$WORK/priv.bin"; fail "unexpected .stap_privilege section"; }
fi

{ echo "STAPRUN='$STAPRUN'"; echo "KO='$ko'"; cat "$HERE/cases/$NAME.sh"; echo "exit 0"; } > "$WORK/batch.sh"
"$STAPVM" run "$WORK/batch.sh" --timeout 600 > "$WORK/stdout" 2> "$WORK/stderr"
rc=$?
[[ $rc == 0 ]] || { cat "$WORK/stdout" "$WORK/stderr"; fail "stapvm exited with $rc"; }
# stapvm's own notes (e.g. about boot under load) are not the session's.
grep '^stapvm: ' "$WORK/stderr"
grep -v '^stapvm: ' "$WORK/stderr" > "$WORK/stderr.session"
status=0
diff -u "$HERE/cases/$NAME.out" "$WORK/stdout" || { echo "FAIL: stdout differs"; status=1; }
diff -u "$HERE/cases/$NAME.err" "$WORK/stderr.session" || { echo "FAIL: stderr differs"; status=1; }
[[ $status == 0 ]] && echo "PASS: runtime.$NAME"
exit $status
