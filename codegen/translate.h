// Pass 3: the elaborated program as the C of a kernel module that runs on
// the runtime in runtime/ (its API is described in runtime/README.md).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "codegen/user_symbols.h"
#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"
#include "privilege/actions.h"

namespace stap {

struct TranslateOptions {
  std::string module_name = "stap_module";
  // Recorded in the module's .stap_privilege section.
  Level privilege_level = Level::stapdev;
  ActionSet privilege_actions;
  // Binaries besides the probed ones whose symbols the module carries.
  UserSymbolRequest user_symbols;
  // -t: every probe gets its index and derivation, and the module lists
  // them in stp_timed_probes[] for the hit report (runtime/probe_timing.h;
  // the build adds -DSTP_TIMING).
  bool probe_timing = false;
};

struct Translation {
  std::string c_source;  // empty when an error was reported
  // Each generated C function ("probe_0", "fn_f_1") and the script probe
  // or function it came from: pass 4 names the culprit of a compiler
  // error by it.
  std::map<std::string, Location> function_locations;
};

Translation translate(const Program &program, const TranslateOptions &opts,
                      const SourceManager &sm, Diagnostics &diags);

}  // namespace stap
