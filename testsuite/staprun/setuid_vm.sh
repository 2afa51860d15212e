#!/bin/bash
# staprun installed setuid (cmake --install, stap-setup) in the test VM,
# run by real users created there: the matrix of users x module levels x
# locations x signatures with each expected outcome and message, then the
# attacks.  One boot.  See setuid_guest.sh for what runs in the guest.
#   setuid_vm.sh STAPVM WORKDIR BUILD_DIR
source "$(dirname "$0")/../vm/tests/lib.sh" "$1" "$2"
BUILD=$(cd "${3:?usage: $0 STAPVM WORKDIR BUILD_DIR}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
SIGN=$BUILD/staprun/stap-sign
require_vm
release=$("$STAPVM" kernel) || skip "no kernel for the VM"
headers=/lib/modules/$release/build
[[ -f $headers/Makefile ]] || skip "no kernel headers in $headers"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not found"
command -v useradd >/dev/null || skip "useradd (passwd) not found"

# The modules, built once per kernel (make rebuilds what changed).
M=$WORK/modules-$release
mkdir -p "$M"
cp -u "$HERE"/modules/{Kbuild,*.c} "$M/"
for l in usr sys dev pol; do
  [[ -f $M/stap_who_$l.c ]] || echo '#include "stap_who.c"' > "$M/stap_who_$l.c"
done
make -j2 -C "$headers" M="$M" STAP_RUNTIME="$(cd "$HERE/../../runtime" && pwd)" \
  modules > "$M/build.log" 2>&1 || { cat "$M/build.log"; fail "kbuild failed"; }

# Keys: a trusted signer (in the store the guest installs) and an unknown one.
K=$WORK/keys
rm -rf "$K" "$WORK/var"
mkdir -p "$K"
"$SIGN" new-key "$K/trusted" > /dev/null || fail "stap-sign new-key"
"$SIGN" new-key "$K/unknown" > /dev/null || fail "stap-sign new-key"
"$SIGN" trust "$K/trusted/signer.cert" "$K/store" > /dev/null || fail "stap-sign trust"
# Trusted signers whose certificates are expired, and not valid yet.
"$SIGN" new-key --not-before=2020-01-01 --not-after=2021-01-01 "$K/expired" > /dev/null || fail "stap-sign new-key (expired)"
"$SIGN" new-key --not-before=2100-01-01 --not-after=2101-06-30 "$K/future" > /dev/null || fail "stap-sign new-key (future)"
"$SIGN" trust "$K/expired/signer.cert" "$K/store" > /dev/null || fail "stap-sign trust (expired)"
"$SIGN" trust "$K/future/signer.cert" "$K/store" > /dev/null || fail "stap-sign trust (future)"
# One directory per signature state; "tampered" is signed, then one byte
# of its message changes ("loaded" -> "Loaded"), as does "imposter".
flip() { python3 - "$1" <<'PY'
import sys
p = sys.argv[1]; b = open(p, 'rb').read(); i = b.index(b'loaded stap')
open(p, 'wb').write(b[:i] + b'L' + b[i + 1:])
PY
}
for s in none valid unknown tampered imposter expired future; do mkdir -p "$WORK/var/$s"; done
# Without debug info a module is a fifth of the size: under TCG, copying
# files over 9p costs more than loading them.
for m in stap_who_usr stap_who_sys stap_who_dev stap_who_pol stap_liar; do
  strip --strip-debug -o "$WORK/var/none/$m.ko" "$M/$m.ko" || fail "strip $m"
  for s in valid unknown tampered; do cp "$WORK/var/none/$m.ko" "$WORK/var/$s/"; done
  "$SIGN" sign "$K/trusted" "$WORK/var/valid/$m.ko" > /dev/null || fail "sign $m"
  "$SIGN" sign "$K/unknown" "$WORK/var/unknown/$m.ko" > /dev/null || fail "sign $m"
  "$SIGN" sign "$K/trusted" "$WORK/var/tampered/$m.ko" > /dev/null || fail "sign $m"
done
for l in usr sys dev; do flip "$WORK/var/tampered/stap_who_$l.ko"; done
cp "$WORK/var/none/stap_who_usr.ko" "$WORK/var/imposter/" && flip "$WORK/var/imposter/stap_who_usr.ko"
for s in expired future; do
  cp "$WORK/var/none/stap_who_usr.ko" "$WORK/var/$s/"
  "$SIGN" sign "$K/$s" "$WORK/var/$s/stap_who_usr.ko" > /dev/null || fail "sign ($s)"
done
# The module stap builds for stapusr and signs (the path a compile server
# takes); in the guest a member of stapusr loads it from a non-approved place.
# (Below stapdev, stap refuses variables that move its files.)
( cd "$WORK" && rm -f stap_signed.ko* && mkdir -p stap-home &&
  env -u STAPVM_KERNEL -u SYSTEMTAP_DIR HOME="$WORK/stap-home" "$BUILD/stap" -p4 -r "$release" \
    --privilege=stapusr --sign-module="$K/trusted" -m stap_signed \
    -e 'probe begin { println("stap-built module loaded") exit() }' > stap-p4.out 2>&1 ) ||
  { cat "$WORK/stap-p4.out"; fail "stap -p4 --sign-module failed"; }
[[ -s $WORK/stap_signed.ko.sgn ]] || fail "stap --sign-module wrote no stap_signed.ko.sgn"
gcc -shared -fPIC -o "$WORK/evil.so" "$HERE/evil_preload.c" || fail "gcc evil.so"

{ echo "BUILD='$BUILD'; WORK='$WORK'; HERE='$HERE'"; cat "$HERE/setuid_guest.sh"; } > "$WORK/batch.sh"
start=$(date +%s)
"$STAPVM" run "$WORK/batch.sh" --timeout 900 > "$WORK/out" 2> "$WORK/err"
rc=$?
echo "guest: $(($(date +%s) - start)) s; $(grep '^T ' "$WORK/out" | tr '\n' ' ')"
[[ $rc == 0 ]] || { cat "$WORK/out" "$WORK/err"; fail "stapvm exited with $rc"; }
O=$WORK/out
failures=0
check() {  # check REGEX WHAT: a line of the guest's output matches
  if ! grep -qE -- "$1" "$O"; then echo "FAIL: $2 (no line matching '$1')"; failures=$((failures + 1)); fi
}
refute() {
  if grep -qE -- "$1" "$O"; then echo "FAIL: $2 (line matching '$1'):"; grep -E -- "$1" "$O"; failures=$((failures + 1)); fi
}

check '^install rc=0$' "cmake --install --component staprun"
check '^mode staprun 4110 root stapusr$' "staprun installed setuid root, group stapusr, 04110"
check '^mode approved 755 root root$' "approved directory created root-only"

# The matrix: the expected outcome, computed from the rules.
declare -A ulevel=([root]=3 [u_dev]=3 [u_sys]=2 [u_usr]=1 [u_plain]=0)
declare -A mlevel=([usr]=1 [sys]=2 [dev]=3)
name() { case $1 in 1) echo stapusr;; 2) echo stapsys;; 3) echo stapdev;; esac; }
cases=0
for u in root u_dev u_sys u_usr u_plain; do
  for l in usr sys dev; do
    for loc in approved tmp home; do
      for s in none valid tampered unknown; do
        cases=$((cases + 1))
        line=$(grep -E "^M $u $l $loc $s " "$O")
        [[ -n $line ]] || { echo "FAIL: no result for $u $l $loc $s"; failures=$((failures + 1)); continue; }
        uid=$(sed -E 's/.* uid=([0-9]+) .*/\1/' <<< "$line")
        ul=${ulevel[$u]} ml=${mlevel[$l]}
        if (( ul == 0 )); then
          want='rc=1 staprun: refused \(rule 4\): only root and members of stapusr, stapsys or stapdev may load modules'
        elif [[ $s == tampered ]]; then
          want="rc=1 staprun: refused '.*/stap_who_$l.ko' \(rule 1\): its signature does not match the module 'stap_who_$l' \(changed or renamed\); a module whose signature does not verify is refused for everyone; user '$u', groups: "
        elif (( ul == 3 )); then
          want="rc=0 loaded $(name "$ml") unprivileged=0 uid=$uid gid=$uid$"
        elif [[ $loc != approved && $s != valid ]]; then
          want="rc=1 staprun: refused '.*' \(rule 3\): $(name "$ul") loads only modules in /lib/modules/[^ ]+/systemtap or signed by a trusted signer; it is not in that directory, and "
          [[ $s == none ]] && want+="it has no signature"
          [[ $s == unknown ]] && want+="its signer 'CN=stap module signer on [^']*' is not in the trust store /etc/stap/staprun"
        elif (( ml > ul )); then
          want="rc=1 staprun: refused '.*' \(rule 3\): it was built for $(name "$ml"), and you are $(name "$ul"); user '$u', groups: "
        else
          want="rc=0 loaded $(name "$ml") unprivileged=1 uid=$uid gid=$uid$"
        fi
        grep -qE -- "^M $u $l $loc $s uid=[0-9]+ $want" <<< "$line" ||
          { echo "FAIL: $line"; echo "  expected: $want"; failures=$((failures + 1)); }
      done
    done
  done
