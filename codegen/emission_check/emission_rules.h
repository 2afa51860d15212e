// The invariants a generated module must keep, checked on its C with Clang:
//  - every loop charges the action budget (a call to the budget hook inside
//    the loop), and no goto jumps backwards;
//  - unprivileged modules: no inline assembly, no embedded-C region, and
//    every call goes to a function defined in the generated file itself or
//    declared by the runtime's API headers (the allow-list);
//  - user memory is read only through the runtime's fault-safe accessors:
//    no direct call to the raw uaccess primitives;
//  - no array on the kernel stack (local or compound literal): script data
//    lives in the per-CPU frame, so stack frames stay small;
//  - the check sees what the compiler compiles: it parses the file with
//    the compiler's own include paths and macros, and no conditional in
//    the file may test a macro the compiler and Clang define differently
//    (`__clang__`, `__GNUC__`, STAP_EMISSION_CHECK ...).
// Embedded-C regions are judged by their markers, not by these rules.
// A violation is a translator bug; it is reported with both the C location
// and the script location of the nearest `/* stap:loc FILE:L:C */` marker.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace stap::emission {

struct Rules {
  // A call to a function, or an expansion of a macro, with one of these
  // names charges the budget.
  std::vector<std::string> budget_hooks = {"STP_ACTION", "stp_charge_action"};
  bool unprivileged = false;
  // Directory whose headers declare the allowed runtime entry points, and
  // the names (functions and macros) they declare.
  std::string api_dir;
  std::set<std::string> api_names;
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
                     // "indirect-call", "stack-array", "compiler-test",
                     // "skipped-but-compiled"
  unsigned line = 0, col = 0;
  std::string message;
  std::string script_location;  // "file.stp:3:5" or ""
};

// Returns the script location recorded by the nearest marker at or above
// `line` (1-based) in `c_source`.
std::string script_location_for_line(const std::string &c_source,
                                     unsigned line);

// The lines [first, last] of each embedded-C region (tapset or user code,
// between its begin and end markers); the AST rules skip them.
std::vector<std::pair<unsigned, unsigned>> embedded_regions(
    const std::string &c_source);

// The compiler's arguments (kbuild's recorded command, without the
// compiler's name) reduced to those that decide what the preprocessor
// sees: include paths and files, macros, the language standard, and the
// switches that predefine macros. The check parses with exactly these.
std::vector<std::string> preprocessor_args(
    const std::vector<std::string> &compiler_args);

// The lines of `main_file` that hold code in the compiler's preprocessed
// output `compiled` (a .i file with `# LINE "FILE"` markers): what the
// compiler really compiled of it. Files are matched by their last path
// component.
std::set<unsigned> compiled_lines(const std::string &compiled,
                                  const std::string &main_file);

// Text-level checks that need no AST (embedded-C region markers).
std::vector<Violation> check_text(const std::string &c_source,
                                  const Rules &rules);

}  // namespace stap::emission
