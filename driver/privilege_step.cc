#include "driver/privilege_step.h"

#include "driver/kernel_target.h"
#include "privilege/invocation_check.h"
#include "privilege/policy_file.h"

namespace stap {

PrivilegeRequest make_privilege_request(const Options &opts,
                                        SourceManager &sm, Diagnostics &diags) {
  PrivilegeRequest req;
  req.level = opts.privilege;
  req.extra = opts.privilege_extras;
  if (is_restricted(req)) req.extra.add(policy_grants_for_caller(sm, diags));

  auto use = [&](const char *flag, std::string value = "") {
    req.options.push_back({flag, std::move(value), -1});
  };
  if (opts.guru) use("-g");
  for (const auto &d : opts.include_dirs) use("-I", d);
  if (!opts.runtime_dir.empty()) use("-R", opts.runtime_dir);
  for (const auto &b : opts.kbuild_options) use("-B", b);
  for (const auto &d : opts.macro_defines) use("-D", d);
  // A release name is fine; a directory moves the headers the module
  // is built against.
  if (!opts.kernel_build_dir.empty()) use("-r", opts.kernel_build_dir);
  // The target's own architecture changes nothing; another one selects
  // other tapset subdirectories.
  if (!opts.arch.empty() && opts.arch != host_arch()) use("-a", opts.arch);
  if (!opts.sysroot.empty()) use("--sysroot", opts.sysroot);
  req.environment = opts.environment;
  return req;
}

Options without_user_paths(const Options &opts) {
  Options safe = opts;
  safe.include_dirs.clear();
  safe.runtime_dir.clear();
  safe.kernel_build_dir.clear();
  safe.arch.clear();
  safe.environment.clear();
  return safe;
}

bool is_restricted(const PrivilegeRequest &req) {
  return req.level != Level::stapdev;
}

bool is_restricted(const Options &opts) {
  return opts.privilege != Level::stapdev;
}

InvocationVerdict check_invocation_as_given(const Options &given,
                                            SourceManager &sm,
                                            Diagnostics &diags) {
  InvocationVerdict v{make_privilege_request(given, sm, diags), {}};
  if (is_restricted(v.request)) check_invocation(v.request, sm, diags, &v.needs);
  return v;
}

}  // namespace stap
