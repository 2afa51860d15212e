// procfs probes: a file under /proc/systemtap/MODULE that a probe body
// fills when read or receives when written.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  for (const char *base : {"procfs", "procfs(string)"}) {
    std::string b = base;
    std::string file = b == "procfs" ? "/proc/systemtap/MODULE/command"
                                     : "the named file under /proc/systemtap/MODULE";
    reg.add({.pattern = b + ".read", .action = "probe.procfs",
             .description = "supplies the contents of " + file + " when read"});
    reg.add({.pattern = b + ".read.maxsize(number)", .action = "probe.procfs",
             .description = "supplies up to N bytes of " + file + " when read",
             .positive_numbers = true});
    reg.add({.pattern = b + ".write", .action = "probe.procfs",
             .description = "receives what is written to " + file});
    reg.add({.pattern = b + ".umask(number).read", .action = "probe.procfs",
             .description = "like .read, with the file's permission mask"});
    reg.add({.pattern = b + ".umask(number).write", .action = "probe.procfs",
             .description = "like .write, with the file's permission mask"});
  }
}

}  // namespace

// Pass 3 does not build procfs probes yet.
const ProbeFamilyDef procfs_family = {.name = "procfs",
                                      .register_types = register_types};

}  // namespace stap
