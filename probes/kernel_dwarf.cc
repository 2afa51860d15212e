// Kernel probes placed through DWARF: kernel.function / kernel.statement
// and module(...).function / .statement. They run in kernel context with
// access to every process, so their actions are the kernel ones (granted
// from stapsys up). Dwarfless kprobes are in kprobe.cc, tracepoints in
// kernel_trace.cc.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

// The suffixes a DWARF function probe accepts, shared by kernel.function
// and module(...).function.
void add_function_forms(ProbeRegistry &reg, const std::string &base,
                        SymbolKind sym, const std::string &where) {
  struct Form {
    const char *suffix;
    const char *what;
    bool returns;
  };
  const Form forms[] = {
      {"", "at the entry of each matching function", false},
      {".call", "at the entry of each matching function, inlined copies "
                "excluded", false},
      {".exported", "at the entry of each matching exported function", false},
      {".inline", "at each inlined copy of matching functions", false},
      {".return", "when a matching function returns ($return holds the "
                  "value)", true},
      {".return.maxactive(number)", "when a matching function returns, "
                                    "tracking at most N calls at once", true},
      {".label(string)", "at a C label inside matching functions", false},
      {".callee(string)", "at calls from matching functions to the named "
                          "callee", false},
      {".callee(string).call", "at entry of the callee when called from "
                               "matching functions", false},
      {".callee(string).return", "when the callee returns to matching "
                                 "functions", true},
      {".callees", "at the direct callees of matching functions", false},
      {".callees(number)", "at callees up to N calls deep", false},
  };
  for (const Form &f : forms)
    reg.add({.pattern = base + f.suffix, .action = "probe.kernel",
             .description = where + f.what, .symbols = sym,
             .allows_return_values = f.returns, .has_target_vars = true});
}

void add_statement_forms(ProbeRegistry &reg, const std::string &base,
                         SymbolKind sym, const std::string &where) {
  reg.add({.pattern = base + ".statement(string)", .action = "probe.kernel",
           .description = where + "at a source line (\"func@file:line\")",
           .symbols = sym, .has_target_vars = true});
  reg.add({.pattern = base + ".statement(string).nearest",
           .action = "probe.kernel",
           .description = where + "at the line nearest the one given",
           .symbols = sym, .has_target_vars = true});
  reg.add({.pattern = base + ".statement(number)", .action = "probe.kernel",
           .description = where + "at an address relative to the code",
           .has_target_vars = true});
}

void register_types(ProbeRegistry &reg) {
  add_function_forms(reg, "kernel.function(string)",
                     SymbolKind::kernel_function, "kernel: ");
  add_statement_forms(reg, "kernel", SymbolKind::kernel_statement, "kernel: ");
  reg.add({.pattern = "kernel.statement(number).absolute",
           .action = "probe.kernel.absolute",
           .description = "kernel: at a raw kernel address (guru mode)",
           .needs_guru = true});

  add_function_forms(reg, "module(string).function(string)",
                     SymbolKind::kernel_module_function, "module: ");
  add_statement_forms(reg, "module(string)",
                      SymbolKind::kernel_module_statement, "module: ");
}

}  // namespace

ProbeFamilyDef::PointError kernel_dwarf_only_form(const ProbePoint &pp) {
  for (size_t i = 0; i < pp.components.size(); ++i) {
    const ProbePointComponent &c = pp.components[i];
    bool text = c.arg && c.arg->kind == ExprKind::string;
    std::string what;
    if (c.name == "statement" && text)
      what = "a source line";
    else if (c.name == "function" && text &&
             static_cast<const StringLit *>(c.arg)->value.find('@') !=
                 std::string::npos)
      what = "a source file";
    else if (c.name == "inline" || c.name == "callee" || c.name == "callees" ||
             c.name == "label")
      what = "'." + c.name + "'";
    if (!what.empty()) return {what, static_cast<int>(i)};
  }
  return {};
}

// Without debuginfo, function entries and returns run as kprobes by
// symbol name (their target variables come from BTF); statements, inlines,
// labels and callees need DWARF and are refused in pass 3.
const ProbeFamilyDef kernel_dwarf_family = {
    .name = "kernel",
    .register_types = register_types,
    .emit_providers = emit_kprobe_providers,
    .builds_type = kprobe_builds_type};

}  // namespace stap
