#include "symbols/systemtap_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace stap {

std::string user_systemtap_dir(std::string_view systemtap_dir_var,
                               std::string_view home) {
  if (!systemtap_dir_var.empty()) return std::string(systemtap_dir_var);
  if (home.empty()) return "";
  return std::string(home) + "/.systemtap";
}

std::string private_directory(const std::string &dir, unsigned uid,
                              std::string *why) {
  // mkdir first, then judge what is there: whoever made it, the checks
  // below see the directory we will use.
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    *why = "cannot create '" + dir + "': " + std::strerror(errno);
    return "";
  }
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) {
    *why = "cannot read '" + dir + "': " + std::strerror(errno);
    return "";
  }
  const char *problem = S_ISLNK(st.st_mode)    ? "is a symbolic link"
                        : !S_ISDIR(st.st_mode) ? "is not a directory"
                        : st.st_uid != uid     ? "belongs to another user"
                        : st.st_mode & (S_IWGRP | S_IWOTH)
                            ? "is writable by other users"
                            : nullptr;
  if (!problem) return dir;
  *why = "'" + dir + "' " + problem;
  return "";
}

std::string private_cache_dir(const std::string &systemtap_dir, unsigned uid,
                              std::string *why) {
  if (systemtap_dir.empty()) {
    *why = "neither SYSTEMTAP_DIR nor HOME names a directory";
    return "";
  }
  if (private_directory(systemtap_dir, uid, why).empty()) return "";
  return private_directory(systemtap_dir + "/cache", uid, why);
}

}  // namespace stap
