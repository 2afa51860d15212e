#!/bin/bash
# Pass 4 cost, as a table (a benchmark, not a test):
#   1. `stap -p4` of hello world with an empty cache (a fresh SYSTEMTAP_DIR
#      per run) against the bare one-file kbuild of kbuild_hello/hello.c:
#      median of RUNS each, and their ratio — what our runtime and checks
#      add over the floor kbuild itself sets;
#   2. a new script when the kernel's feature probes and the prebuilt
#      runtime object are cached (the usual case), against the same floor;
#   3. a cache hit, from `stap` start to the printed module path (median
#      of 10);
#   4. the module's size: the .ko file, and text+data+bss from `size`.
#
#   bench.sh STAP [RUNS] [--kernel RELEASE]        (RUNS defaults to 3)
#
# Wall time follows the machine's load (see kbuild_hello/bench.sh); the
# load average is printed with the table so runs can be compared.
set -eu -o pipefail

stap=${1:?usage: $0 STAP [RUNS] [--kernel RELEASE]}; shift
runs=3 release=
while [[ $# -gt 0 ]]; do
  case $1 in
    --kernel) release=$2; shift 2 ;;
    *) runs=$1; shift ;;
  esac
done
if [[ -z $release ]]; then
  for dir in /lib/modules/*/build; do
    [[ -f $dir/Makefile ]] && { release=$(basename "$(dirname "$dir")"); break; }
  done
fi
headers=/lib/modules/$release/build
[[ -n $release && -f $headers/Makefile ]] || { echo "no kernel headers (install linux-headers-amd64)" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/bench_pass4.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
script='probe begin { println("hello world") exit() }'

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END {
  printf "%.3f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

stap_times=() kbuild_times=()
for ((i = 1; i <= runs; i++)); do
  home=$scratch/home.$i
  mkdir "$home"
  t0=$(now)
  ko=$(SYSTEMTAP_DIR=$home "$stap" -p4 -r "$release" -e "$script")
  t1=$(now)
  stap_times+=("$(elapsed "$t0" "$t1")")

  rm -rf "$scratch/kb" && mkdir "$scratch/kb"
  cp "$here/../kbuild_hello/hello.c" "$here/../kbuild_hello/Kbuild" "$scratch/kb/"
  t0=$(now)
  make -C "$headers" M="$scratch/kb" modules > "$scratch/kb.log" 2>&1 ||
    { cat "$scratch/kb.log" >&2; exit 1; }
  t1=$(now)
  kbuild_times+=("$(elapsed "$t0" "$t1")")
  echo "run $i: stap -p4 ${stap_times[-1]}s, kbuild hello.ko ${kbuild_times[-1]}s" >&2
done

# The usual case: a script not built before, for a kernel whose feature
# probes and prebuilt runtime object are already cached.
warm_times=()
for ((i = 1; i <= runs; i++)); do
  t0=$(now)
  SYSTEMTAP_DIR=$home "$stap" -p4 -r "$release" -e "probe begin { println(\"hello $i\") exit() }" > /dev/null
  t1=$(now)
  warm_times+=("$(elapsed "$t0" "$t1")")
done

# Cache hits: the last run's cache holds the module.
hit_times=()
for ((i = 1; i <= 10; i++)); do
  t0=$(now)
  SYSTEMTAP_DIR=$home "$stap" -p4 -r "$release" -e "$script" > /dev/null
  t1=$(now)
  hit_times+=("$(elapsed "$t0" "$t1")")
done

ms=$(median "${stap_times[@]}") mk=$(median "${kbuild_times[@]}")
read -r text data bss _ < <(size "$ko" | awk 'NR == 2')
read -r ktext kdata kbss _ < <(size "$scratch/kb/hello.ko" | awk 'NR == 2')
printf '%-38s %12s\n' "measure ($release)" "value"
printf '%-38s %11ss\n' "stap -p4 hello, empty cache (median $runs)" "$ms"
printf '%-38s %11ss\n' "kbuild hello.ko (median $runs)" "$mk"
printf '%-38s %11sx\n' "ratio stap -p4 / kbuild" "$(awk -v a="$ms" -v b="$mk" 'BEGIN { printf "%.2f", a / b }')"
mw=$(median "${warm_times[@]}")
printf '%-38s %11ss\n' "stap -p4 new script, runtime cached" "$mw"
printf '%-38s %11sx\n' "ratio that / kbuild" "$(awk -v a="$mw" -v b="$mk" 'BEGIN { printf "%.2f", a / b }')"
printf '%-38s %11ss\n' "stap -p4 cache hit (median 10)" "$(median "${hit_times[@]}")"
printf '%-38s %12s\n' "stap module .ko bytes" "$(stat -c %s "$ko")"
printf '%-38s %12s\n' "stap module text+data+bss" "$((text + data + bss)) ($text+$data+$bss)"
printf '%-38s %12s\n' "hello.ko bytes" "$(stat -c %s "$scratch/kb/hello.ko")"
printf '%-38s %12s\n' "hello.ko text+data+bss" "$((ktext + kdata + kbss)) ($ktext+$kdata+$kbss)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
