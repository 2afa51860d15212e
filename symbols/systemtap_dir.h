// The user's own SystemTap directory: $SYSTEMTAP_DIR, else ~/.systemtap.
// Its cache/ holds built modules and the kernels' extracted BTF; one rule
// for both. The driver reads the variables and the password entry once
// and hands the values in: nothing here looks at the environment.
#pragma once

#include <string>
#include <string_view>

namespace stap {

// SYSTEMTAP_DIR when set, else HOME/.systemtap; empty when neither names
// one (no shared fallback such as /tmp: another user could create it).
std::string user_systemtap_dir(std::string_view systemtap_dir_var,
                               std::string_view home);

// `dir` when it is fit to hold files we later load: created (0700) when
// missing, else a real directory (not a symlink) owned by `uid` that no
// group or other user may write to. Otherwise empty, and *why says what is
// wrong: a cache another user can write to could hand us their module.
std::string private_directory(const std::string &dir, unsigned uid,
                              std::string *why);

// DIR/cache checked as above, DIR checked first; empty with *why when
// either is unfit or `systemtap_dir` is empty.
std::string private_cache_dir(const std::string &systemtap_dir, unsigned uid,
                              std::string *why);

}  // namespace stap
