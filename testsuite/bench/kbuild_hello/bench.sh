#!/bin/bash
# Wall time of a clean kbuild of a one-file hello.ko: the floor under which
# `stap -p4` cannot go, since pass 4 runs the same kbuild on more C.
#
#   bench.sh [RUNS] [--kernel RELEASE]      (RUNS defaults to 5)
#
# Prints each run's seconds, then "median: S" (and min/max).  Builds in a
# scratch directory under ${TMPDIR:-/var/tmp}, removed afterwards.
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

echo "kbuild of hello.ko against $release, $runs runs"
times=()
for ((i = 1; i <= runs; i++)); do
  # Every run starts from the sources alone, as pass 4 does in a fresh
  # build directory.
  rm -rf "$scratch/build"
  mkdir "$scratch/build"
  cp "$here/hello.c" "$here/Kbuild" "$scratch/build/"
  start=$(date +%s%N)
  make -C "$headers" M="$scratch/build" modules > "$scratch/log" 2>&1 ||
    { cat "$scratch/log" >&2; exit 1; }
  end=$(date +%s%N)
  [[ -f $scratch/build/hello.ko ]] || { echo "kbuild produced no hello.ko" >&2; exit 1; }
  t=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  times+=("$t")
  echo "run $i: ${t}s"
done

printf '%s\n' "${times[@]}" | sort -n | awk '
  { t[NR] = $1 }
  END {
    median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "median: %.3fs  min: %.3fs  max: %.3fs\n", median, t[1], t[NR]
  }'
