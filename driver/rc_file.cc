#include "driver/rc_file.h"

#include <cstdlib>
#include <fstream>

#include "symbols/systemtap_dir.h"

namespace stap {

std::vector<std::string>
with_rc_file_options(const std::vector<std::string> &args) {
  const char *dir_var = std::getenv("SYSTEMTAP_DIR");
  const char *home = std::getenv("HOME");
  std::string dir =
      user_systemtap_dir(dir_var ? dir_var : "", home ? home : "");
  if (dir.empty()) return args;
  std::ifstream rc(dir + "/rc");
  std::vector<std::string> all;
  for (std::string word; rc >> word;) all.push_back(word);
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

}  // namespace stap
