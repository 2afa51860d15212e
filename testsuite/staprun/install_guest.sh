# shellcheck shell=bash
# Sourced in the guest by the VM tests that need staprun installed setuid
# the way a package installs it (cmake --install of the staprun component,
# which runs stap-setup: the stap* groups, the approved directory, the
# trust store).  Needs BUILD; prints "install rc=N"; sets SR to staprun.
cmake --install "$BUILD" --component staprun --prefix /opt/stap > /run/install.log 2>&1
echo "install rc=$?"
cat /run/install.log >&2
SR=/opt/stap/bin/staprun
