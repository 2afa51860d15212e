// The inlined copies of kernel functions as probe points, from vmlinux's
// DWARF (through the per-release index of symbols/kernel_inline_index.h):
// what kernel.function("PATTERN").inline probes, and what plain
// kernel.function("F") probes for an F without a symbol of its own
// (stapprobes(3stap): .function includes inlined instances). Each copy
// is placed like a source line, at the symbol that holds its entry plus
// the offset, and named as SystemTap names it: the function's
// declaration, function("NAME@FILE:LINE").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "elaborate/symbols.h"
#include "parser/ast.h"

namespace stap {

struct KernelInlineCopies {
  std::vector<ProbePoint *> points;
  // The functions with inlined copies (for a "did you mean").
  std::vector<std::string> inlined_names;
  // Why nothing could be placed: no DWARF, or the last copy's reason.
  std::string why;
};

// Copies of `base`, one per inlined copy of the functions `spec`
// ("NAME[@FILE[:LINE]]", globs allowed) names, its component `fn_at`
// holding each copy's name; copies a kprobe cannot reach (boot-time code,
// a refused function) are left out.
KernelInlineCopies kernel_inline_copies(const ProbePoint &base, int fn_at,
                                        std::string_view spec,
                                        SymbolSource &symbols,
                                        AstContext &ctx);

}  // namespace stap
