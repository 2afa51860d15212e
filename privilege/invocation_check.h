// The invocation half of the privilege pass: options and environment
// variables that would let a restricted user move what the translator reads
// (tapsets, runtime, debuginfo, cache) or inject C into the module build.
//
// Run it right after every option is read and before any file other than
// the script is opened: under --privilege the translator must read nothing
// from a user-controlled path.
#pragma once

#include "parser/diagnostics.h"
#include "privilege/request.h"

namespace stap {

// Reports each forbidden option and variable by name (priv_option_denied /
// priv_env_denied) at a "<command line>" / "<environment>" location, and
// adds the actions they need to `needed` when given. Returns true when
// everything is allowed.
bool check_invocation(const PrivilegeRequest &req, SourceManager &sm,
                      Diagnostics &diags, ActionSet *needed = nullptr);

// The action an option needs, or nullopt when it needs none
// (-r RELEASE does not; -r DIR does).
std::optional<Action> option_action(const OptionUse &opt);

}  // namespace stap
