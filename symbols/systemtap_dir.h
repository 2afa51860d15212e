// The user's own SystemTap directory: $SYSTEMTAP_DIR, else ~/.systemtap
// (HOME, else the password entry). Its cache/ holds built modules and the
// kernels' extracted BTF; one rule for both.
#pragma once

#include <string>

namespace stap {

// Empty when neither SYSTEMTAP_DIR, HOME nor a password entry names one.
std::string user_systemtap_dir();

}  // namespace stap
