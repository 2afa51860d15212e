# The guest half of own_process_vm.sh (BUILD, WORK and STAPRUN_DIR are set
# above this line).  One line per session: "NAME rc=N out=LINES| err=LINES|"
# with the run-dependent numbers (B's skipped hits while A's session runs,
# B's pid) replaced by BSKIP and BPID.
set -u
source "$STAPRUN_DIR/install_guest.sh"
useradd -m -G stapusr u_a
useradd -m -G stapusr u_b
echo "ids $(id -u u_a) $(id -u u_b)"
# as USER CMD...: run with the user's ids and groups.  Not a function call
# when backgrounded: then $! is the pid the program ends up with.
as() { setpriv --reuid="$1" --regid="$1" --init-groups env "${@:2}"; }
started() {  # started PID PROGRAM: wait until PID has exec'd PROGRAM
  for _ in $(seq 300); do
    [[ $(readlink "/proc/$1/exe") == "$2" ]] && return
    sleep 0.1
  done
}
B=$WORK/bin
AD=/lib/modules/$(uname -r)/systemtap
for m in own own_tf own_sc own_noc own_tf_noc own_sc_noc own_pid own_sem own_usym own_usym_tm own_setid; do
  cp "$WORK/stap_$m.ko" "$AD/" && chmod 644 "$AD/stap_$m.ko"
done
chown root: "$B/loop_suid" && chmod 4755 "$B/loop_suid"
chown root:root "$B/loop_sgid" && chmod 2755 "$B/loop_sgid"
chmod 1777 /tmp
# session NAME USER STAPRUN-ARGS...: one staprun run, summarized.
session() {
  local name=$1 u=$2 rc
  shift 2
  as "$u" "$SR" "$@" > /tmp/o 2> /tmp/e < /dev/null
  rc=$?
  echo "$name rc=$rc out=$(tr '\n' '|' < /tmp/o) err=$(tr '\n' '|' < /tmp/e |
    sed -E "s/process ${bpid:-none} /process BPID /" |
    if [[ $name == own || $name == sc ]]; then sed -E "s/own: [1-9][0-9]*\|/own: BSKIP|/"; else cat; fi)"
}
# B's program, calling work() every 10 ms for minutes.
setpriv --reuid=u_b --regid=u_b --init-groups env "$B/loop" 100000 - 10000 & bpid=$!
started $bpid "$B/loop"
session own u_a -c "exec $B/loop 5 - 200000" "$AD/stap_own.ko"
session tf u_a -c "exec $B/loop 5 - 200000" "$AD/stap_own_tf.ko"
session sc u_a -c "exec $B/loop 5 - 200000" "$AD/stap_own_sc.ko"
kill $bpid; wait $bpid 2>/dev/null
# Without -c (the module's timer ends it): once the module is ready, A and
# B each run the program once; B's hits are skipped and counted.
session_noc() {  # session_noc NAME MODULE
  as u_a "$SR" "$AD/$2.ko" > /tmp/o 2> /tmp/e < /dev/null & spid=$!
  for _ in $(seq 600); do grep -q ready /tmp/o 2>/dev/null && break; sleep 0.1; done
  as u_b "$B/loop" 5 - 20000 & as u_a "$B/loop" 5 - 20000
  wait $!
  wait $spid; rc=$?
  # B's system calls, from its exec on: how many depends on ld.so.
  echo "$1 rc=$rc out=$(tr '\n' '|' < /tmp/o) err=$(tr '\n' '|' < /tmp/e |
    if [[ $1 == sc-noc ]]; then sed -E "s/own: [1-9][0-9]*\|/own: BSKIP|/"; else cat; fi)"
}
session_noc own-noc stap_own_noc
session_noc tf-noc stap_own_tf_noc
session_noc sc-noc stap_own_sc_noc
session sem u_a -c "exec $B/sdt_marks_O0 2" "$AD/stap_own_sem.ko"
session suid u_a -c "exec $B/loop_suid 5" "$AD/stap_own.ko"
session sgid u_a -c "exec $B/loop_sgid 5" "$AD/stap_own.ko"
setpriv --reuid=u_b --regid=u_b --init-groups env "$B/loop" 100000 - 10000 & bpid=$!
started $bpid "$B/loop"
session x-other u_a -x $bpid "$AD/stap_own.ko"
kill $bpid; wait $bpid 2>/dev/null
# -x of A's own process: it calls work() once the module is ready.
rm -f /tmp/go
setpriv --reuid=u_a --regid=u_a --init-groups env "$B/loop" 5 /tmp/go & apid=$!
started $apid "$B/loop"
as u_a "$SR" -x $apid "$AD/stap_own.ko" > /tmp/xo 2> /tmp/xe < /dev/null & spid=$!
for _ in $(seq 600); do grep -q ready /tmp/xo 2>/dev/null && break; sleep 0.1; done
touch /tmp/go
wait $spid; rc=$?
echo "x-own rc=$rc out=$(tr '\n' '|' < /tmp/xo) err=$(tr '\n' '|' < /tmp/xe)"
# process(HOST_PID): A's program gets that PID (the next PID after
# ns_last_pid), another copy of it runs too; staprun -x follows the first.
rm -f /tmp/go
echo $((HOST_PID - 1)) > /proc/sys/kernel/ns_last_pid
setpriv --reuid=u_a --regid=u_a --init-groups env "$B/loop" 5 /tmp/go 100000 & ppid_=$!
setpriv --reuid=u_a --regid=u_a --init-groups env "$B/loop" 5 /tmp/go & opid=$!
started $ppid_ "$B/loop"; started $opid "$B/loop"
if [[ $ppid_ != "$HOST_PID" ]]; then
  echo "pid: the program got PID $ppid_, not $HOST_PID"