done
echo "matrix: $cases cases"
check '^M u_usr usr approved none uid=[0-9]+ rc=0 loaded stapusr unprivileged=1' "stapusr loads an approved module"
check "^M u_plain usr approved none uid=[0-9]+ rc=1 staprun: refused \(rule 4\).*stap --remote=vm.*; user 'u_plain', groups: u_plain$" "rule 4 names the groups"
check "^plain-exec: .*Permission denied" "04110: a user outside stapusr cannot even run staprun"

# Attacks.
check "^A symlink-in-approved rc=1 staprun: cannot open module '/lib/modules/[^']*/systemtap/stap_who_usr.ko': Too many levels of symbolic links \(a symbolic link is not followed\)$" "symlink in the approved directory"
check "^A user-symlink-to-approved rc=1 staprun: refused '/tmp/m/u_usr/ad/stap_who_usr.ko' \(rule 3\): stapusr loads only modules in" "user's symlink to the approved directory"
check "^A hardlink rc=1 staprun: refused '/tmp/m/u_usr/hl/stap_who_usr.ko' \(rule 3\)" "hard link of an approved module"
check "^A group-writable-dir rc=1 staprun: refused '/lib/modules/[^']*/systemtap/stap_who_usr.ko' \(rule 3\): stapusr loads only modules in .*; '/lib/modules/[^']*/systemtap/stap_who_usr.ko': directory 'systemtap' is not owned by root or is writable by group or others, and it has no signature" "group-writable approved directory"
check "^A group-writable-file rc=1 staprun: refused .*it is not owned by root or is writable by group or others, and it has no signature" "group-writable approved module"
check "^A race runs=12 genuine=[0-9]+ refused-rule1=[0-9]+ imposter-ran=0 other=0$" "replacing the file between check and load"
refute "^A race .* genuine=0 " "the race test must load the genuine module at least once"
check '^A liar stapusr others read=0 refused>0=1$' "runtime enforces stp_unprivileged on a module that claims less"
check '^A liar root others read=[1-9][0-9]* refused>0=[01]$' "the same module reads others' memory for root"
for opt in stp_uid=0 STP_UID=0 Stp_Unprivileged=0 stp-uid=0 '"stp_uid"=0' stp_uid=0_stp_uid=0; do
  check "^A reserved $opt rc=1 staprun: module option" "reserved parameter '$opt'"
