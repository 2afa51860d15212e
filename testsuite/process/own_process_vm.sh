#!/bin/bash
# The own-process rule with real users in the test VM: staprun installed
# setuid, two users A and B of stapusr running the same program, and one
# module built with `stap -p4 --privilege=stapusr` that probes work() in
# the program and in a setuid-root and a setgid-root copy of it, one with process.begin
# and .end of the program (the task finder), and one with its
# process.syscall, and one that probes a program root started and made A's
# in all ids but one (the real or saved uid or gid: each is skipped and
# counted).  Loaded by A with -c, it sees A's command only (B's
# process is outside its tree); without -c (sessions ended by a timer), it
# sees A's process, and B's hits are counted as skipped and reported; it
# does not probe the setuid-root or setgid-root copy A runs, and refuses `-x` of B's
# process; `-x` of A's own works; a binary replaced after translation is
# reported, not probed.
# One boot.  See own_process_guest.sh for what runs in the guest.
#   own_process_vm.sh STAPVM WORKDIR BUILD_DIR
source "$(dirname "$0")/../vm/tests/lib.sh" "$1" "$2"
BUILD=$(cd "${3:?usage: $0 STAPVM WORKDIR BUILD_DIR}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
require_vm
release=$("$STAPVM" kernel) || skip "no kernel for the VM"
[[ -f /lib/modules/$release/build/Makefile ]] || skip "no kernel headers for $release"
command -v gcc >/dev/null || skip "'gcc' not found"

# build_module NAME [STAP-OPTIONS...]: NAME.stp into stap_NAME.ko, as A would.
build_module() {
  local m=$1
  shift
  ( cd "$WORK" && rm -f "stap_$m.ko" && mkdir -p stap-home &&
    env -u STAPVM_KERNEL -u SYSTEMTAP_DIR HOME="$WORK/stap-home" "$BUILD/stap" -p4 \
      -r "$release" --privilege=stapusr "$@" -m "stap_$m" "$m.stp" > "stap-p4-$m.out" 2>&1 ) ||
    { cat "$WORK/stap-p4-$m.out"; fail "stap -p4 --privilege=stapusr of $m.stp failed"; }
}

B=$WORK/bin
python3 "$HERE/build_loop.py" "$B" || fail "gcc of the test programs"
cp "$B/loop" "$B/loop_suid"  # made setuid root in the guest
cp "$B/loop" "$B/loop_sgid"  # made setgid root in the guest
# Another build of the same source: another build-id.
gcc -g -O2 -o "$B/loop_other" "$HERE/loop.c" || fail "gcc loop_other"
cat > "$WORK/own.stp" <<STP
global hits
probe begin { println("ready") }
probe process("$B/loop").function("work"),
      process("$B/loop_suid").function("work"),
      process("$B/loop_sgid").function("work") { hits[uid(), euid()] <<< 1 }
probe end {
  foreach ([u, e] in hits) printf("uid %d euid %d hits %d\n", u, e, @count(hits[u, e]))
}
STP
build_module own

# The task finder under the same rule: process.begin/.end of the program.
cat > "$WORK/own_tf.stp" <<STP
global begins, ends
probe begin { println("ready") }
probe process("$B/loop").begin { begins[uid()] <<< 1 }
probe process("$B/loop").end { ends[uid()] <<< 1 }
probe end {
  foreach (u in begins) printf("begin uid %d: %d\n", u, @count(begins[u]))
  foreach (u in ends) printf("end uid %d: %d\n", u, @count(ends[u]))
}
STP
build_module own_tf

# process.syscall under the same rule: the program's clock_nanosleep calls.
cat > "$WORK/own_sc.stp" <<STP
global hits
probe begin { println("ready") }
probe process("$B/loop").syscall { if (\$syscall == 230) hits[uid()] <<< 1 }
probe end { foreach (u in hits) printf("sleeps uid %d: %d\n", u, @count(hits[u])) }
STP
build_module own_sc

# The same three without -c, ended by a timer: every process of the
# program is probed, and B's hits are skipped and reported.
for m in own own_tf own_sc; do
  { cat "$WORK/$m.stp"; echo 'probe timer.s(8) { exit() }'; } > "$WORK/${m}_noc.stp"
  build_module "${m}_noc"
done

# process(PID).function: the executable read from /proc/PID/exe at
# translation (a program waiting here), the probe fired only in that PID
# (the guest starts a program with the same PID, and another one); and
# process(PID).begin (found running at start) and .end of that PID only.
"$B/loop" 1 "$WORK/never" & host_pid=$!
for _ in $(seq 100); do [[ $(readlink "/proc/$host_pid/exe") == "$B/loop" ]] && break; sleep 0.05; done
cat > "$WORK/own_pid.stp" <<STP
global in_pid, elsewhere, began, ended
probe begin { println("ready") }
probe process($host_pid).function("work") {
  if (pid() == $host_pid) in_pid++; else elsewhere++
}
probe process($host_pid).begin { if (pid() == $host_pid) began++; else elsewhere++ }
probe process($host_pid).end { if (pid() == $host_pid) ended++; else elsewhere++ }
probe end {
  printf("work in PID: %d elsewhere: %d begin %d end %d\n", in_pid, elsewhere,
         began, ended)
}
STP
( build_module own_pid )
rc=$?
kill "$host_pid"; wait "$host_pid" 2>/dev/null
(( rc == 0 )) || exit $rc

# SDT marks under the same rule: the kernel would raise a mark's semaphore
# in every process mapping the file, so an unprivileged module arms marks
# without it; the unguarded mark fires, the *_ENABLED() one does not.
python3 "$HERE/build_sdt.py" "$B" || fail "gcc of the SDT program"
cat > "$WORK/own_sem.stp" <<STP
global args, guarded
probe begin { println("ready") }
probe process("$B/sdt_marks_O0").mark("args") { args++ }
probe process("$B/sdt_marks_O0").mark("guarded") { guarded++ }
probe end { printf("args %d guarded %d\n", args, guarded) }
STP
build_module own_sem

# The real and the saved ids each count on their own: root starts a
# program that sets all its uids and gids to A's but one (the real uid,
# the saved uid, the real gid, the saved gid), marks itself dumpable again
# and calls work() 1, 2, 4 and 8 times; then one with all of them A's, 16
# times, which ends the session. Only those 16 calls are A's: the other 15
# are skipped and counted.
gcc -g -O1 -o "$B/setid_work" "$HERE/setid_work.c" || fail "gcc setid_work"
cat > "$WORK/own_setid.stp" <<STP
global hits
probe begin { println("ready") }
probe process("$B/setid_work").function("work") {
  hits[uid(), euid()] <<< 1
  if (@count(hits[uid(), euid()]) == 16) exit()
}
probe timer.s(60) { println("timed out"); exit() }
probe end {
  foreach ([u, e] in hits) printf("uid %d euid %d hits %d\n", u, e, @count(hits[u, e]))
}
STP
build_module own_setid

# User symbols under stapusr: named in A's own process; a timer probe
# that lands in B's busy process gets an error, not B's memory map.
cp "$B/chain" "$B/chain_busy"
cat > "$WORK/own_usym.stp" <<STP
probe begin { println("ready") }
probe process("$B/chain").function("inner") {
  printf("%s %s %s\n", usymname(uaddr()), usymname(ustack(1)), umodname(uaddr()))
  exit()
}
STP
cat > "$WORK/own_usym_tm.stp" <<STP
probe begin { println("ready") }
probe timer.ms(1) { if (execname() == "chain_busy") println(usymname(uaddr())) }
probe timer.s(20) { println("B never interrupted"); exit() }
STP
for m in own_usym own_usym_tm; do
  build_module "$m" -d "$B/chain_busy"
done

{ echo "BUILD='$BUILD'; WORK='$WORK'; STAPRUN_DIR='$HERE/../staprun'"
  echo "HOST_PID=$host_pid"
  cat "$HERE/own_process_guest.sh"; } > "$WORK/batch.sh"
"$STAPVM" run "$WORK/batch.sh" --timeout 600 > "$WORK/out" 2> "$WORK/err"
rc=$?
[[ $rc == 0 ]] || { cat "$WORK/out" "$WORK/err"; fail "stapvm exited with $rc (125: oops, WARN or timeout)"; }
O=$WORK/out
read -r _ A BID < <(grep '^ids ' "$O")
[[ -n ${BID:-} ]] || { cat "$O" "$WORK/err"; fail "no ids line from the guest"; }
failures=0
expect() {  # expect EXACT-LINE WHAT
  if ! grep -qxF -- "$1" "$O"; then echo "FAIL: $2"; echo "  expected: $1"; failures=$((failures + 1)); fi
}
expect "install rc=0" "staprun installed setuid"
# With -c, process probes stay inside the command's process tree
# (stapprobes(3stap)): B's busy process is outside it, so it is not
# probed at all (the own-process rule inside the tree: "suid").
expect "own rc=0 out=ready|uid $A euid $A hits 5| err=" \
  "A sees its own 5 calls; B's process, outside the -c tree, is not probed"
expect "suid rc=0 out=ready| err=WARNING: probe hits skipped in processes not the user's own: 5|" \
  "a setuid-root copy run by A is not probed"
expect "sgid rc=0 out=ready| err=WARNING: probe hits skipped in processes not the user's own: 5|" \
  "a setgid-root copy run by A (egid and saved gid root) is not probed"
expect "x-other rc=1 out= err=ERROR: target process BPID is not the user's own (its real, effective and saved uid and gid must be the user's): refused|WARNING: Number of errors: 1, skipped probes: 0|" \
  "-x of B's process is refused with the reason"
expect "x-own rc=0 out=ready|uid $A euid $A hits 5| err=" "-x of A's own process"
expect "replaced rc=1 out=ready| err=ERROR: '$B/loop' is not the file the script was translated for" \
  "a replaced binary is reported by name"
expect "tf rc=0 out=ready|begin uid $A: 1|end uid $A: 1| err=" \
  "process.begin/.end: A's process only; B's is outside the -c tree"
expect "sc rc=0 out=ready|sleeps uid $A: 5| err=" \
  "process.syscall: A's 5 sleeps only; B's is outside the -c tree"
# Without -c every process of the program is probed: B's hits are
# skipped and reported, for each kind of probe.
expect "own-noc rc=0 out=ready|uid $A euid $A hits 5| err=WARNING: probe hits skipped in processes not the user's own: 5|" \
  "without -c, B's 5 calls of work() are skipped and reported"
expect "tf-noc rc=0 out=ready|begin uid $A: 1|end uid $A: 1| err=WARNING: probe hits skipped in processes not the user's own: 2|" \
  "without -c, B's process.begin and .end are skipped and reported"
expect "sc-noc rc=0 out=ready|sleeps uid $A: 5| err=WARNING: probe hits skipped in processes not the user's own: BSKIP|" \
  "without -c, B's system calls are skipped and reported"
expect "pid rc=0 out=ready|work in PID: 5 elsewhere: 0 begin 1 end 1| err=" \
  "process(PID).function, .begin and .end fire in PID only (PID's program and another copy run)"
expect "sem rc=0 out=ready|args 2 guarded 0| err=WARNING: SDT semaphores are not raised for an unprivileged user (the kernel would raise them in other users' processes too): marks of '$B/sdt_marks_O0' guarded by *_ENABLED() do not fire|" \
  "an unprivileged module raises no SDT semaphore, and says so"
expect "setid rc=0 out=ready|uid $A euid $A hits 16| err=WARNING: probe hits skipped in processes not the user's own: 15|" \
  "a process whose real or saved uid or gid alone is root's is skipped and counted, each case"
expect "setid-runs ruid=0 suid=0 rgid=0 sgid=0 none=0" "the set-id program ran every case"
expect "usym rc=0 out=ready|inner middle $B/chain| err=" \
  "usymname, ustack and umodname in A's own process under stapusr"
if ! grep -qE "^usym-other rc=1 out=ready\| err=ERROR: user symbols of pid [0-9]+ are not the user's own near " "$O"; then
  echo "FAIL: usymname in B's process (a timer probe of A's module) is an error"
  failures=$((failures + 1))
fi
expect "loaded 0" "no module left loaded"
if (( failures )); then
  echo "--- guest output:"; cat "$O"; echo "--- guest stderr:"; cat "$WORK/err"
  fail "$failures checks failed"
fi
echo "PASS: own-process rule (kernel $release)"
