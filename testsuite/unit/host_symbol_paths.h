// This machine's kernel files, as a run of `stap` finds them, for the tests
// that read the installed kernels. The product has no such default: only
// driver/ names the host's locations (KernelTarget::symbol_paths).
#pragma once

#include <algorithm>
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

}  // namespace stap