else
  as u_a "$SR" -x $ppid_ "$AD/stap_own_pid.ko" > /tmp/po 2> /tmp/pe < /dev/null & spid=$!
  for _ in $(seq 600); do grep -q ready /tmp/po 2>/dev/null && break; sleep 0.1; done
  touch /tmp/go
  wait $spid; rc=$?
  echo "pid rc=$rc out=$(tr '\n' '|' < /tmp/po) err=$(tr '\n' '|' < /tmp/pe)"
fi
wait $opid $ppid_ 2>/dev/null
# Root runs the set-id program, A's module probes it: one case per id
# left root's (1, 2, 4, 8 calls), then all ids A's (16 calls, the end).
as u_a "$SR" "$AD/stap_own_setid.ko" > /tmp/o 2> /tmp/e < /dev/null & spid=$!
for _ in $(seq 600); do grep -q ready /tmp/o 2>/dev/null && break; sleep 0.1; done
runs=
n=1
for which in ruid suid rgid sgid none; do
  "$B/setid_work" "$(id -u u_a)" "$(id -g u_a)" $which $n; runs+=" $which=$?"
  n=$((n * 2))
done
wait $spid; rc=$?
echo "setid-runs${runs}"
echo "setid rc=$rc out=$(tr '\n' '|' < /tmp/o) err=$(tr '\n' '|' < /tmp/e)"
session usym u_a -c "exec $B/chain 2" "$AD/stap_own_usym.ko"
setpriv --reuid=u_b --regid=u_b --init-groups env "$B/chain_busy" 2000000000 & bpid=$!
started $bpid "$B/chain_busy"
session usym-other u_a "$AD/stap_own_usym_tm.ko"
kill $bpid; wait $bpid 2>/dev/null
# Root replaces the program after translation: reported, not probed.
cp "$B/loop_other" "$B/loop.new" && mv "$B/loop.new" "$B/loop"
"$SR" -c true "$AD/stap_own.ko" > /tmp/o 2> /tmp/e < /dev/null
echo "replaced rc=$? out=$(tr '\n' '|' < /tmp/o) err=$(head -n 1 /tmp/e | sed 's/ (build-id.*//')"
echo "loaded $(grep -c '^stap_' /proc/modules)"
