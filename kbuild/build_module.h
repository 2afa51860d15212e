// Pass 4 as one call: kernel API detection (cached per kernel), the
// emission check, kbuild, and the module cache. Pass 3 hands it the C.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kbuild/frame_limit.h"

namespace stap {

struct ModuleBuildRequest {
  std::string module_name;       // stap_<hash> or -m NAME
  std::string c_source;          // the whole generated program
  std::string kernel_build_dir;  // /lib/modules/RELEASE/build
  std::string runtime_dir;       // runtime/ (headers the C includes)
  std::string work_dir;          // temporary directory for kbuild
  std::string cache_dir;         // feature cache; "" disables
  std::vector<std::string> defines;  // -D NAME[=VALUE] from the command line
  // Largest kernel stack frame a C function may have (frame_limit.h);
  // a larger one fails the build.
  size_t frame_limit = 0;
  // Emission check: on for unprivileged builds, or when asked for.
  bool emission_check = false;
  bool unprivileged = false;
  std::string checker_path;      // stap-check-c
  std::string api_dir;           // runtime API headers (the allow-list)
  bool verbose = false;
};

struct ModuleBuildResult {
  bool ok = false;
  std::string ko_path;
  std::string log;    // compiler and checker output worth showing
  std::string error;  // one-line reason when !ok
  // The compiler's error lines when kbuild failed, its warning lines when
  // it did not (bounded), and how many more there were: shown without -v,
  // so a user sees what broke.
  std::vector<std::string> compiler_errors;
  size_t compiler_errors_omitted = 0;
  std::vector<std::string> compiler_warnings;
  size_t compiler_warnings_omitted = 0;
  // Functions whose frame exceeded frame_limit (the build failed); their
  // lines are not among compiler_errors.
  std::vector<FrameOverflow> frame_overflows;
  bool features_from_cache = false;
  bool runtime_from_cache = false;  // the runtime was linked in prebuilt
  bool translator_bug = false;  // the emission check failed
};

ModuleBuildResult build_module(const ModuleBuildRequest &req);

// "" when a module of `bytes` may be loaded, else why not: staprun refuses
// modules over STAP_MODULE_MAX_SIZE, so pass 4 does not produce them.
std::string module_size_error(uint64_t bytes);

}  // namespace stap
