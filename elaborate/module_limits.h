// Step "check module bounds": what a module may cost the kernel, refused
// at pass 2 with the construct that crosses the line:
//   - memory its arrays and statistics preallocate at load
//     (STP_MAX_PREALLOC; per-CPU pools counted for one CPU here, the
//     runtime counts the real CPUs and refuses the load beyond it);
//   - probes after aliases and wildcards expand (STP_MAX_PROBES);
//   - string literal values longer than a string holds (MAXSTRINGLEN - 1):
//     a warning, not an error (SystemTap scripts that rely on the run-time
//     truncation keep working), so the cut is no longer silent.
// The defaults are the runtime's own (runtime/config.h); -D NAME=N moves
// them, and -D is refused below stapdev, so only stapdev can raise them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "elaborate/elaborate.h"

namespace stap {

struct ModuleLimits {
  uint64_t max_prealloc;     // STP_MAX_PREALLOC, bytes
  uint64_t max_probes;       // STP_MAX_PROBES
  uint64_t max_string_len;   // MAXSTRINGLEN, bytes with the NUL
  uint64_t max_map_entries;  // MAXMAPENTRIES, an array without a size
};

// The runtime's defaults, overridden by integer -D NAME=VALUE definitions
// (`defines` as written); a non-integer value for one of these names is
// reported (opt_bad) and the default kept.
ModuleLimits module_limits(const std::vector<std::string> &defines,
                           Diagnostics &diags);

// Below stapdev: the -D definitions less each one that raises a runtime
// bound (runtime/config.h: MAXNESTING, MAXACTION, STP_MAX_PREALLOC, ...)
// above its default or turns off overload protection (STP_NO_OVERLOAD),
// which are reported.
std::vector<std::string> defines_within_bounds(
    const std::vector<std::string> &defines, Diagnostics &diags);

// Bytes a global's pools take at load, as runtime/map.c, pmap.c and
// stat.c lay them out (rounded up): shared once, and per CPU.
struct PreallocCost {
  uint64_t shared = 0;
  uint64_t per_cpu = 0;
};
PreallocCost prealloc_cost(const VarDecl &g, const ModuleLimits &limits,
                           unsigned hist_buckets);

// Reports what crosses a bound; returns the module's preallocation.
PreallocCost check_module_limits(const Program &program,
                                 const ModuleLimits &limits,
                                 Diagnostics &diags);

}  // namespace stap
