#include "driver/tapset_paths.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "driver/options.h"

namespace stap {

namespace {

namespace fs = std::filesystem;

// True when this executable lives under the build tree it was compiled in,
// so the library should come from the sources next to it (no install step
// needed to run or test).
bool running_from_build_tree() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return false;
  fs::path build = fs::weakly_canonical(STAP_BINARY_DIR, ec);
  if (ec) return false;
  auto mismatch = std::mismatch(build.begin(), build.end(), exe.begin(), exe.end());
  return mismatch.first == build.end();
}

std::string builtin_library_dir() {
  std::error_code ec;
  bool installed = fs::is_directory(STAP_INSTALLED_TAPSET_DIR, ec);
  if (running_from_build_tree() || !installed)
    return STAP_SOURCE_DIR "/tapsets";
  return STAP_INSTALLED_TAPSET_DIR;
}

}  // namespace

TapsetPath tapset_search_path(const Options &opts) {
  TapsetPath p;
  p.dirs = opts.include_dirs;
  std::string env = opts.environment_value("SYSTEMTAP_TAPSET");
  if (!env.empty()) {
    p.library_dir = env;
    p.from_environment = true;
  } else {
    p.library_dir = builtin_library_dir();
  }
  p.dirs.push_back(p.library_dir);
  return p;
}

}  // namespace stap
