// The `stap` command: options, then a query (-l/-L, --dump-*) or the passes.
#pragma once

#include <string>
#include <vector>

#include "driver/pipeline.h"

namespace stap {

// argv without argv[0]. Returns the exit status (0 success, 1 any error).
int run_command(const std::vector<std::string> &args, Streams io);

}  // namespace stap
