// Dwarfless kprobes: kprobe.function("f"), kprobe.module("m").function("f")
// and their returns. Symbol names only, no $vars, no @entry; kernel
// context, so the action is probe.kernel.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  for (const char *base :
       {"kprobe.function(string)", "kprobe.module(string).function(string)"}) {
    SymbolKind sym = std::string(base).starts_with("kprobe.module")
                         ? SymbolKind::kernel_module_function
                         : SymbolKind::kernel_function;
    reg.add({.pattern = base,
             .action = "probe.kernel",
             .description = "kprobe at a function's entry, without debuginfo",
             .symbols = sym});
    reg.add({.pattern = std::string(base) + ".call",
             .action = "probe.kernel",
             .description = "kprobe at a function's entry, without debuginfo",
             .symbols = sym});
    reg.add({.pattern = std::string(base) + ".return",
             .action = "probe.kernel",
             .description = "kretprobe at a function's return, without "
                            "debuginfo ($return only)",
             .symbols = sym,
             .allows_return_values = true});
    reg.add({.pattern = std::string(base) + ".return.maxactive(number)",
             .action = "probe.kernel",
             .description = "kretprobe tracking at most N calls at once",
             .symbols = sym,
             .allows_return_values = true});
  }
  reg.add({.pattern = "kprobe.statement(number).absolute",
           .action = "probe.kernel.absolute",
           .description = "kprobe at a raw kernel address (guru mode)",
           .needs_guru = true});
}

}  // namespace

namespace {

std::string string_arg_of(const ProbePoint &pp, const char *component) {
  for (const ProbePointComponent &c : pp.components)
    if (c.name == component && c.arg && c.arg->kind == ExprKind::string)
      return static_cast<const StringLit *>(c.arg)->value;
  return "";
}

}  // namespace

bool kprobe_builds_type(const ProbeType &type) {
  for (const ProbeComponentSpec &c : type.components) {
    bool known = c.name == "kernel" || c.name == "module" ||
                 c.name == "kprobe" || c.name == "call" || c.name == "return" ||
                 c.name == "maxactive" || c.name == "nearest" ||
                 (c.name == "inline" && c.arg == ProbeArg::none) ||
                 (c.name == "label" && c.arg == ProbeArg::string) ||
                 c.name == "callee" || c.name == "callees" ||
                 (c.name == "function" && c.arg == ProbeArg::string) ||
                 (c.name == "statement" && c.arg == ProbeArg::string);
    if (!known) return false;
  }
  // Pass 2 places inlined copies, labels and callees through vmlinux's
  // DWARF or the module's.
  return true;
}

std::vector<std::string> emit_kprobe_providers(
    const std::vector<FamilyProbe> &probes, CWriter &out, Diagnostics &diags) {
  // A probe that checks its caller reads the return address at the entry,
  // which a kretprobe on the same function replaces when its handler runs
  // first; the kernel runs the latest registered first, and arms in row
  // order: these rows go after the others, entries last. (Two such return
  // probes on one function still hide the caller from the one that runs
  // second.)
  std::vector<std::string> rows, return_caller_rows, caller_rows;
  for (const FamilyProbe &p : probes) {
    const ProbePoint &pp = *p.point;
    // Pass 3 hands over only the forms kprobe_builds_type() accepts.
    bool is_return = false;
    int64_t maxactive = 0;
    for (const ProbePointComponent &c : pp.components) {
      if (c.name == "return")
        is_return = true;
      else if (c.name == "maxactive")
        maxactive = probe_number_arg(c, 0);
    }
    std::string fn = string_arg_of(pp, "function");
    std::string mod = string_arg_of(pp, "module");
    // A source line: pass 2 found its symbol and offset.
    if (!pp.kernel_symbol.empty()) fn = pp.kernel_symbol;
    // Pass 2 refuses other forms and unexpanded wildcards.
    if (fn.empty() || fn.find_first_of("*?[@") != std::string::npos) {
      diags.error(DiagId::internal_error, pp.loc,
                  "internal error: probe point '" + pp.to_string() +
                      "' names no single kernel function, and pass 2 "
                      "accepted it");
      continue;
    }
    // kprobes look "module:function" up among the module's symbols.
    std::string symbol = mod.empty() ? fn : mod + ":" + fn;
    // .callee("G") called out of line: the return places of the calls,
    // as the runtime's %pS names them.
    std::string callers;
    if (!pp.kernel_callers.empty()) {
      callers = p.probe + "_callers";
      auto t = out.block("static const char *const " + callers + "[] =", ";");
      for (const std::string &c : pp.kernel_callers)
        out.line(c_string_literal(c + "/") + ",");
    }
    // Rows checking their caller go last (above).
    (callers.empty() ? rows
     : is_return     ? return_caller_rows
                     : caller_rows)
        .push_back(
            "{ .probe = &" + p.probe +
            ", .symbol = " + c_string_literal(symbol) + ", .module = " +
            (mod.empty() ? std::string("NULL") : c_string_literal(mod)) +
            (pp.kernel_symbol.empty()
                 ? std::string()
                 : ", .offset = " + std::to_string(pp.kernel_offset)) +
            ", .is_return = " + (is_return ? "true" : "false") +
            ", .optional = " + (p.optional ? "true" : "false") +
            ", .maxactive = " + std::to_string(maxactive) +
            (is_return && !p.entry_probe.empty()
                 ? ", .entry = &" + p.entry_probe +
                       ", .entry_size = sizeof(struct " + p.entry_struct + ")"
                 : std::string()) +
            (callers.empty() ? std::string()
                             : ", .callers = " + callers + ", .ncallers = " +
                                   std::to_string(pp.kernel_callers.size())) +
            " },");
  }
  rows.insert(rows.end(), return_caller_rows.begin(), return_caller_rows.end());
  rows.insert(rows.end(), caller_rows.begin(), caller_rows.end());
  if (rows.empty()) return {};
  {
    auto t = out.block("static struct stp_kprobe_probe stp_kprobe_probes[] =", ";");
    for (const auto &row : rows) out.line(row);
  }
  return {"{ &stp_provider_kprobe, stp_kprobe_probes, ARRAY_SIZE(stp_kprobe_probes) },"};
}

const ProbeFamilyDef kprobe_family = {.name = "kprobe",
                                      .register_types = register_types,
                                      .emit_providers = emit_kprobe_providers,
                                      .builds_type = kprobe_builds_type};

}  // namespace stap
