// Files a run derives once from a kernel and keeps in the user's cache
// (the vmlinux BTF extracted from a bzImage, the index of module
// tracepoints): keyed by the identity of what they came from, trusted only
// when they are our own regular files, written so a concurrent reader sees
// all of one or none.
#pragma once

#include <string>

namespace stap {

// The identity of a file for a cache key: its size and modification time;
// "" when it cannot be read.
std::string file_identity(const std::string &path);

// A cache file counts only if it is our own regular file.
bool own_regular_file(const std::string &path);

// Writes `data` to `path` (creating its directory) through a rename;
// silently nothing on failure: the cache only saves time.
void write_cache(const std::string &path, const std::string &data);

}  // namespace stap
