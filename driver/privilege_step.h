// Pass 2b as the driver runs it: the request built from the options and the
// environment, the invocation half checked before any library file is read
// (under --privilege nothing may come from a user-chosen path), and the
// program half after elaboration.
#pragma once

#include "driver/options.h"
#include "privilege/privilege.h"

namespace stap {

// The level, extra actions (`--privilege=LEVEL+action`, policy-file grants
// to the caller's groups), the options given and the environment.
PrivilegeRequest make_privilege_request(
    const Options &opts,
    std::vector<std::pair<std::string, std::string>> environment,
    SourceManager &sm, Diagnostics &diags);

// The options with everything that points the translator at a user-chosen
// path removed (-I, -R, -r DIR), and -D, which would move the module
// bounds: what a restricted run works from.
Options without_user_paths(const Options &opts);

// True when the run is restricted below stapdev.
bool is_restricted(const PrivilegeRequest &req);

}  // namespace stap
