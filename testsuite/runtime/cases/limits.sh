# A computed %m format in a module without memory.kernel.read: refused at
# run time, nothing of the kernel string printed.
"$STAPRUN" "$KO"; echo "rc=$?"
# The reserved parameters: all set once (staprun) or none (bare insmod,
# fail-safe unprivileged); twice, or only some, refuses the load.
insmod "$KO" stp_unprivileged=0 stp_unprivileged=1 stp_uid=0 stp_gid=0 2>/dev/null; echo "insmod twice: rc=$?"
insmod "$KO" stp_unprivileged=0 2>/dev/null; echo "insmod one of three: rc=$?"
dmesg | grep -o 'stap: parameter stp_unprivileged given more than once'
dmesg | grep -o 'stap: stp_unprivileged, stp_uid and stp_gid must be set together, once each'
grep -c "^stap_limits " /proc/modules
insmod "$KO"; echo "bare insmod: rc=$? unprivileged=$(cat /sys/module/stap_limits/parameters/stp_unprivileged) uid=$(cat /sys/module/stap_limits/parameters/stp_uid)"
rmmod stap_limits; echo "rmmod: rc=$?"
# Smuggling through the kernel's other blanks and a bare "--".
"$STAPRUN" "$KO" $'x=1\vstp_unprivileged=0\v--'; echo "rc=$?"
"$STAPRUN" "$KO" $'x=1\xa0stp_uid=0'; echo "rc=$?"
"$STAPRUN" "$KO" --; echo "rc=$?"
"$STAPRUN" "$KO" stp-uid=0; echo "rc=$?"
