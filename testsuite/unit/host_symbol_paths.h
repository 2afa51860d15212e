// This machine's kernel files, as a run of `stap` finds them, for the tests
// that read the installed kernels. The product has no such default: only
// driver/ names the host's locations (KernelTarget::symbol_paths).
#pragma once

#include <string>

#include "driver/kernel_target.h"
#include "driver/options.h"

namespace stap {

// The paths of `release` (empty: the running kernel), as `stap -r RELEASE`.
inline KernelSymbolPaths host_symbol_paths(const std::string &release = "") {
  Options o;
  o.kernel_release = release;
  return KernelTarget::resolve(o).symbol_paths();
}

}  // namespace stap
