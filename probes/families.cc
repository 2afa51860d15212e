#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

const ProbeFamilyDef &probe_family(ProbeFamily f) {
  // No default: -Wswitch (an error under -Werror) names a missing family.
  switch (f) {
  case ProbeFamily::begin_end: return begin_end_family;
  case ProbeFamily::timer: return timer_family;
  case ProbeFamily::timer_profile: return timer_profile_family;
  case ProbeFamily::procfs: return procfs_family;
  case ProbeFamily::perf: return perf_family;
  case ProbeFamily::netfilter: return netfilter_family;
  case ProbeFamily::kernel_data: return kernel_data_family;
  case ProbeFamily::kernel_dwarf: return kernel_dwarf_family;
  case ProbeFamily::kernel_trace: return kernel_trace_family;
  case ProbeFamily::kprobe: return kprobe_family;
  case ProbeFamily::process: return process_family;
  }
  return begin_end_family;  // not reached: f is always an enumerator
}

int64_t probe_number_arg(const ProbePointComponent &c, int64_t fallback) {
  if (c.arg && c.arg->kind == ExprKind::number)
    return static_cast<const NumberLit *>(c.arg)->value;
  return fallback;
}

bool pass3_implements(const ProbeType &type) {
  const ProbeFamilyDef &def = probe_family(type.family);
  return def.emit_providers && (!def.builds_type || def.builds_type(type));
}

}  // namespace stap
