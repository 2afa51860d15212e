#!/bin/bash
# Translation speed of kernel probe points, ours against Debian's SystemTap
# 4.8 (/usr/bin/stap, without the kernel's debuginfo), in one run:
#   stap -p2 -e 'probe syscall.* {}'       (the syscall tapset)
#   stap -p2 -e 'probe kernel.function("vfs_*") {}'
#   stap -l 'kernel.function("*")'
# each "cold" (a fresh SYSTEMTAP_DIR: our BTF cache is empty, so the BTF
# is extracted from /boot/vmlinuz-R) and "warm" (one more run reusing it).
# A run is stopped after $BENCH_TIMEOUT seconds (default 120; status 124). Prints wall seconds, exit status and the ratio 4.8 / ours
# (above 1: we are faster). A failing command is timed all the same; its
# status is shown.
#
#   bench.sh STAP [--kernel RELEASE]   (default: newest release with headers)
set -u -o pipefail
ours=${1:?usage: $0 STAP [--kernel RELEASE]}
shift
release=
[[ ${1:-} == --kernel ]] && release=$2
if [[ -z $release ]]; then
  release=$(ls -1 /lib/modules | sort -V | while read -r r; do
    [[ -f /lib/modules/$r/build/Makefile && -f /boot/vmlinuz-$r ]] && echo "$r"; done | tail -1)
fi
[[ -n $release ]] || { echo "SKIP: no kernel with headers and image"; exit 77; }
theirs=/usr/bin/stap
[[ -x $theirs ]] || { echo "SKIP: Debian's systemtap is not installed"; exit 77; }
scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/bench_translate.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# secs STAP DIR ARGS...: "SECONDS STATUS" of one run.
secs() {
  local bin=$1 dir=$2 t0 t1 rc
  shift 2
  t0=$(date +%s.%N)
  SYSTEMTAP_DIR=$dir timeout "${BENCH_TIMEOUT:-120}" "$bin" -r "$release" "$@" \
    >/dev/null 2>"$scratch/err"
  rc=$?
  t1=$(date +%s.%N)
  echo "$(echo "$t1 - $t0" | bc) $rc"
}


printf 'kernel %s, load %s\n' "$release" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %-5s %8s %4s %8s %4s %7s\n' case cache ours rc 4.8 rc ratio
run_case() {
  local name=$1
  shift
  local -A cold warm status
  for who in ours theirs; do
    local bin=$ours dir=$scratch/$who-$name
    [[ $who == theirs ]] && bin=$theirs
    mkdir -p "$dir"
    local r
    r=$(secs "$bin" "$dir" "$@")
    cold[$who]=${r% *} status[$who-cold]=${r#* }
    r=$(secs "$bin" "$dir" "$@")
    warm[$who]=${r% *} status[$who-warm]=${r#* }
  done
  for cache in cold warm; do
    local o t
    if [[ $cache == cold ]]; then o=${cold[ours]} t=${cold[theirs]}; else o=${warm[ours]} t=${warm[theirs]}; fi
    printf '%-40s %-5s %8.3f %4s %8.3f %4s %7.1f\n' "$name" "$cache" "$o" \
      "${status[ours-$cache]}" "$t" "${status[theirs-$cache]}" "$(echo "$t / $o" | bc -l)"
  done
}
run_case "-p2 syscall.*" -p2 -e 'probe syscall.* {}'
run_case "-p2 kernel.function(\"vfs_*\")" -p2 -e 'probe kernel.function("vfs_*") {}'
run_case "-l kernel.function(\"*\")" -l 'kernel.function("*")'
