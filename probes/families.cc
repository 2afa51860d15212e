#include "probes/family.h"
#include "probes/probe_registry.h"
#include "symbols/user_probe_site.h"

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

std::optional<std::string> probe_file_c_path(const Expr *arg,
                                             const FamilyProbe &p,
                                             const std::string &verb,
                                             Diagnostics &diags) {
  if (!arg || arg->kind != ExprKind::string) return "NULL";
  std::string error;
  auto file =
      user_probe_file(static_cast<const StringLit *>(arg)->value, &error);
  if (!file) {
    diags.error(DiagId::probe_bad_binary, p.point->loc,
                "cannot " + verb + " '" + p.point->to_string() + "': " + error);
    return std::nullopt;
  }
  return c_string_literal(file->path);
}

bool pass3_implements(const ProbeType &type) {
  const ProbeFamilyDef &def = probe_family(type.family);
  return def.emit_providers && (!def.builds_type || def.builds_type(type));
}

}  // namespace stap
