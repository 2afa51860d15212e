// $SYSTEMTAP_DIR/rc (default ~/.systemtap/rc): options read before the
// command line's, as stap(1) says. They join the command line, so every
// check of an option (the privilege checks above all) applies to them
// exactly as to one typed by hand.
#pragma once

#include <string>
#include <vector>

namespace stap {

// The rc file's words (split at white space), then `args`; `args` alone
// when there is no rc file. Reads SYSTEMTAP_DIR and HOME.
std::vector<std::string>
with_rc_file_options(const std::vector<std::string> &args);

}  // namespace stap
