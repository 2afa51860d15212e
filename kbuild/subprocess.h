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
// argv[0] is resolved by resolve_tool; a refused or missing program is
// reported in `error` with exit_code -1.
ProcessResult run_process(const std::vector<std::string> &argv,
                          const std::vector<std::string> &env,
                          const std::string &cwd = "");

// The absolute path of `program`: itself when absolute, else the first
// executable of that name in the trusted system directories. A relative
// path ("./make", "bin/make") is refused, and so is a name found nowhere:
// returns "" with the reason in `*why`.
std::string resolve_tool(const std::string &program, std::string *why);

// The trusted system directories as a PATH value ("/usr/bin:/bin:...").
std::string trusted_tool_path();

// The environment kbuild runs in: a fixed PATH and locale; nothing from the
// caller's environment that could change what make or gcc do (MAKEFLAGS,
// CC, KCFLAGS, GCC_EXEC_PREFIX ...); PATH is trusted_tool_path().
std::vector<std::string> clean_build_environment();

}  // namespace stap
