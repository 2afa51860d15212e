// Pass 2b as the driver runs it: the request built from the options and the
// environment, the invocation half checked first in every mode of the
// command, before any file is opened (under --privilege nothing may come
// from a user-chosen path), and the program half after elaboration.
#pragma once

#include "driver/options.h"
#include "privilege/privilege.h"

namespace stap {

// The level, extra actions (`--privilege=LEVEL+action`, policy-file grants
// to the caller's groups), the options given and the environment.
PrivilegeRequest make_privilege_request(const Options &opts,
                                        SourceManager &sm, Diagnostics &diags);

// The options with everything that points the translator at a user-chosen
// place removed (-I, -R, -r DIR, -a, the environment): what a restricted
// run works from, in every mode. (-D stays: when granted it reaches the
// build, and pass 2 refuses one that raises a bound.)
Options without_user_paths(const Options &opts);

// True when the run is restricted below stapdev.
bool is_restricted(const PrivilegeRequest &req);
bool is_restricted(const Options &opts);

// The invocation half: the request for the options as given and, below
// stapdev, every forbidden option and variable reported into `diags`.
struct InvocationVerdict {
  PrivilegeRequest request;
  ActionSet needs;  // the actions the options and environment ask for
};
InvocationVerdict check_invocation_as_given(const Options &given,
                                            SourceManager &sm,
                                            Diagnostics &diags);

}  // namespace stap
