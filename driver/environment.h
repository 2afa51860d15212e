// The process environment as a run honours it, read once when the command
// starts: the only place stap calls getenv or reads the password entry.
// Every pass gets the values from Options, so a restricted run works
// without the overrides by not carrying them, and nothing is unset.
#pragma once

#include "driver/options.h"

namespace stap {

// Fills opts.environment (the set variables of
// privilege_environment_variables()), home, program_path, tmpdir_env and
// the checked cache directory (cache_dir, or cache_dir_problem).
void read_environment(Options &opts);

}  // namespace stap
