// Kernel tracepoints: kernel.trace("name"). Kernel context, every process:
// the action is probe.kernel.trace (stapsys up).
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  reg.add({.pattern = "kernel.trace(string)", .action = "probe.kernel.trace",
           .description = "kernel: at a static tracepoint ($$parms holds its "
                          "arguments)",
           .symbols = SymbolKind::kernel_tracepoint,
           .has_target_vars = true});
}

}  // namespace

// Pass 3 does not build tracepoint probes yet.
const ProbeFamilyDef kernel_trace_family = {.name = "kernel.trace",
                                            .register_types = register_types};

}  // namespace stap
