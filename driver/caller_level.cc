#include "driver/caller_level.h"

#include <algorithm>
#include <unistd.h>

#include "driver/backend.h"
#include "privilege/policy_file.h"

namespace stap {

bool apply_caller_level(Options &opts, std::ostream &err) {
  if (opts.privilege_given || geteuid() == 0) return true;
  std::vector<std::string> groups = caller_groups();
  auto member = [&](const char *g) {
    return std::find(groups.begin(), groups.end(), g) != groups.end();
  };
  if (member("stapdev")) return true;
  for (Level level : {Level::stapsys, Level::stapusr}) {
    if (!member(level_name(level))) continue;
    opts.privilege = level;
    err << "stap: note: you are a member of " << level_name(level)
        << " (not stapdev): building with --privilege=" << level_name(level)
        << "\n";
    return true;
  }
  if (opts.last_pass < 5 || opts.is_query() || uses_vm(opts)) return true;
  err << "stap: error: you are not root and not a member of stapusr, stapsys "
         "or stapdev, so staprun will not load a module for you; ask an "
         "administrator to add you to one of those groups, stop after "
         "building with -p4, or run the script in the test VM with "
         "--remote=vm\n";
  return false;
}

}  // namespace stap
