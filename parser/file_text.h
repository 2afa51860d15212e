// Reading a whole file that must be a regular one. Every file the
// translator reads by a path it builds itself (tapsets, a kernel tree's
// .config and release, symbol maps, cache entries) goes through here: it is
// opened without blocking and checked before it is read, so a FIFO or a
// device planted where a file is expected is skipped instead of hanging the
// run. (The script itself may be a pipe; the driver reads it differently.)
#pragma once

#include <optional>
#include <string>

namespace stap {

// The contents of the regular file at `path` (symbolic links followed), or
// nullopt when it cannot be opened, is no regular file or cannot be read.
std::optional<std::string> read_regular_file(const std::string &path);

}  // namespace stap
