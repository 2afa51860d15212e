#include "privilege/invocation_check.h"

#include "privilege/messages.h"

namespace stap {

namespace {

struct OptionRule {
  std::string_view flag;
  Action action;
};

const OptionRule kOptionRules[] = {
    {"-g", Action::option_guru},
    {"-I", Action::option_include_path},
    {"-R", Action::option_runtime_path},
    {"-B", Action::option_kbuild},
    {"-D", Action::option_define},
    {"-r", Action::option_kernel_build_dir},
    {"--sysroot", Action::option_sysroot},
    {"-a", Action::option_arch},
};

// "<command line>" holds argv joined by spaces, so each option can be
// pointed at with a caret the way Clang points at -D macros.
struct CommandLine {
  FileId file = kNoFile;
  std::vector<uint32_t> starts;
};

CommandLine add_command_line(const std::vector<std::string> &argv,
                             SourceManager &sm) {
  CommandLine cl;
  if (argv.empty()) return cl;
  std::string text;
  for (const std::string &a : argv) {
    if (!text.empty()) text += ' ';
    cl.starts.push_back(static_cast<uint32_t>(text.size()));
    text += a;
  }
  cl.file = sm.add("<command line>", text, SourceOrigin::generated);
  return cl;
}

}  // namespace

std::optional<Action> option_action(const OptionUse &opt) {
  for (const OptionRule &r : kOptionRules) {
    if (opt.flag != r.flag) continue;
    // A release name selects /lib/modules/RELEASE/build, which root owns;
    // anything with a slash is a directory the user chose.
    if (r.action == Action::option_kernel_build_dir &&
        opt.value.find('/') == std::string::npos)
      return std::nullopt;
    return r.action;
  }
  return std::nullopt;
}

bool check_invocation(const PrivilegeRequest &req, SourceManager &sm,
                      Diagnostics &diags, ActionSet *needed) {
  ActionSet granted = req.granted();
  bool ok = true;
  CommandLine cl;
  for (const OptionUse &opt : req.options) {
    std::optional<Action> a = option_action(opt);
    if (!a) continue;
    if (needed) needed->add(*a);
    if (granted.contains(*a)) continue;
    if (cl.file == kNoFile) cl = add_command_line(req.argv, sm);
    Location loc;
    if (cl.file != kNoFile && opt.argv_index >= 0 &&
        static_cast<size_t>(opt.argv_index) < cl.starts.size()) {
      uint32_t b = cl.starts[opt.argv_index];
      loc = Location{cl.file, b,
                     b + static_cast<uint32_t>(req.argv[opt.argv_index].size()),
                     kNoExpansion};
    }
    std::string what = "option '" + opt.flag;
    if (!opt.value.empty()) what += " " + opt.value;
    what += "'";
    report_denial(diags, DiagId::priv_option_denied, loc, what, *a, req.level);
    ok = false;
  }

  std::string env_text;
  std::vector<std::pair<const std::pair<std::string, std::string> *, uint32_t>>
      denied_env;
  for (const auto &var : req.environment) {
    if (needed) needed->add(Action::env_override);
    if (granted.contains(Action::env_override)) continue;
    denied_env.emplace_back(&var, static_cast<uint32_t>(env_text.size()));
    env_text += var.first + "=" + var.second + "\n";
  }
  if (!denied_env.empty()) {
    FileId env = sm.add("<environment>", env_text, SourceOrigin::generated);
    for (auto [var, off] : denied_env) {
      Location loc{env, off, off + static_cast<uint32_t>(var->first.size()),
                   kNoExpansion};
      report_denial(diags, DiagId::priv_env_denied, loc,
                    "environment variable '" + var->first + "'",
                    Action::env_override, req.level);
    }
    ok = false;
  }
  return ok;
}

}  // namespace stap
