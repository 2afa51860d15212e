// Passes 3-5: C generation, the module build (through the module cache),
// and the run through staprun — on this host, or in the test VM with
// --remote=vm when this host cannot load modules.
#pragma once

#include <string>
#include <vector>

#include "driver/pipeline.h"
#include "elaborate/elaborate.h"
#include "privilege/actions.h"

namespace stap {

struct Options;
class KernelTarget;
class FrontEnd;

struct BackendInput {
  const Program &program;
  // Recorded in the module (.stap_privilege) and used for the emission
  // check: the level and the actions the program needs.
  Level privilege_level = Level::stapdev;
  ActionSet privilege_actions;
  // Under --privilege the translator reads nothing from a user-controlled
  // path, and the cache lives in the user's home: build afresh.
  bool use_cache = true;
};

struct BackendResult {
  int failed_pass = 0;   // 3, 4 or 5 when that pass failed
  int exit_status = 0;   // pass 5's status otherwise
  bool diagnostics_printed = false;  // already shown before pass 5 ran
};

// Runs passes 3 .. opts.last_pass.
BackendResult run_backend(const Options &opts, const KernelTarget &kernel,
                          FrontEnd &fe, const BackendInput &in, Streams io);

// The kernel release --remote=vm builds for and boots when -r does not say:
// $STAPVM_KERNEL, else the newest installed with both image and headers.
std::string vm_kernel_release(const Options &opts);

// True when pass 5 runs in the test VM (--remote=vm).
bool uses_vm(const Options &opts);

}  // namespace stap
