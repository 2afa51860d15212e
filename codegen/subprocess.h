// Running a helper program (make, the compiler) with a controlled
// environment, capturing its combined output. No shell is involved, so no
// argument is ever re-parsed.
#pragma once

#include <string>
#include <vector>

namespace stap {

struct ProcessResult {
  int exit_code = -1;   // -1 when it could not be started or was killed
  std::string output;   // stdout and stderr interleaved
  std::string error;    // why it could not be started
};

// `env` replaces the environment entirely ("NAME=value" entries).
ProcessResult run_process(const std::vector<std::string> &argv,
                          const std::vector<std::string> &env,
                          const std::string &cwd = "");

// The environment kbuild runs in: a fixed PATH and locale; nothing from the
// caller's environment that could change what make or gcc do (MAKEFLAGS,
// CC, KCFLAGS, GCC_EXEC_PREFIX ...).
std::vector<std::string> clean_build_environment();

}  // namespace stap
