# exit() from a timer probe
"$STAPRUN" "$KO"; echo "rc=$?"
# -c CMD: starts after begin, the session ends when it exits; the
# reserved parameters reach the module
"$STAPRUN" -c 'echo cmd started; cat /sys/module/stap_timers/parameters/stp_unprivileged /sys/module/stap_timers/parameters/stp_uid; sleep 0.3' "$KO" stop_after=0; echo "rc=$?"
# SIGINT: end probes run, output drained to -o FILE
"$STAPRUN" -o /run/timers.out "$KO" stop_after=0 &
for i in $(seq 100); do [ -e /proc/stap_stap_timers/control ] && break; sleep 0.1; done
sleep 0.5; kill -INT $!; wait $!; echo "rc=$?"
cat /run/timers.out
# -x PID: the session ends when the process does
sleep 0.5 & "$STAPRUN" -x $! "$KO" stop_after=0; echo "rc=$?"
# -D: in the background, output to -o FILE; wait for the module to go
pid=$("$STAPRUN" -D -o /run/daemon.out "$KO"); echo "rc=$? pid>0=$((pid > 0))"
for i in $(seq 100); do grep -q "^stap_timers " /proc/modules || break; sleep 0.1; done
cat /run/daemon.out
# user options may not name reserved parameters ('-' counts as '_')
"$STAPRUN" "$KO" stp-uid=0; echo "rc=$?"
"$STAPRUN" "$KO" 'stop_after="1 stp_uid=0"'; echo "rc=$?"
# fail-safe: a bare insmod leaves the module unprivileged and ownerless
insmod "$KO" && cat /sys/module/stap_timers/parameters/stp_unprivileged /sys/module/stap_timers/parameters/stp_uid && rmmod stap_timers
grep -c "^stap_timers " /proc/modules
