# The guest half of own_process_vm.sh (BUILD, WORK and STAPRUN_DIR are set
# above this line).  One line per session: "NAME rc=N out=LINES| err=LINES|"
# with the run-dependent numbers (B's skipped hits, B's pid) replaced by
# BSKIP and BPID.
set -u
source "$STAPRUN_DIR/install_guest.sh"
useradd -m -G stapusr u_a
useradd -m -G stapusr u_b
echo "ids $(id -u u_a) $(id -u u_b)"
as() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --init-groups env "$@"; }
B=$WORK/bin
AD=/lib/modules/$(uname -r)/systemtap
cp "$WORK/stap_own.ko" "$AD/" && chmod 644 "$AD/stap_own.ko"
chown root: "$B/loop_suid" && chmod 4755 "$B/loop_suid"
chmod 1777 /tmp
# session NAME USER STAPRUN-ARGS...: one staprun run, summarized.
session() {
  local name=$1 u=$2 rc
  shift 2
  as "$u" "$SR" "$@" > /tmp/o 2> /tmp/e < /dev/null
  rc=$?
  echo "$name rc=$rc out=$(tr '\n' '|' < /tmp/o) err=$(tr '\n' '|' < /tmp/e |
    sed -E "s/own: [1-9][0-9]*\|/own: BSKIP|/; s/process ${bpid:-none} /process BPID /")"
}
# B's program, calling work() every 10 ms for minutes.
as u_b "$B/loop" 100000 - 10000 & bpid=$!
session own u_a "$AD/stap_own.ko" -c "exec $B/loop 5 - 200000"
kill $bpid; wait $bpid 2>/dev/null
session suid u_a "$AD/stap_own.ko" -c "exec $B/loop_suid 5"
as u_b "$B/loop" 100000 - 10000 & bpid=$!
session x-other u_a -x $bpid "$AD/stap_own.ko"
kill $bpid; wait $bpid 2>/dev/null
# -x of A's own process: it calls work() once the module is ready.
rm -f /tmp/go
as u_a "$B/loop" 5 /tmp/go & apid=$!
as u_a "$SR" -x $apid "$AD/stap_own.ko" > /tmp/xo 2> /tmp/xe < /dev/null & spid=$!
for _ in $(seq 600); do grep -q ready /tmp/xo 2>/dev/null && break; sleep 0.1; done
touch /tmp/go
wait $spid; rc=$?
echo "x-own rc=$rc out=$(tr '\n' '|' < /tmp/xo) err=$(tr '\n' '|' < /tmp/xe)"
# Root replaces the program after translation: reported, not probed.
cp "$B/loop_other" "$B/loop"
"$SR" "$AD/stap_own.ko" -c true > /tmp/o 2> /tmp/e < /dev/null
echo "replaced rc=$? out=$(tr '\n' '|' < /tmp/o) err=$(head -n 1 /tmp/e | sed 's/ (build-id.*//')"
echo "loaded $(grep -c '^stap_' /proc/modules)"
