#include "symbols/systemtap_dir.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace stap {

std::string user_systemtap_dir() {
  if (const char *d = std::getenv("SYSTEMTAP_DIR"); d && *d) return d;
  const char *home = std::getenv("HOME");
  if (!home || !*home) {
    struct passwd *pw = getpwuid(getuid());
    if (!pw) return "";
    home = pw->pw_dir;
  }
  return std::string(home) + "/.systemtap";
}

}  // namespace stap
