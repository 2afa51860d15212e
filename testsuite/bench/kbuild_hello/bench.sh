#!/bin/bash
# Time of a clean kbuild of a one-file hello.ko: the floor under which
# `stap -p4` cannot go, since pass 4 runs the same kbuild on more C.
#
#   bench.sh [RUNS] [--kernel RELEASE]      (RUNS defaults to 5)
#
# Prints each run's wall and CPU (user + system) seconds, then the median,
# min and max of each, and the load average.  On a shared machine wall time
# follows the load (0.9 s idle, 4 s at load 12 on 2 CPUs) while CPU time
# barely moves: compare CPU time across machines, wall time only on the same
# quiet machine.  Builds in a scratch directory under ${TMPDIR:-/var/tmp},
# removed afterwards.
set -eu -o pipefail

runs=5 release=
while [[ $# -gt 0 ]]; do
  case $1 in
    --kernel) release=$2; shift 2 ;;
    *) runs=$1; shift ;;
  esac
done
# Default: the first kernel that has headers (the one pass 4 would use).
if [[ -z $release ]]; then
  for dir in /lib/modules/*/build; do
    [[ -f $dir/Makefile ]] && { release=$(basename "$(dirname "$dir")"); break; }
  done
fi
headers=/lib/modules/$release/build
[[ -n $release && -f $headers/Makefile ]] || { echo "no kernel headers (install linux-headers-amd64)" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/kbuild_hello.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# median LABEL VALUES...: prints the median, min and max of the values.
median() {
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" '
    { t[NR] = $1 }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%s median: %.3fs  min: %.3fs  max: %.3fs\n", label, median, t[1], t[NR]
    }'
}

echo "kbuild of hello.ko against $release, $runs runs"
walls=() cpus=()
for ((i = 1; i <= runs; i++)); do
  # Every run starts from the sources alone, as pass 4 does in a fresh
  # build directory.
  rm -rf "$scratch/build"
  mkdir "$scratch/build"
  cp "$here/hello.c" "$here/Kbuild" "$scratch/build/"
  # bash's time keyword: wall, user and system seconds of the kbuild.
  TIMEFORMAT='%R %U %S'
  { time make -C "$headers" M="$scratch/build" modules > "$scratch/log" 2>&1; } 2> "$scratch/time" ||
    { cat "$scratch/log" >&2; exit 1; }
  [[ -f $scratch/build/hello.ko ]] || { echo "kbuild produced no hello.ko" >&2; exit 1; }
  read -r wall user sys < "$scratch/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
  walls+=("$wall") cpus+=("$cpu")
  echo "run $i: ${wall}s wall, ${cpu}s cpu"
done

median wall "${walls[@]}"
median cpu "${cpus[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
