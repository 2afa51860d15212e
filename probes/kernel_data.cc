// Hardware watchpoints: kernel.data(ADDRESS or "symbol").write / .rw.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  for (const char *arg : {"string", "number"}) {
    std::string base = std::string("kernel.data(") + arg + ")";
    SymbolKind sym = std::string(arg) == "string" ? SymbolKind::kernel_data
                                                  : SymbolKind::none;
    for (const char *mode : {"write", "rw"}) {
      std::string how = std::string(mode) == "write" ? "written" : "accessed";
      reg.add({.pattern = base + "." + mode, .action = "probe.kernel.data",
               .description = "hardware watchpoint: fires when the kernel "
                              "address is " + how,
               .symbols = sym});
      reg.add({.pattern = base + ".length(number)." + mode,
               .action = "probe.kernel.data",
               .description = "hardware watchpoint over N bytes, fires when " +
                              how,
               .symbols = sym});
    }
  }
}

}  // namespace

// Pass 3 does not build watchpoints yet.
const ProbeFamilyDef kernel_data_family = {.name = "kernel.data",
                                           .register_types = register_types};

}  // namespace stap
