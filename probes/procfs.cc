// procfs probes: a file under /proc/systemtap/MODULE that a probe body
// fills when read or receives when written.
#include <algorithm>

#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  for (const char *base : {"procfs", "procfs(string)"}) {
    std::string b = base;
    std::string file = b == "procfs"
                           ? "/proc/systemtap/MODULE/command"
                           : "the named file under /proc/systemtap/MODULE";
    reg.add({.pattern = b + ".read",
             .action = "probe.procfs",
             .description = "supplies the contents of " + file + " when read"});
    reg.add({.pattern = b + ".read.maxsize(number)",
             .action = "probe.procfs",
             .description = "supplies up to N bytes of " + file + " when read",
             .positive_numbers = true});
    reg.add({.pattern = b + ".umask(number).read.maxsize(number)",
             .action = "probe.procfs",
             .description = "like .read.maxsize, with the permission mask"});
    reg.add({.pattern = b + ".write",
             .action = "probe.procfs",
             .description = "receives what is written to " + file});
    reg.add({.pattern = b + ".umask(number).read",
             .action = "probe.procfs",
             .description = "like .read, with the file's permission mask"});
    reg.add({.pattern = b + ".umask(number).write",
             .action = "probe.procfs",
             .description = "like .write, with the file's permission mask"});
  }
}

// The file is created under /proc/systemtap/MODULE, so its path must stay
// there: SystemTap's rules, with its wording.
ProbeFamilyDef::PointError check_path(const ProbePoint &pp) {
  const ProbePointComponent &c = pp.components[0];
  if (!c.arg || c.arg->kind != ExprKind::string) return {};
  std::string_view path = static_cast<const StringLit *>(c.arg)->value;
  if (path.starts_with('/')) return {"procfs path cannot start with a '/'"};
  if (path.empty() || path.ends_with('/'))
    return {"procfs path cannot end with a '/'"};
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part.empty()) return {"procfs path component cannot be empty"};
    if (part == "." || part == "..")
      return {"procfs path cannot be relative (and contain '.' or '..')"};
    start = end + 1;
  }
  return {};
}

}  // namespace

// Pass 3 does not build procfs probes yet.
const ProbeFamilyDef procfs_family = {.name = "procfs",
                                      .register_types = register_types,
                                      .check_point = check_path};

}  // namespace stap
