#!/bin/bash
# Under --privilege below stapdev the translator must not open a single
# file from a user-chosen path. The -I/SYSTEMTAP_TAPSET directory holds a
# tapset and a macro library the script uses: read, they would resolve
# `trap_fn` and `@trap`, so the "unresolved" errors prove they were not.
# The -r tree's .config is a FIFO: opening it would block, and the timeout
# fails the test. Each run must also name the offending option or variable.
set -u
stap=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/tapsets" "$dir/runtime" "$dir/tree"
echo 'function trap_fn() { return 1 }' > "$dir/tapsets/trap.stp"
echo '@define trap %( 1 %)' > "$dir/tapsets/trap.stpm"
mkfifo "$dir/tree/.config"
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
config='probe begin { if (%( CONFIG_SMP == "y" %? 1 %: 0 %)) exit() }'
check "-I" "option '-I $dir/tapsets'" "$stap" -p2 --unprivileged -I "$dir/tapsets" -e "$uses"
check "-I tapset unread" "unresolved function 'trap_fn'" "$stap" -p2 --unprivileged -I "$dir/tapsets" -e "$uses"
check "-I macros unread" "unknown macro '@trap'" "$stap" -p2 --unprivileged -I "$dir/tapsets" -e "$macro"
check "-r DIR" "option '-r $dir/tree'" "$stap" -p2 --privilege=stapsys -r "$dir/tree" -e "$config"
check "-R" "option '-R $dir/runtime'" "$stap" -p2 --privilege=stapusr -R "$dir/runtime" -e "$config"
check "SYSTEMTAP_TAPSET" "'SYSTEMTAP_TAPSET'" env SYSTEMTAP_TAPSET="$dir/tapsets" "$stap" -p2 --unprivileged -e "$uses"
check "SYSTEMTAP_TAPSET unread" "unresolved function 'trap_fn'" env SYSTEMTAP_TAPSET="$dir/tapsets" "$stap" -p2 --unprivileged -e "$uses"
# --privilege may come last: the same verdict.
check "option order" "option '-I $dir/tapsets'" "$stap" -p2 -I "$dir/tapsets" -e "$uses" --privilege=stapusr
# Controls: as stapdev the same paths are read, which proves the traps work.
"$stap" -p2 -I "$dir/tapsets" -e "$uses" >/dev/null 2>&1 ||
  { echo "FAIL (control): stapdev did not read the -I tapset"; fail=1; }
timeout 5 "$stap" -p2 -r "$dir/tree" -e "$config" >/dev/null 2>&1
[ $? -eq 124 ] || { echo "FAIL (control): stapdev did not read the -r tree's .config"; fail=1; }
[ $fail -eq 0 ] && echo "no user-controlled path was read under --privilege"
exit $fail
