#include "driver/caller_level.h"

#include <unistd.h>

#include "caller.h"
#include "driver/backend.h"

namespace stap {

bool apply_caller_level(Options &opts, std::ostream &err) {
  if (opts.privilege_given || geteuid() == 0) return true;
  // staprun's own reading of the caller (caller.c), so stap assumes the
  // level staprun will find.
  struct caller c;
  if (!caller_read(&c)) return false;
  if (c.level == LEVEL_STAPDEV) return true;
  if (c.level != LEVEL_NONE) {
    Level level = c.level == LEVEL_STAPSYS ? Level::stapsys : Level::stapusr;
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
