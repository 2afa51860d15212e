// Kernel tracepoints: kernel.trace("GROUP:NAME"). Kernel context, every
// process: the action is probe.kernel.trace (stapsys up). Pass 2 expands
// the pattern to concrete "GROUP:NAME" points and resolves the arguments
// ($prev, $$parms) from the kernel's BTF (symbols/kernel_tracepoints.h);
// the runtime (runtime/tracepoints.c) finds the tracepoint by NAME.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  reg.add({.pattern = "kernel.trace(string)",
           .action = "probe.kernel.trace",
           .description = "kernel: at a static tracepoint ($$parms holds its "
                          "arguments)",
           .symbols = SymbolKind::kernel_tracepoint,
           .has_target_vars = true});
}

std::vector<std::string>
emit_tracepoint_providers(const std::vector<FamilyProbe> &probes, CWriter &out,
                          Diagnostics &diags) {
  std::vector<std::string> rows;
  for (const FamilyProbe &p : probes) {
    const ProbePoint &pp = *p.point;
    std::string point;
    for (const ProbePointComponent &c : pp.components)
      if (c.name == "trace" && c.arg && c.arg->kind == ExprKind::string)
        point = static_cast<const StringLit *>(c.arg)->value;
    std::string name = point.substr(point.find(':') + 1);
    // Pass 2 expanded every pattern or refused it.
    if (name.empty() || name.find_first_of("*?[") != std::string::npos) {
      diags.error(DiagId::internal_error, pp.loc,
                  "internal error: probe point '" + pp.to_string() +
                      "' names no single tracepoint, and pass 2 accepted it");
      continue;
    }
    std::string module =
        pp.trace_module.empty() ? "NULL" : c_string_literal(pp.trace_module);
    // "*" covers every module's tracepoints: those of a module that is
    // not loaded, or lacks one, are what a wildcard may miss, not errors.
    bool optional =
        p.optional || (!pp.trace_module.empty() && pp.from_wildcard);
    rows.push_back("{ .probe = &" + p.probe + ", .name = " +
                   c_string_literal(name) + ", .module = " + module +
                   ", .optional = " + (optional ? "true" : "false") + " },");
  }
  if (rows.empty()) return {};
  {
    auto t = out.block(
        "static struct stp_tracepoint_probe stp_tracepoint_probes[] =", ";");
    for (const auto &row : rows) out.line(row);
  }
  return {"{ &stp_provider_tracepoint, stp_tracepoint_probes, "
          "ARRAY_SIZE(stp_tracepoint_probes) },"};
}

}  // namespace

const ProbeFamilyDef kernel_trace_family = {.name = "kernel.trace",
                                            .register_types = register_types,
                                            .emit_providers =
                                                emit_tracepoint_providers};

}  // namespace stap
