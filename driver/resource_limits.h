// --rlimit-as=N, --rlimit-cpu=N, --rlimit-nproc=N, --rlimit-stack=N,
// --rlimit-fsize=N: limits SystemTap's stap puts on itself (and so on the
// compiler and kbuild it runs), set before any pass starts.
#pragma once

#include <string>

namespace stap {

struct Options;

// Sets each limit (soft and hard). Returns an empty string, or why a limit
// could not be set ("cannot set --rlimit-nproc=5: Operation not permitted").
std::string apply_resource_limits(const Options &opts);

}  // namespace stap
