// Where the parts of the product are: the tapset library, the runtime
// sources, the loader, the signer, the emission checker and the VM runner
// behind --remote=vm. The build tree's own when this stap runs from the
// build it was compiled in (no install step to run or test), else the
// installed ones (`cmake --install`). Found once per process, here only:
// the rest of stap asks Options::layout.
#pragma once

#include <string>

namespace stap {

struct InstallLayout {
  bool build_tree = false;  // running from the build directory
  std::string tapset_dir;   // the built-in tapset library
  std::string runtime_dir;  // runtime/ sources compiled into each module
  std::string staprun;      // the loader
  std::string stap_sign;    // --sign-module
  std::string checker;      // stap-check-c, the emission check
  std::string vm_runner;    // stapvm, behind --remote=vm
};

// This executable's layout (computed on the first call).
const InstallLayout &this_install_layout();

}  // namespace stap
