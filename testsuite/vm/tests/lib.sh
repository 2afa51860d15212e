# shellcheck shell=bash
# Shared by the VM tests (sourced).  Each test takes the stapvm script and a
# scratch directory as arguments, prints "SKIP: reason" and exits 77 (ctest's
# SKIP_RETURN_CODE) when it cannot run here, and never passes without running.
set -u -o pipefail

STAPVM=${1:?usage: $0 STAPVM WORKDIR}
WORK=${2:?usage: $0 STAPVM WORKDIR}
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)  # the guest needs absolute paths
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Boot (and build for) the newest kernel whose headers are installed too: a
# newer image without headers must not turn every test into a skip.
if [[ -z ${STAPVM_KERNEL:-} ]]; then
  STAPVM_KERNEL=$("$STAPVM" kernels --headers 2>/dev/null | head -n 1)
  if [[ -n $STAPVM_KERNEL ]]; then export STAPVM_KERNEL; else unset STAPVM_KERNEL; fi
fi

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# Skips unless a VM can boot here.
require_vm() {
  local reason
  reason=$("$STAPVM" check) || skip "${reason#stapvm: }"
}

# Builds tests/modules/*.c with kbuild against the headers of the kernel the
# VM boots, into $MODULES (ctest shares one directory between the tests, so
# later tests only rebuild what changed); skips without headers or compiler.
MODULES=${STAPVM_TEST_MODULES:-$WORK/modules}
build_test_modules() {
  local release headers
  release=$("$STAPVM" kernel) || skip "no kernel for the VM"
  headers=/lib/modules/$release/build
  [[ -f $headers/Makefile ]] || skip "no kernel headers in $headers (install linux-headers-amd64)"
  command -v make >/dev/null || skip "'make' not found"
  command -v gcc >/dev/null || skip "'gcc' not found"
  mkdir -p "$MODULES"
  cp -p -u "$TESTS_DIR"/modules/{Kbuild,*.c} "$MODULES/"
  make -C "$headers" M="$MODULES" modules > "$MODULES/build.log" 2>&1 ||
    { cat "$MODULES/build.log"; fail "kbuild of the test modules failed"; }
}

# expect_line FILE LINE: FILE holds LINE exactly, as a whole line.
expect_line() {
  grep -qxF -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "expected the line '$2'"; }
}
# expect_grep FILE REGEX: some line of FILE matches the extended REGEX.
expect_grep() {
  grep -qE -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "expected a line matching '$2'"; }
}

# Sets `wanted` to the newest and the oldest kernel that have both an image
# and headers (one entry when they are the same); skips when none has.
wanted_releases() {
  local releases
  mapfile -t releases < <("$STAPVM" kernels --headers)
  [[ ${#releases[@]} -gt 0 ]] || skip "no kernel with both image and headers"
  wanted=("${releases[0]}")
  [[ ${#releases[@]} -gt 1 ]] && wanted+=("${releases[-1]}")
  return 0
}
