// The invariants a generated module must keep, checked on its C with Clang:
//  - every loop charges the action budget (a call to the budget hook inside
//    the loop), and no goto jumps backwards;
//  - unprivileged modules: no inline assembly, no embedded-C region, and
//    every call goes to a function defined in the generated file itself or
//    declared by the runtime's API headers (the allow-list);
//  - user memory is read only through the runtime's fault-safe accessors:
//    no direct call to the raw uaccess primitives.
//  - no array on the kernel stack (local or compound literal): script data
//    lives in the per-CPU frame, so stack frames stay small.
// A violation is a translator bug; it is reported with both the C location
// and the script location of the nearest `/* stap:loc FILE:L:C */` marker.
#pragma once

#include <string>
#include <vector>

namespace stap::emission {

struct Rules {
  // A call to a function, or an expansion of a macro, with one of these
  // names charges the budget.
  std::vector<std::string> budget_hooks = {"STP_ACTION", "stp_charge_action"};
  bool unprivileged = false;
  // Directory whose headers declare the allowed runtime entry points.
  std::string api_dir;
  std::vector<std::string> raw_user_access = {
      "copy_from_user",        "__copy_from_user",  "raw_copy_from_user",
      "copy_to_user",          "__copy_to_user",    "raw_copy_to_user",
      "get_user",              "__get_user",        "put_user",
      "__put_user",            "strncpy_from_user", "copy_from_user_nofault",
      "copy_from_kernel_nofault"};
};

struct Violation {
  std::string rule;  // "loop-budget", "backward-goto", "inline-asm",
                     // "embedded-c", "call-outside-api", "raw-user-access",
                     // "indirect-call", "stack-array"
  unsigned line = 0, col = 0;
  std::string message;
  std::string script_location;  // "file.stp:3:5" or ""
};

// Returns the script location recorded by the nearest marker at or above
// `line` (1-based) in `c_source`.
std::string script_location_for_line(const std::string &c_source,
                                     unsigned line);

// Text-level checks that need no AST (embedded-C region markers).
std::vector<Violation> check_text(const std::string &c_source,
                                  const Rules &rules);

}  // namespace stap::emission
