// `stap -l PATTERN` and `stap -L PATTERN`: the concrete probe points a
// pattern stands for, built-in families and tapset aliases alike.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "elaborate/symbols.h"
#include "probes/probe_registry.h"

namespace stap {

struct ListingOptions {
  // -L: append " $name:type" for each variable: from DWARF for process
  // points, from the running kernel's BTF for kernel.function points.
  bool with_vars = false;
  // Keeps those of the suffixed aliases listed (`vfs.read.return.
  // maxactive(5)`) that pass 2 resolves; none when unset.
  std::function<std::vector<std::string>(std::vector<std::string>)> resolvable;
};

// Returns the sorted, unique canonical points matching `pattern`
// (e.g. `kernel.function("vfs_*")`, `syscall.*`, `process("/bin/ls").
// function("*")`). `alias_names` are the tapset alias names, dotted, without
// arguments ("syscall.read"). Lines for stderr (malformed pattern, symbols
// unavailable, no debuginfo for -L of kernel points) go to *messages.
std::vector<std::string> list_probe_points(
    std::string_view pattern, const std::vector<std::string> &alias_names,
    const ProbeRegistry &registry, SymbolSource &symbols,
    const ListingOptions &opts, std::vector<std::string> *messages);

}  // namespace stap
