#include "driver/tapset_paths.h"

#include "driver/options.h"

namespace stap {

TapsetPath tapset_search_path(const Options &opts) {
  TapsetPath p;
  p.dirs = opts.include_dirs;
  std::string env = opts.environment_value("SYSTEMTAP_TAPSET");
  if (!env.empty()) {
    p.library_dir = env;
    p.from_environment = true;
  } else {
    p.library_dir = opts.layout.tapset_dir;
  }
  p.dirs.push_back(p.library_dir);
  return p;
}

}  // namespace stap
