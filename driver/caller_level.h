// The privilege level stap assumes for a caller who gave no --privilege:
// root and members of stapdev build as stapdev (unrestricted); a member of
// stapsys or stapusr builds for that level, as SystemTap does, since
// staprun would refuse anything more; a user in none of the groups may
// translate and build but not load, so pass 5 is refused up front unless
// it runs in the test VM (--remote=vm).
#pragma once

#include <ostream>

#include "driver/options.h"

namespace stap {

// Adjusts `opts` (privilege unset only) and says so once on `err`. False
// after an error message when the run cannot reach its pass 5.
bool apply_caller_level(Options &opts, std::ostream &err);

}  // namespace stap
