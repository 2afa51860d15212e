// Session probes: begin, end, error and never (optionally with a sequence
// number). They need no symbols and fire once, from the loader's context.
#include <algorithm>
#include <map>

#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  const char *what[][2] = {
      {"begin", "when the session starts"},
      {"end", "when the session ends"},
      {"error", "when the session ends because of an error"},
  };
  for (auto &w : what) {
    reg.add({.pattern = w[0], .action = "probe.begin_end",
             .description = std::string("fires once ") + w[1]});
    reg.add({.pattern = std::string(w[0]) + "(number)",
             .action = "probe.begin_end",
             .description = std::string("fires once ") + w[1] +
                            ", ordered by the given priority"});
  }
  reg.add({.pattern = "never", .action = "probe.begin_end",
           .description = "never fires; checks the body only"});
}

// Session probes run in sequence order (begin(-1) before begin), script
// order among equals: one table per kind, each the runtime's
// stp_provider_<kind> (runtime/probe_session.c).
std::vector<std::string> emit_providers(const std::vector<FamilyProbe> &probes,
                                        CWriter &out, Diagnostics &) {
  std::map<std::string, std::vector<std::pair<int64_t, std::string>>> by_kind;
  for (const FamilyProbe &p : probes) {
    const ProbePointComponent &c = p.point->components[0];
    by_kind[c.name].emplace_back(probe_number_arg(c, 0), "&" + p.probe);
  }
  std::vector<std::string> uses;
  for (auto &[kind, list] : by_kind) {
    std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
      return a.first < b.first;
    });
    std::string items;
    for (const auto &[seq, ptr] : list) items += ptr + ", ";
    out.line("static const struct stp_probe *stp_" + kind + "_probes[] = { " +
             items + "};");
    uses.push_back("{ &stp_provider_" + kind + ", (void *)stp_" + kind +
                   "_probes, ARRAY_SIZE(stp_" + kind + "_probes) },");
  }
  return uses;
}

}  // namespace

const ProbeFamilyDef begin_end_family = {.name = "begin",
                                         .register_types = register_types,
                                         .emit_providers = emit_providers};

}  // namespace stap
