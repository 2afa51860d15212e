#!/bin/bash
# Translation speed of kernel probe points, ours against Debian's SystemTap
# 4.8 (/usr/bin/stap, without the kernel's debuginfo), in one run:
#   stap -p2 -e 'probe syscall.* {}'       (the syscall tapset)
#   stap -p2 -e 'probe kernel.function("vfs_*") {}'
#   stap -l 'kernel.function("*")'
# each "cold" (a fresh SYSTEMTAP_DIR: our BTF cache is empty, so the BTF
# is extracted from /boot/vmlinuz-R) and "warm" (the best of three more
# runs reusing it: the machine is shared, the best run is the cost).
# A run is stopped after $BENCH_TIMEOUT seconds (default 120; status 124).
# Prints wall and CPU seconds, exit status and the ratios 4.8 / ours
# (above 1: we are faster). A failing command is timed all the same; its
# status is shown.
#
#   bench.sh STAP [--kernel RELEASE]   (default: every release with headers
#                                       and an image, one table each)
set -u -o pipefail
ours=${1:?usage: $0 STAP [--kernel RELEASE]}
shift
releases=()
[[ ${1:-} == --kernel ]] && releases=("$2")
if [[ ${#releases[@]} == 0 ]]; then
  for r in $(ls -1 /lib/modules | sort -V); do
    [[ -f /lib/modules/$r/build/Makefile && -f /boot/vmlinuz-$r ]] && releases+=("$r")
  done
fi
[[ ${#releases[@]} -gt 0 ]] || { echo "SKIP: no kernel with headers and image"; exit 77; }
theirs=/usr/bin/stap
[[ -x $theirs ]] || { echo "SKIP: Debian's systemtap is not installed"; exit 77; }
scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/bench_translate.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# secs STAP DIR ARGS...: "WALL CPU STATUS" of one run (CPU: user + system
# seconds, the figure that stays put on a shared, loaded machine).
secs() {
  local bin=$1 dir=$2 t0 t1 rc
  shift 2
  t0=$(date +%s.%N)
  SYSTEMTAP_DIR=$dir /usr/bin/time -f "%U %S" -o "$scratch/cpu" \
    timeout "${BENCH_TIMEOUT:-120}" "$bin" -r "$release" "$@" \
    >/dev/null 2>"$scratch/err"
  rc=$?
  t1=$(date +%s.%N)
  # time prints "Command exited with non-zero status N" first on failure.
  echo "$(echo "$t1 - $t0" | bc) $(tail -1 "$scratch/cpu" | awk '{print $1 + $2}') $rc"
}


run_case() {
  local name=$1
  shift
  local -A wall cpu status
  for who in ours theirs; do
    local bin=$ours dir=$scratch/$release-$who-$name
    [[ $who == theirs ]] && bin=$theirs
    mkdir -p "$dir"
    local r cache
    r=($(secs "$bin" "$dir" "$@"))
    wall[$who-cold]=${r[0]} cpu[$who-cold]=${r[1]} status[$who-cold]=${r[2]}
    for _ in 1 2 3; do
      r=($(secs "$bin" "$dir" "$@"))
      if [[ -z ${cpu[$who-warm]:-} ]] || (($(echo "${r[1]} < ${cpu[$who-warm]}" | bc))); then
        wall[$who-warm]=${r[0]} cpu[$who-warm]=${r[1]} status[$who-warm]=${r[2]}
      fi
    done
  done
  for cache in cold warm; do
    printf '%-34s %-5s %7.3f %7.3f %4s %7.3f %7.3f %4s %6.1f %6.1f\n' "$name" \
      "$cache" "${wall[ours-$cache]}" "${cpu[ours-$cache]}" \
      "${status[ours-$cache]}" "${wall[theirs-$cache]}" \
      "${cpu[theirs-$cache]}" "${status[theirs-$cache]}" \
      "$(echo "${wall[theirs-$cache]} / ${wall[ours-$cache]}" | bc -l)" \
      "$(echo "${cpu[theirs-$cache]} / (${cpu[ours-$cache]} + 0.001)" | bc -l)"
  done
}
for release in "${releases[@]}"; do
  printf '\nkernel %s, load %s\n' "$release" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-34s %-5s %7s %7s %4s %7s %7s %4s %6s %6s\n' case cache ours cpu rc \
    4.8 cpu rc ratio cpu
  run_case "-p2 syscall.*" -p2 -e 'probe syscall.* {}'
  run_case "-p2 kernel.function(\"vfs_*\")" -p2 -e 'probe kernel.function("vfs_*") {}'
  run_case "-l kernel.function(\"*\")" -l 'kernel.function("*")'
done
