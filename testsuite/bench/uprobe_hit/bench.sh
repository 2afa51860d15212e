#!/bin/bash
# Cost per hit of a process.function probe against bpftrace's uprobe doing
# the same (a per-CPU count), in one boot of the test VM (a benchmark, not
# a test: under TCG the absolute figures are an emulated CPU's, the ratio
# is what to read).  testsuite/process/loop.c calls work() N times in a
# tight loop and times the loop itself; per hit = (probed - bare) / N.
#   bench.sh STAP STAPRUN [STAPVM] [N]
# Measured (6.12 guest under TCG, N=100000, host load about 20, mean of 2):
# no probe 14 ns per call; stap 48707 ns per hit; bpftrace 108540 ns per
# hit; ratio stap / bpftrace 0.45.
set -eu -o pipefail
stap=${1:?usage: $0 STAP STAPRUN [STAPVM] [N]}
staprun=${2:?usage: $0 STAP STAPRUN [STAPVM] [N]}
here=$(cd "$(dirname "$0")" && pwd)
stapvm=${3:-$here/../../../vm/stapvm}
n=${4:-100000}
"$stapvm" check >/dev/null || { echo "SKIP: no VM here"; exit 77; }
command -v bpftrace >/dev/null || { echo "SKIP: bpftrace not installed"; exit 77; }
release=$("$stapvm" kernel)
scratch=$(mktemp -d "${TMPDIR:-/var/tmp}/bench_uprobe_hit.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export SYSTEMTAP_DIR=${SYSTEMTAP_DIR:-$scratch/home}  # a warm cache may be given
python3 "$here/../../process/build_loop.py" "$scratch/bin" > /dev/null
P=$scratch/bin/loop
cat > "$scratch/hit.stp" <<STP
global hits
probe process("$P").function("work") { hits <<< 1 }
probe end { printf("stap_hits %d\n", @count(hits)) }
STP
ko=$("$stap" -p4 -r "$release" "$scratch/hit.stp")
{
  for i in 1 2; do
    echo "echo bare \$('$P' $n - 0 time)"
    echo "echo stap \$('$staprun' -c \"exec '$P' $n - 0 time\" '$ko' | tr '\n' ' ')"
    echo "echo bpftrace \$(bpftrace -q -e 'uprobe:$P:work { @hits = count(); }' -c \"$P $n - 0 time\" | tr '\n' ' ')"
  done
} > "$scratch/job.sh"
"$stapvm" run "$scratch/job.sh" --timeout 900 > "$scratch/out"
cat "$scratch/out" >&2
awk -v n="$n" '
  { for (i = 1; i < NF; i++) if ($i == "loop_ns") { ns[$1] += $(i + 1); runs[$1]++ } }
  END {
    bare = ns["bare"] / runs["bare"]
    s = (ns["stap"] / runs["stap"] - bare) / n
    b = (ns["bpftrace"] / runs["bpftrace"] - bare) / n
    printf "%-44s %12s\n", "measure (TCG guest, mean of 2)", "value"
    printf "%-44s %12.0f\n", "ns per call, no probe", bare / n
    printf "%-44s %12.0f\n", "ns per hit, stap process.function", s
    printf "%-44s %12.0f\n", "ns per hit, bpftrace uprobe", b
    printf "%-44s %12.2f\n", "ratio stap / bpftrace", s / b
  }' "$scratch/out"
