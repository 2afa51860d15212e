#include "privilege/request.h"

namespace stap {

bool parse_privilege_arg(std::string_view arg, Level *level, ActionSet *extra,
                         std::string *error) {
  size_t plus = arg.find('+');
  std::string_view name = arg.substr(0, plus);
  auto l = level_from_name(name);
  if (!l) {
    *error = "unknown privilege level '" + std::string(name) +
             "' (expected 'stapusr', 'stapsys' or 'stapdev')";
    return false;
  }
  ActionSet more;
  while (plus != std::string_view::npos) {
    size_t next = arg.find('+', plus + 1);
    std::string_view action = arg.substr(
        plus + 1, next == std::string_view::npos ? next : next - plus - 1);
    auto a = action_from_name(action);
    if (!a) {
      *error = "unknown privilege action '" + std::string(action) + "'";
      return false;
    }
    more.add(*a);
    plus = next;
  }
  *level = *l;
  extra->add(more);
  return true;
}

bool parse_privilege_arg(std::string_view arg, Level *level, ActionSet *extra,
                         Diagnostics &diags) {
  std::string error;
  if (parse_privilege_arg(arg, level, extra, &error)) return true;
  diags.report(DiagId::priv_bad_level, Location{},
               "invalid '--privilege=" + std::string(arg) + "': " + error);
  return false;
}

const std::vector<std::string_view> &privilege_environment_variables() {
  // Why each: the SYSTEMTAP_* ones move the tapset library, the runtime
  // and the debuginfo search (not SYSTEMTAP_DIR: the user's own cache and
  // rc directory, whose options are checked like the command line's and
  // whose cache a restricted build never reads); the compiler ones
  // inject flags, headers or tools into the module build; STAPVM_KERNEL
  // picks the kernel --remote=vm builds for, and so its build tree.
  static const std::vector<std::string_view> names = {
      "SYSTEMTAP_TAPSET",
      "SYSTEMTAP_RUNTIME",
      "SYSTEMTAP_DEBUGINFO_PATH",
      "SYSTEMTAP_SYSROOT",
      "KCFLAGS",
      "KCPPFLAGS",
      "KBUILD_EXTRA_SYMBOLS",
      "CPATH",
      "C_INCLUDE_PATH",
      "GCC_EXEC_PREFIX",
      "COMPILER_PATH",
      "STAPVM_KERNEL",
  };
  return names;
}

}  // namespace stap
