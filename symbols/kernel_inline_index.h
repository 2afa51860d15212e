// The kernel's functions by name, from vmlinux's DWARF (or a module's): where
// each inlined copy starts (and its DIE, for its variables) and the DIE of each
// out-of-line definition (for its labels and call sites). Finding the copies of
// one function means walking every DIE of vmlinux, so the walk is done once per
// release (and module) and its result cached beside the other per-release
// files, keyed by the identity of the debuginfo file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symbols/user_dwarf.h"

namespace stap {

struct KernelFunctionDies {
  std::vector<uint64_t> definitions;  // DIE offsets
  struct Copy {
    uint64_t pc = 0;   // link-time entry address
    uint64_t die = 0;  // its DW_TAG_inlined_subroutine
  };
  std::vector<Copy> inlined;  // sorted by pc, one per pc
};

using KernelInlineIndex =
    std::map<std::string, KernelFunctionDies, std::less<>>;

// The index of `dwarf` (vmlinux's or a module's), read from `cache_file` when
// it is there and our own, else built and written there (empty: no cache).
KernelInlineIndex kernel_inline_index(const UserDwarf &dwarf,
                                      const std::string &cache_file);

// CACHE/RELEASE/kernel-functions-IDENTITY, IDENTITY that of the debuginfo
// vmlinux, or CACHE/RELEASE/module-functions-MODULE-IDENTITY for the
// debuginfo of `module`; "" without a cache directory or the file.
std::string kernel_inline_cache_file(const std::string &cache_dir,
                                     const std::string &release,
                                     const std::string &debug_file,
                                     const std::string &module = "");

}  // namespace stap
