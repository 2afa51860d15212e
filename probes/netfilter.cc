// netfilter probes: run at a netfilter hook for a protocol family.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  const char *forms[] = {"netfilter.hook(string).pf(string)",
                         "netfilter.pf(string).hook(string)"};
  for (const char *f : forms) {
    reg.add({.pattern = f, .action = "probe.netfilter",
             .description = "runs at a netfilter hook for a protocol family",
             .has_target_vars = true});
    reg.add({.pattern = std::string(f) + ".priority(string)",
             .action = "probe.netfilter",
             .description = "runs at a netfilter hook with a given priority",
             .has_target_vars = true});
  }
}

}  // namespace

// Pass 3 does not build netfilter probes yet.
const ProbeFamilyDef netfilter_family = {.name = "netfilter",
                                         .register_types = register_types};

}  // namespace stap
