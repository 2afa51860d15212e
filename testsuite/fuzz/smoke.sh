#!/bin/bash
# Builds the libFuzzer target in its own clang build directory and fuzzes
# passes 1-2 for SECONDS seconds (fixed random seed, so CI runs repeat), seeded with every .stp in the testsuite and
# the tapset library. Fails on any crash, sanitizer report, leak, hang or
# broken -p1 round trip; the input that caused it is left in
# BUILD_DIR/crash-* (reproduce with `STAP_FUZZ_ROUNDTRIP=1
# BUILD_DIR/testsuite/fuzz/stap_fuzz BUILD_DIR/crash-...`).
#
# Usage: smoke.sh SOURCE_DIR BUILD_DIR [SECONDS]
set -euo pipefail
src=$1 build=$2 seconds=${3:-60}

if ! command -v clang++-14 >/dev/null; then
  echo "fuzz.smoke: clang++-14 is not installed (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 1
fi
cmake -S "$src" -B "$build" -DSTAP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j2 --target stap_fuzz

seeds=$build/fuzz-seeds new=$build/fuzz-new
rm -rf "$seeds" "$new"
mkdir -p "$seeds" "$new"
i=0
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/$i.stp"
  i=$((i + 1))
done < <(find "$src/testsuite" "$src/tapsets" -name '*.stp' -size -64k -print0)
echo "fuzz.smoke: $i seed scripts, $seconds s"

# Also check the -p1 printer's fixed-point contract on every clean parse.
STAP_FUZZ_ROUNDTRIP=1 "$build/testsuite/fuzz/stap_fuzz" "$new" "$seeds" \
  -dict="$src/testsuite/fuzz/stap.dict" -max_total_time="$seconds" -seed=1 \
  -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/"
