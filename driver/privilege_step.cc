#include "driver/privilege_step.h"

#include "driver/options.h"
#include "privilege/policy_file.h"

namespace stap {

PrivilegeRequest make_privilege_request(const Options &opts, SourceManager &sm,
                                        Diagnostics &diags) {
  PrivilegeRequest req;
  std::string arg = opts.privilege;
  for (const auto &extra : opts.privilege_extras) arg += "+" + extra;
  parse_privilege_arg(arg, &req.level, &req.extra, diags);
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
  req.environment = collect_environment();
  return req;
}

bool is_restricted(const PrivilegeRequest &req) {
  return req.level != Level::stapdev;
}

}  // namespace stap
