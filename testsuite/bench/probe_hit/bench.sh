#!/bin/bash
# Per-hit cost of a timer probe that increments a global, measured in the
# test VM (a benchmark, not a test; the VM runs under TCG, so absolute
# figures are those of an emulated CPU — compare them with each other).
#   1. hit.stp (timer.us(100) incrementing a global, 3 s) against idle.stp
#      (same length, no frequent probe): the growth of busy CPU time in
#      /proc/stat divided by the hits;
#   2. loop.stp: one handler doing N global increments against N empty
#      iterations (gettimeofday_ns): the body's own cost per increment.
#
#   bench.sh STAP STAPRUN [STAPVM]
set -eu -o pipefail
stap=${1:?usage: $0 STAP STAPRUN [STAPVM]}
staprun=${2:?usage: $0 STAP STAPRUN [STAPVM]}
here=$(cd "$(dirname "$0")" && pwd)
stapvm=${3:-$here/../../../vm/stapvm}
"$stapvm" check >/dev/null || { echo "SKIP: no VM here"; exit 77; }
release=$("$stapvm" kernel)
scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/bench_probe_hit.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export SYSTEMTAP_DIR=$scratch/home

declare -A ko
for s in hit idle; do ko[$s]=$("$stap" -p4 -r "$release" "$here/$s.stp"); done
ko[loop]=$("$stap" -p4 -r "$release" -DMAXACTION=1000000 -DSTP_NO_OVERLOAD "$here/loop.stp")

# busy = every /proc/stat cpu column but idle and iowait, in clock ticks.
{
  echo 'busy() { awk '"'"'/^cpu / { print $2 + $3 + $4 + $7 + $8 }'"'"' /proc/stat; }'
  echo 'echo "hz $(getconf CLK_TCK)"'
  for s in idle hit idle hit; do
    echo "b0=\$(busy); out=\$('$staprun' '${ko[$s]}'); b1=\$(busy)"
    echo "echo \"$s \$out busy \$((b1 - b0))\""
  done
  echo "'$staprun' '${ko[loop]}'"
} > "$scratch/job.sh"
"$stapvm" run "$scratch/job.sh" --timeout 600 > "$scratch/out"
cat "$scratch/out" >&2
awk '
  $1 == "hz" { hz = $2 }
  $1 == "hit" || $1 == "idle" { busy[$1] += $7; ns[$1] += $5; hits[$1] += $3; runs[$1]++ }
  $1 == "loop_inc_ns" { inc = $2; empty = $4; iters = $6; stat = $8; keyed = $10 }
  END {
    tick = 1e9 / hz
    extra = busy["hit"] / runs["hit"] - busy["idle"] / runs["idle"]
    h = hits["hit"] / runs["hit"]
    printf "%-44s %12s\n", "measure (TCG guest)", "value"
    printf "%-44s %12d\n", "timer.us(100) hits in 3 s (mean of 2)", h
    printf "%-44s %12.0f\n", "hits per second", h / (ns["hit"] / runs["hit"] / 1e9)
    printf "%-44s %12.1f\n", "busy ticks: hit run - idle run (mean)", extra
    printf "%-44s %12.0f\n", "ns per timer hit (busy growth / hits)", extra * tick / h
    printf "%-44s %12.1f\n", "ns per global increment in a loop", (inc - empty) / iters
    printf "%-44s %12.1f\n", "ns per empty loop iteration", empty / iters
    printf "%-44s %12.1f\n", "ns per s <<< v (scalar, per CPU)", (stat - empty) / iters
    printf "%-44s %12.1f\n", "ns per a[k] <<< v (16 keys, per CPU)", (keyed - empty) / iters
  }' "$scratch/out"
