#include "driver/install_layout.h"

#include <algorithm>
#include <filesystem>

namespace stap {

namespace {

namespace fs = std::filesystem;

fs::path this_executable() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

// True when this executable lives under the build tree it was compiled in.
bool under_build_tree(const fs::path &exe) {
  std::error_code ec;
  fs::path build = fs::weakly_canonical(STAP_BINARY_DIR, ec);
  if (ec || exe.empty()) return false;
  auto mismatch =
      std::mismatch(build.begin(), build.end(), exe.begin(), exe.end());
  return mismatch.first == build.end();
}

InstallLayout find_layout() {
  InstallLayout l;
  fs::path exe = this_executable();
  std::error_code ec;
  // A build never installed uses its sources wherever it was copied.
  l.build_tree =
      under_build_tree(exe) || !fs::is_directory(STAP_INSTALLED_TAPSET_DIR, ec);
  // Never "." when /proc is missing: helpers are not taken from the
  // current directory.
  std::string bin = exe.empty() ? std::string(STAP_INSTALLED_BIN_DIR)
                                : exe.parent_path().string();
  if (l.build_tree) {
    l.tapset_dir = STAP_SOURCE_DIR "/tapsets";
    l.runtime_dir = STAP_SOURCE_DIR "/runtime";
    l.vm_runner = STAP_SOURCE_DIR "/vm/stapvm";
    l.staprun = bin + "/staprun/staprun";
    l.stap_sign = bin + "/staprun/stap-sign";
    l.checker = bin + "/stap-check-c";
  } else {
    l.tapset_dir = STAP_INSTALLED_TAPSET_DIR;
    l.runtime_dir = STAP_INSTALLED_RUNTIME_DIR;
    l.vm_runner = STAP_INSTALLED_LIBEXEC_DIR "/stapvm";
    l.staprun = bin + "/staprun";
    l.stap_sign = bin + "/stap-sign";
    l.checker = STAP_INSTALLED_LIBEXEC_DIR "/stap-check-c";
  }
  return l;
}

}  // namespace

const InstallLayout &this_install_layout() {
  static const InstallLayout layout = find_layout();
  return layout;
}

}  // namespace stap
