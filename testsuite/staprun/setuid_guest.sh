# The guest half of setuid_vm.sh (BUILD, WORK and HERE are set above this
# line).
# Prints one line per result: "M USER LEVEL LOCATION SIGNATURE uid=N rc=N
# FIRST-LINE" for the matrix, "A NAME ..." for the attacks.
set -u
R=$(uname -r)
AD=/lib/modules/$R/systemtap
# The modules in the guest's own memory once: 9p under TCG is slow.
mkdir -p /tmp/m/src
cp -r "$WORK/var/." /tmp/m/src/
V=/tmp/m/src
source "$HERE/install_guest.sh"
echo "mode staprun $(stat -c '%a %U %G' $SR)"
echo "mode approved $(stat -c '%a %U %G' "$AD")"
useradd -m -G stapdev,stapusr u_dev
useradd -m -G stapsys,stapusr u_sys
useradd -m -G stapusr u_usr
useradd -m u_plain
cp "$WORK"/keys/store/* /etc/stap/staprun/
# A copy runnable by anyone (04111): staprun itself must refuse outsiders.
mkdir -p /opt/open/bin
cp /opt/stap/bin/staprun /opt/stap/bin/stapio /opt/open/bin/
chmod 04111 /opt/open/bin/staprun
chmod 1777 /tmp/m

as() {  # as USER CMD...: with the user's ids and groups
  local u=$1
  shift
  # setpriv keeps its capabilities until its own exec (so it could run a
  # file the user may not): env, run without them, execs the command.
  if [[ $u == root ]]; then "$@"; else setpriv --reuid="$u" --regid="$u" --init-groups env "$@"; fi
}
home() { [[ $1 == root ]] && echo /root/stap-setuid-test || echo "/home/$1"; }
loaded() { grep -c '^stap_' /proc/modules; }
first() { local line; IFS= read -r line; printf '%s' "$line"; }  # no exec

stamp() { echo "T $1 $(cut -d' ' -f1 /proc/uptime)"; }
stamp matrix
echo "plain-exec: $(as u_plain $SR "$AD/x.ko" 2>&1 | first)"
echo "plain-id: $(as u_plain id) $(as u_plain cat /proc/self/status | grep -E '^Cap(Eff|Prm)' | tr '\n' ' ')"

# The matrix.  Every file is staged first (tmp and home: one directory
# per signature state; the approved directory is flat, so one state at a
# time), so each case is one staprun run: TCG makes every exec count.
declare -A uid_of
for u in root u_dev u_sys u_usr u_plain; do
  uid_of[$u]=$(id -u "$u")
  for s in none valid tampered unknown; do
    for d in "/tmp/m/$u/$s" "$(home "$u")/$s"; do
      mkdir -p "$d" && cp "$V/$s"/stap_who_{usr,sys,dev}.ko* "$d/"
    done
  done
  # Only what the test made: root's home is the host's /root, copied up
  # file by file by a recursive chown.
  chown -R "$u:" "/tmp/m/$u" "$(home "$u")"/{none,valid,tampered,unknown}
done
for s in none valid tampered unknown; do
  rm -f "$AD"/stap_who_*
  cp "$V/$s"/stap_who_{usr,sys,dev}.ko* "$AD/"
  for u in root u_dev u_sys u_usr u_plain; do
    run=$SR
    [[ $u == u_plain ]] && run=/opt/open/bin/staprun
    for l in usr sys dev; do
      for loc in approved tmp home; do
        case $loc in
          approved) f=$AD/stap_who_$l.ko ;;
          tmp) f=/tmp/m/$u/$s/stap_who_$l.ko ;;
          home) f=$(home "$u")/$s/stap_who_$l.ko ;;
        esac
        out=$(as "$u" "$run" "$f" 2>&1)
        rc=$?
        echo "M $u $l $loc $s uid=${uid_of[$u]} rc=$rc ${out%%$'\n'*}"
      done
    done
  done
done
rm -f "$AD"/stap_who_*

stamp attacks
# Attacks.  The approved stap_who_usr.ko (unsigned) is the usual target.
cp "$V/none/stap_who_usr.ko" "$V/none/stap_liar.ko" "$AD/"
U=/tmp/m/u_usr
attack() {  # attack NAME USER CMD...: "A NAME rc=N first line"
  local name=$1 u=$2 out
  shift 2
  out=$(as "$u" "$@" 2>&1)
  echo "A $name rc=$? $(first <<< "$out")"
}

mv "$AD/stap_who_usr.ko" "$AD/real.ko"
cp "$V/none/stap_who_usr.ko" "$U/stap_who_usr.ko"
ln -s "$U/stap_who_usr.ko" "$AD/stap_who_usr.ko"
attack symlink-in-approved u_usr $SR "$AD/stap_who_usr.ko"
rm "$AD/stap_who_usr.ko" "$U/stap_who_usr.ko"
mv "$AD/real.ko" "$AD/stap_who_usr.ko"

as u_usr ln -s "$AD" "$U/ad"
attack user-symlink-to-approved u_usr $SR "$U/ad/stap_who_usr.ko"

sysctl -qw fs.protected_hardlinks=0
as u_usr mkdir "$U/hl"
as u_usr ln "$AD/stap_who_usr.ko" "$U/hl/stap_who_usr.ko"
attack hardlink u_usr $SR "$U/hl/stap_who_usr.ko"

chmod 0775 "$AD"
attack group-writable-dir u_usr $SR "$AD/stap_who_usr.ko"
chmod 0755 "$AD"
chmod 0664 "$AD/stap_who_usr.ko"
attack group-writable-file u_usr $SR "$AD/stap_who_usr.ko"
chmod 0644 "$AD/stap_who_usr.ko"

# Swap the signed genuine module with an imposter (one byte changed) as
# fast as the user can while staprun runs: the bytes inserted must be the
# bytes verified, so the imposter's "Loaded" line can never appear.
as u_usr mkdir "$U/race"
cp "$V/valid/stap_who_usr.ko" "$V/valid/stap_who_usr.ko.sgn" "$U/race/"
cp "$V/valid/stap_who_usr.ko" "$U/race/genuine"
cp "$V/imposter/stap_who_usr.ko" "$U/race/imposter"
chown -R u_usr: "$U/race"
setpriv --reuid=u_usr --regid=u_usr --init-groups \
  bash -c "cd $U/race; while :; do cp imposter t1; mv t1 stap_who_usr.ko; cp genuine t2; mv t2 stap_who_usr.ko; done" &
swapper=$!
genuine=0 refused=0 imposter=0 other=0
for i in $(seq 12); do
  out=$(as u_usr $SR "$U/race/stap_who_usr.ko" 2>&1)
  case $out in
    "loaded stapusr"*) genuine=$((genuine + 1)) ;;
    *"(rule 1)"*) refused=$((refused + 1)) ;;
    *Loaded*) imposter=$((imposter + 1)) ;;
    *) other=$((other + 1)); echo "race other: $out" >&2 ;;
  esac
done
kill "$swapper"
wait "$swapper" 2>/dev/null
echo "A race runs=12 genuine=$genuine refused-rule1=$refused imposter-ran=$imposter other=$other"

# Busy loops of root and u_sys give the liar's timer other users'
# processes to read (u_usr's run must read none, root's reads u_sys's).
bash -c 'while :; do :; done' &
busy=$!
setpriv --reuid=u_sys --regid=u_sys --init-groups bash -c 'while :; do :; done' &
busy_sys=$!
echo "A liar stapusr $(as u_usr $SR "$AD/stap_liar.ko" 2>&1 | first)"
echo "A liar root $($SR "$AD/stap_liar.ko" 2>&1 | first)"
kill "$busy" "$busy_sys"

for opt in stp_uid=0 STP_UID=0 Stp_Unprivileged=0 stp-uid=0 '"stp_uid"=0'; do
  attack "reserved $opt" u_usr $SR "$AD/stap_who_usr.ko" "$opt"
done
attack "reserved stp_uid=0_stp_uid=0" u_usr $SR "$AD/stap_who_usr.ko" stp_uid=0 stp_uid=0
echo "A reserved loaded=$(loaded)"

rm -f /tmp/evil.log
out=$(as u_usr env LD_PRELOAD="$WORK/evil.so" LD_LIBRARY_PATH=/tmp SYSTEMTAP_RUNTIME=/x \
      IFS=x CDPATH=/x ENV=/x BASH_ENV=/x PATH="/tmp/evilpath:$PATH" \
      $SR -c 'env; grep -E "^(Uid|Gid|CapEff)" /proc/self/status' "$AD/stap_liar.ko" 2>&1)
echo "$out" >&2
leaks=$(grep -E '^(LD_|SYSTEMTAP_|IFS=|CDPATH=|ENV=|BASH_ENV=)' <<< "$out")
echo "A env-leak ${leaks:-none}"
grep -q '^PATH=/tmp/evilpath:' <<< "$out" && echo "A env-path kept"
echo "A preload-root $(grep 'euid=0' /tmp/evil.log 2>/dev/null || echo none)"
echo "A ids $(grep -E '^(Uid|Gid|CapEff)' <<< "$out" | tr '\n' ' ' | sed 's/ $//')"

truncate -s 65M "$U/huge.ko" && chown u_usr: "$U/huge.ko"
attack huge u_usr $SR "$U/huge.ko"
head -c 2000 "$V/none/stap_who_usr.ko" > "$U/trunc.ko"
attack truncated u_usr $SR "$U/trunc.ko"
echo "not a module" > "$U/text.ko"
attack non-elf u_usr $SR "$U/text.ko"
as u_usr mkfifo "$U/fifo.ko"
attack fifo u_usr $SR "$U/fifo.ko"
cp "$V/valid/stap_who_usr.ko" "$U/stap_other.ko"
cp "$V/valid/stap_who_usr.ko.sgn" "$U/stap_other.ko.sgn"
attack renamed u_usr $SR "$U/stap_other.ko"

# The policy file: an action beyond stapusr, granted to the group or not.
cp "$V/none/stap_who_pol.ko" "$AD/"
attack policy-none u_usr $SR "$AD/stap_who_pol.ko"
printf '# test\ngrant stapusr probe.kernel.trace\nbogus line\n' > /etc/stap/privilege.conf
echo "A policy-granted $(as u_usr $SR "$AD/stap_who_pol.ko" 2>&1 | tr '\n' '|')"
chmod 0666 /etc/stap/privilege.conf
attack policy-unsafe u_usr $SR "$AD/stap_who_pol.ko"
rm /etc/stap/privilege.conf

stamp signals
# Signals.  stapio killed outright: the root guard still unloads.
as u_usr $SR "$AD/stap_liar.ko" > /run/k1 2>&1 &
job=$!
for i in $(seq 50); do pid=$(pgrep -u u_usr -x stapio) && break; sleep 0.1; done
sleep 0.5
kill -KILL "$pid"
wait "$job"
echo "A kill-stapio rc=$? $(tr '\n' ' ' < /run/k1)loaded=$(loaded)"

# The caller cannot kill the guard (fully root) while the session runs.
as u_usr $SR "$AD/stap_liar.ko" > /run/k2 2>&1 &
job=$!
for i in $(seq 50); do pid=$(pgrep -u u_usr -x stapio) && break; sleep 0.1; done
guard=$(ps -o ppid= -p "$pid" | tr -d ' ')
echo "A kill-guard $(as u_usr kill -KILL "$guard" 2>&1 | sed 's/.*: //')"
wait "$job"
echo "A kill-guard-done rc=$? loaded=$(loaded)"

# ^C: stapio stops the session, the end probe runs.
as u_usr $SR "$AD/stap_liar.ko" > /run/k3 2>&1 &
job=$!
for i in $(seq 50); do pid=$(pgrep -u u_usr -x stapio) && break; sleep 0.1; done
sleep 0.3
as u_usr kill -INT "$pid"
wait "$job"
echo "A sigint rc=$? $(first < /run/k3) loaded=$(loaded)"

# A stop signal sent to staprun itself (timeout, kill by root) is passed
# on to stapio: the session ends as on ^C.
timeout -s INT 3 $SR "$AD/stap_liar.ko" ticks=0 > /run/k5 2>&1
echo "A forwarded rc=$? $(first < /run/k5) loaded=$(loaded)"

# A transport file held open by the user (in an epoll set, which would
# keep a reference to the module's wait queue) pins the module: the guard
# removes it once the file is closed, never under it.
rm -f /tmp/m/held
as u_usr $SR "$AD/stap_liar.ko" ticks=0 > /run/k7 2>&1 &
job=$!
for i in $(seq 50); do pid=$(pgrep -u u_usr -x stapio) && break; sleep 0.1; done
as u_usr python3 -c 'import select, sys, time
f = open(sys.argv[1], "rb"); e = select.epoll(); e.register(f.fileno(), select.EPOLLIN)
open(sys.argv[2], "w").close(); time.sleep(4)' /proc/stap_stap_liar/data /tmp/m/held &
holder=$!
for i in $(seq 50); do [[ -e /tmp/m/held ]] && break; sleep 0.1; done
as u_usr kill -KILL "$pid"
sleep 1
pinned=$(loaded)
wait "$holder"
wait "$job"
echo "A held-open pinned=$pinned loaded-after-close=$(loaded)"

# SIGKILL from the caller at every early moment.
for delay in 0.001 0.005 0.01 0.02 0.05 0.1 0.2 0.3 0.5; do
  as u_usr timeout -s KILL "$delay" $SR "$AD/stap_who_usr.ko" > /dev/null 2>&1
done
for i in $(seq 30); do
  [[ $(loaded) == 0 ]] && ! pgrep -x 'staprun|stapio' > /dev/null && break
  sleep 0.2
done
echo "A early-kills loaded=$(loaded) procs=$(pgrep -c -x 'staprun|stapio')"

stamp daemon
# -D: the root guard detaches with the daemon and removes the module when
# the daemon ends, however it ends.  A session that ends by itself:
pid=$(as u_usr $SR -D -o "$U/daemon.out" "$AD/stap_liar.ko")
for i in $(seq 300); do [[ $(loaded) == 0 ]] && break; sleep 0.1; done
echo "A daemon pid=${pid//[0-9]/} loaded=$(loaded) $(first < "$U/daemon.out")"
gone() {  # gone PID: wait up to 10 s for it to end
  for i in $(seq 100); do [[ -d /proc/$1 ]] || return 0; sleep 0.1; done; return 1
}
# ... killed outright by its user: the guard removes the module.  The
# guard is root with two capabilities, OOM-immune (the daemon is not),
# in no terminal session, and the user cannot kill it.
pid=$(as u_usr $SR -D -o "$U/daemon2.out" "$AD/stap_liar.ko" ticks=0)
guard=$(ps -o ppid= -p "$pid" | tr -d ' ')
echo "A daemon-procs stapio=$(ps -o user=,comm= -p "$pid" | tr -s ' ') guard=$(ps -o user=,comm= -p "$guard" | tr -s ' ')" \
  "guard-caps=$(grep CapEff "/proc/$guard/status" | cut -f2) guard-oom=$(cat "/proc/$guard/oom_score_adj")" \
  "stapio-oom=$(cat "/proc/$pid/oom_score_adj") guard-tty=$(ps -o tty= -p "$guard" | tr -d ' ')" \
  "guard-session-leader=$([[ $(ps -o sid= -p "$guard" | tr -d ' ') == "$guard" ]] && echo yes)"
echo "A daemon-kill-guard $(as u_usr kill -KILL "$guard" 2>&1 | sed 's/.*: //')"
as u_usr kill -KILL "$pid"
gone "$guard"
echo "A daemon-kill9 loaded=$(loaded) sys-module=$(ls -d /sys/module/stap_liar 2>/dev/null | wc -l) guard=$([[ -d /proc/$guard ]] && echo alive || echo gone)"
echo "A daemon-kmsg $(dmesg | grep -o "staprun\[$guard\]: .*" | head -1)"
# ... stopped with SIGTERM by its user: the end probe's output is written.
pid=$(as u_usr $SR -D -o "$U/daemon3.out" "$AD/stap_liar.ko" ticks=0)
sleep 0.3
as u_usr kill -TERM "$pid"
gone "$pid"
for i in $(seq 50); do [[ $(loaded) == 0 ]] && break; sleep 0.1; done
echo "A daemon-term loaded=$(loaded) $(first < "$U/daemon3.out")"
# ... removed by its user with staprun -d: the daemon ends too.
pid=$(as u_usr $SR -D -o "$U/daemon4.out" "$AD/stap_liar.ko" ticks=0)
attack daemon-remove u_usr $SR -d stap_liar
gone "$pid"
echo "A daemon-removed loaded=$(loaded) stapio=$([[ -d /proc/$pid ]] && echo alive || echo gone)"
# ... that cannot start (an -o file the user may not write): its message,
# a failure, and no module left.
out=$(as u_usr $SR -D -o "$AD/daemon.out" "$AD/stap_liar.ko" 2>&1)
echo "A daemon-no-output rc=$? $(tr '\n' '|' <<< "$out") loaded=$(loaded)"
# ... in a cgroup the user owns (delegated, as systemd does for user
# sessions): cgroup.kill kills every member, but the guard has left for
# the root cgroup, and the daemon was put back in the user's.
if grep -q ' cgroup2 ' /proc/mounts || mount -t cgroup2 none /sys/fs/cgroup; then
  CG=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)/deleg
  mkdir "$CG"
  chown u_usr: "$CG" "$CG"/cgroup.{procs,threads,subtree_control}
  pid=$( (echo "$BASHPID" > "$CG/cgroup.procs"
          exec setpriv --reuid=u_usr --regid=u_usr --init-groups env bash -c \
            "mkdir $CG/w && echo \$\$ > $CG/w/cgroup.procs && exec $SR -D -o $U/daemon5.out $AD/stap_liar.ko ticks=0") 2>&1)
  guard=$(ps -o ppid= -p "$pid" | tr -d ' ')
  echo "A daemon-cgroups stapio=$(cut -d: -f3 "/proc/$pid/cgroup") guard=$(cut -d: -f3 "/proc/$guard/cgroup")"
  as u_usr sh -c "echo 1 > $CG/w/cgroup.kill"
  gone "$guard"
  echo "A daemon-cgroup-kill loaded=$(loaded) stapio=$([[ -d /proc/$pid ]] && echo alive || echo gone) guard=$([[ -d /proc/$guard ]] && echo alive || echo gone)"
  # The same in the foreground: the guard is staprun itself.
  (echo "$BASHPID" > "$CG/w/cgroup.procs"
   exec setpriv --reuid=u_usr --regid=u_usr --init-groups env $SR "$AD/stap_liar.ko" ticks=0) > /run/k6 2>&1 &
  job=$!
  for i in $(seq 50); do pid=$(pgrep -u u_usr -x stapio) && break; sleep 0.1; done
  as u_usr sh -c "echo 1 > $CG/w/cgroup.kill"
  wait "$job"
  echo "A cgroup-kill rc=$? $(tr '\n' ' ' < /run/k6)loaded=$(loaded)"
else
  echo "A daemon-cgroups no cgroup2"
fi

# A second module of the same name; unloading someone else's.  This
# session runs until ^C (ticks=0: a module option, as script globals are).
as u_usr $SR "$AD/stap_liar.ko" ticks=0 > /run/k4 2>&1 &
job=$!
for i in $(seq 50); do pid=$(pgrep -u u_usr -x stapio) && break; sleep 0.1; done
attack same-name u_sys $SR "$AD/stap_liar.ko"
attack remove-others u_sys $SR -d stap_liar
as u_usr kill -INT "$pid"
wait "$job"
echo "A first-session rc=$? $(first < /run/k4)"
attack remove-non-stap u_usr $SR -d 9p

stamp stap
# stap itself, run by the users: the level it assumes, and who may load.
out=$(as u_usr "$BUILD/stap" -p2 -e 'probe begin { exit() }' 2>&1 >/dev/null)
echo "S usr $(first <<< "$out") notes=$(grep -c 'note: you are a member' <<< "$out")"
echo "S sys $(as u_sys "$BUILD/stap" -p2 -e 'probe begin { exit() }' 2>&1 >/dev/null | first)"
echo "S plain $(as u_plain "$BUILD/stap" -e 'probe begin { exit() }' 2>&1 | first)"
# The module stap -p4 --privilege=stapusr --sign-module built on the host.
attack stap-signed u_usr $SR "$WORK/stap_signed.ko"
# Membership by the effective group alone (no supplementary groups): the
# set-group-ID way of joining stapusr.
echo "A egid-member $(setpriv --reuid=u_plain --rgid=u_plain --egid=stapusr --clear-groups env $SR "$AD/stap_who_usr.ko" 2>&1 | first)"
# Signed by a signer in the trust store whose certificate is out of date.
for s in expired future; do
  as u_usr mkdir "$U/$s"
  cp "$V/$s"/stap_who_usr.ko* "$U/$s/" && chown u_usr: "$U/$s"/*
  attack "cert-$s" u_usr $SR "$U/$s/stap_who_usr.ko"
done
attack cert-expired-root root $SR "$U/expired/stap_who_usr.ko"
echo "A final loaded=$(loaded)"
stamp end
