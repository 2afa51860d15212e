// The administrator's policy file: extra actions granted to Unix groups.
//
//   # /etc/stap/privilege.conf
//   grant GROUP ACTION [ACTION...]
//
// Grants only add to a level; nothing here can take an action away. The
// path is fixed at build time (never from the environment or the command
// line), opened without following symbolic links, and ignored with a
// warning unless it and every directory above it belong to root and are not
// writable by group or others (sticky root directories such as /tmp aside).
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "parser/diagnostics.h"
#include "privilege/actions.h"

namespace stap {

inline constexpr const char *kPrivilegePolicyPath = "/etc/stap/privilege.conf";

struct PolicyGrant {
  std::string group;
  ActionSet actions;
};

struct PrivilegePolicy {
  std::vector<PolicyGrant> grants;
  // The union of what the policy grants to any of `groups`.
  ActionSet granted_to(const std::vector<std::string> &groups) const;
};

// Parses policy text; malformed lines and unknown actions are reported as
// warnings at their line and skipped.
PrivilegePolicy parse_policy(FileId file, const SourceManager &sm,
                             Diagnostics &diags);

// Reads and parses the policy at `path`. A missing file is an empty policy;
// an unsafe one is ignored with a warning. `trusted_owner` is root except in
// tests that cannot create root-owned files.
PrivilegePolicy load_policy(const std::string &path, SourceManager &sm,
                            Diagnostics &diags, uid_t trusted_owner = 0);

// Names of the calling process's groups (effective and supplementary).
std::vector<std::string> caller_groups();

// What the installed policy (kPrivilegePolicyPath) grants the caller: the
// driver adds this to PrivilegeRequest::extra.
ActionSet policy_grants_for_caller(SourceManager &sm, Diagnostics &diags);

}  // namespace stap