done
check '^A reserved loaded=0$' "no module loaded by a refused option"
check '^A env-leak none$' "LD_*, SYSTEMTAP_*, IFS, CDPATH, ENV, BASH_ENV do not reach stapio or -c"
check '^A env-path kept$' "PATH reaches the -c command"
check '^A preload-root none$' "LD_PRELOAD never ran with euid 0"
check '^A ids Uid:	([0-9]+)	\1	\1	\1 Gid:	([0-9]+)	\2	\2	\2 CapEff:	0000000000000000$' "-c runs as the caller, privileges dropped for good"
check "^A policy-none rc=1 staprun: refused '[^']*/stap_who_pol.ko' \(rule 3\): it uses the actions probe.kernel.trace, which neither stapusr nor the policy file grants you; user 'u_usr'" "an action beyond the level, no policy"
check "^A policy-granted staprun: /etc/stap/privilege.conf:3:1: expected 'grant GROUP ACTION...'; line ignored\|loaded stapusr unprivileged=1 uid=[0-9]+ gid=[0-9]+\|$" "the policy file grants the action to stapusr"
check "^A policy-unsafe rc=1 staprun: policy file '/etc/stap/privilege.conf' ignored: not a regular file owned by root and writable only by root$" "a world-writable policy file is ignored"
check '^A daemon pid= loaded=0 others read=0 refused>0=[01]$' "-D: the session ends by itself, the guard removes the module"
check '^A daemon-procs stapio= ?u_usr stapio guard= ?root staprun guard-caps=0000000000010020 guard-oom=-1000 stapio-oom=0 guard-tty=\? guard-session-leader=yes$' "-D: the guard is root with CAP_SYS_MODULE and CAP_KILL only, OOM-immune, detached; the daemon is the user's"
check '^A daemon-kill-guard Operation not permitted$' "-D: the user cannot kill the guard"
check '^A daemon-kill9 loaded=0 sys-module=0 guard=gone$' "-D: kill -9 of the daemon, the guard removes the module"
check "^A daemon-kmsg staprun\[[0-9]+\]: daemon stapio \(pid [0-9]+\) of user 'u_usr' was killed by signal 9; module 'stap_liar' removed$" "-D: the guard reports in the kernel log"
check '^A daemon-term loaded=0 others read=0 refused>0=[01]$' "-D: SIGTERM to the daemon runs the end probe, module removed"
check '^A daemon-remove rc=0 $' "-D: staprun -d by its user"
check '^A daemon-removed loaded=0 stapio=gone$' "-D: staprun -d stops the daemon and removes the module"
check "^A daemon-no-output rc=1 stapio: cannot open '/lib/modules/[^']*/systemtap/daemon.out': Permission denied\|staprun: stapio ended before the daemon started; module 'stap_liar' removed\| loaded=0$" "-D: a daemon that cannot start fails with its reason, module removed"
check '^A daemon-cgroups stapio=/deleg/w guard=/$' "-D: the guard leaves the user's cgroup, the daemon stays in it"
check '^A daemon-cgroup-kill loaded=0 stapio=gone guard=gone$' "-D: cgroup.kill of the user's cgroup kills the daemon, not the guard"
check "^A cgroup-kill rc=137 staprun: stapio was killed by signal 9; module 'stap_liar' removed loaded=0$" "cgroup.kill in the foreground: the guard survives and unloads"
check '^A held-open pinned=1 loaded-after-close=0$' "a /proc/stap_NAME file held open pins the module; the guard removes it once closed"
check "^A huge rc=1 staprun: module '[^']*' is 68157440 bytes, over the limit of 64 MiB$" "huge .ko"
check "^A truncated rc=1 staprun: '[^']*' is not a kernel module for this machine: bad section header table$" "truncated .ko"
check "^A non-elf rc=1 staprun: '[^']*' is not a kernel module for this machine: not an ELF file$" "non-ELF file"
check "^A fifo rc=1 staprun: '[^']*' is not a regular file$" "a FIFO"
check "^A renamed rc=1 staprun: '[^']*/stap_other.ko' holds module 'stap_who_usr'; its file must be named 'stap_who_usr.ko'$" "a renamed module"
check '^A kill-stapio rc=137 .*stapio was killed by signal 9; module .stap_liar. removed loaded=0$' "stapio killed: the guard unloads"
check '^A kill-guard Operation not permitted$' "the caller cannot kill the root guard"
check '^A kill-guard-done rc=0 loaded=0$' "the session survives a kill attempt on the guard"
check '^A sigint rc=0 others read=0 refused>0=[01] loaded=0$' "SIGINT stops the session, end probes run, unloaded"
check '^A forwarded rc=124 others read=[0-9]+ refused>0=[01] loaded=0$' "a stop signal sent to staprun reaches stapio"
check '^A early-kills loaded=0 procs=0$' "SIGKILL at any early stage leaves no module and no process"
check "^A same-name rc=1 staprun: a module named 'stap_liar' is already loaded; unload it first, or build this one with another name \(stap -m\)$" "a second module of the same name"
check "^A remove-others rc=1 staprun: refused to remove module 'stap_liar': loaded by another user; user 'u_sys'" "staprun -d of another user's module"
check '^A first-session rc=0 others read=0' "the first session is unharmed"
check "^A remove-non-stap rc=1 staprun: '9p' is not a loaded stap module$" "staprun -d of a module that is not stap's"
check '^S usr stap: note: you are a member of stapusr \(not stapdev\): building with --privilege=stapusr notes=1$' "stap picks stapusr for a stapusr member, and says so once"
check '^S sys stap: note: you are a member of stapsys \(not stapdev\): building with --privilege=stapsys$' "stap picks stapsys for a stapsys member"
check '^S plain stap: error: you are not root and not a member of stapusr, stapsys or stapdev, so staprun will not load a module for you; .* --remote=vm$' "stap names the groups and --remote=vm"
check '^A stap-signed rc=0 stap-built module loaded$' "a module stap built and signed loads for stapusr"
signer="its signer 'CN=stap module signer on [^']*,O=stap' is in the trust store, but its certificate"
check "^A cert-expired rc=1 staprun: refused '/tmp/m/u_usr/expired/stap_who_usr.ko' \\(rule 3\\): stapusr loads only modules in [^ ]+ or signed by a trusted signer; it is not in that directory, and $signer has expired \\(valid from 2020-01-01 00:00:00 UTC to 2021-01-01 00:00:00 UTC\\); user 'u_usr'" "a trusted signer's expired certificate is refused, naming the signer and the dates"
check "^A cert-future rc=1 staprun: refused '/tmp/m/u_usr/future/stap_who_usr.ko' \\(rule 3\\): .*, and $signer is not valid yet \\(valid from 2100-01-01 00:00:00 UTC to 2101-06-30 00:00:00 UTC\\); user 'u_usr'" "a trusted signer's certificate not valid yet is refused"
check '^A cert-expired-root rc=0 loaded stapusr unprivileged=0' "root loads a module whose signer expired (rule 2: only a bad signature stops root)"
check '^A egid-member loaded stapusr unprivileged=1 uid=([0-9]+) gid=\1$' "membership by the effective group alone"
check '^A final loaded=0$' "no stap module left loaded"
if (( failures )); then
  echo "--- guest output:"; cat "$O"; echo "--- guest stderr:"; cat "$WORK/err"
  fail "$failures checks failed"
fi
echo "PASS: $cases matrix cases and the attacks"
