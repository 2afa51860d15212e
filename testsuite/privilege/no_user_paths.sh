#!/bin/bash
# Under --privilege below stapdev the translator must not open a single
# file from a user-chosen path. The -I/SYSTEMTAP_TAPSET directory holds a
# tapset and a macro library the script uses: read, they would resolve
# `trap_fn` and `@trap`, so the "unresolved" errors prove they were not.
# The -r tree's .config sets CONFIG_STAP_TRAP, which would make the script
# call the undefined `trap_config`; its kernel.release is a FIFO, which
# would block a run that opened it before the privilege check (the timeout
# fails the test). Each run must also name the offending option or variable.
set -u
stap=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/tapsets" "$dir/runtime" "$dir/tree"
echo 'function trap_fn() { return 1 }' > "$dir/tapsets/trap.stp"
echo '@define trap %( 1 %)' > "$dir/tapsets/trap.stpm"
mkdir -p "$dir/tree/include/config"
echo 'CONFIG_STAP_TRAP=y' > "$dir/tree/.config"
mkfifo "$dir/tree/include/config/kernel.release"
touch "$dir/tree/Makefile"
fail=0
check() {  # check WHAT EXPECTED-TEXT COMMAND...
  local what=$1 want=$2
  shift 2
  out=$(timeout 20 "$@" 2>&1); rc=$?
  if [ $rc -eq 124 ]; then
    echo "FAIL ($what): the translator opened a file under a user path (hung)"; fail=1
  elif [ $rc -ne 1 ]; then
    echo "FAIL ($what): exit $rc, want 1"; echo "$out"; fail=1
  elif ! grep -qF "$want" <<<"$out"; then
    echo "FAIL ($what): no '$want' in:"; echo "$out"; fail=1
  fi
}
uses='probe begin { if (trap_fn()) exit() }'
macro='probe begin { if (@trap) exit() }'
config='probe begin { if (%( CONFIG_STAP_TRAP == "y" %? trap_config() %: 0 %)) exit() }'
check "-I" "option '-I $dir/tapsets'" "$stap" -p2 --unprivileged -I "$dir/tapsets" -e "$uses"
check "-I tapset unread" "unresolved function 'trap_fn'" "$stap" -p2 --unprivileged -I "$dir/tapsets" -e "$uses"
check "-I macros unread" "unknown macro '@trap'" "$stap" -p2 --unprivileged -I "$dir/tapsets" -e "$macro"
check "-r DIR" "option '-r $dir/tree'" "$stap" -p2 --privilege=stapsys -r "$dir/tree" -e "$config"
grep -q "unresolved function 'trap_config'" <<<"$out" &&
  { echo "FAIL (-r DIR): the tree's .config was read"; fail=1; }
check "-R" "option '-R $dir/runtime'" "$stap" -p2 --privilege=stapusr -R "$dir/runtime" -e "$config"
check "SYSTEMTAP_TAPSET" "'SYSTEMTAP_TAPSET'" env SYSTEMTAP_TAPSET="$dir/tapsets" "$stap" -p2 --unprivileged -e "$uses"
check "SYSTEMTAP_TAPSET unread" "unresolved function 'trap_fn'" env SYSTEMTAP_TAPSET="$dir/tapsets" "$stap" -p2 --unprivileged -e "$uses"
# --privilege may come last: the same verdict.
check "option order" "option '-I $dir/tapsets'" "$stap" -p2 -I "$dir/tapsets" -e "$uses" --privilege=stapusr
# Controls: as stapdev the same paths are read, which proves the traps work.
"$stap" -p2 -I "$dir/tapsets" -e "$uses" >/dev/null 2>&1 ||
  { echo "FAIL (control): stapdev did not read the -I tapset"; fail=1; }
# (and reads no FIFO: the kernel.release one is skipped, not waited for)
out=$(timeout 20 "$stap" -p2 -r "$dir/tree" -e "$config" 2>&1)
grep -q "unresolved function 'trap_config'" <<<"$out" ||
  { echo "FAIL (control): stapdev did not read the -r tree's .config"; echo "$out"; fail=1; }
[ $fail -eq 0 ] && echo "no user-controlled path was read under --privilege"
exit $fail
