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
           .description = "kprobe at a raw kernel address (guru mode)"});
}

}  // namespace

// Pass 3 does not build kprobes yet.
const ProbeFamilyDef kprobe_family = {.name = "kprobe",
                                      .register_types = register_types};

}  // namespace stap
