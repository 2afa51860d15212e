// This machine's kernel files, as a run of `stap` finds them, for the tests
// that read the installed kernels. The product has no such default: only
// driver/ names the host's locations (KernelTarget::symbol_paths).
#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "driver/kernel_target.h"
#include "driver/options.h"

namespace stap {

// The paths of `release` (empty: the running kernel), as `stap -r RELEASE`.
inline KernelSymbolPaths host_symbol_paths(const std::string &release = "") {
  Options o;
  o.kernel_release = release;
  return KernelTarget::resolve(o).symbol_paths();
}

// The releases installed under /lib/modules, sorted.
inline std::vector<std::string> host_releases() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator("/lib/modules", ec))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// A release as a test parameter's name: "6_1_0_57_amd64".
inline std::string release_test_name(std::string release) {
  for (char &c : release)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return release;
}

}  // namespace stap
