// The inlined copies of kernel functions as probe points, from vmlinux's
// DWARF (through the per-release index of symbols/kernel_inline_index.h):
// what kernel.function("PATTERN").inline probes, and what plain
// kernel.function("F") probes for an F without a symbol of its own
// (stapprobes(3stap): .function includes inlined instances). Each copy
// is placed like a source line, at the symbol that holds its entry plus
// the offset, and named as SystemTap names it: the function's
// declaration, function("NAME@FILE:LINE").
//
// The same index gives a function's definitions, so the labels of
// kernel.function("F").label("L") and the inlined callees of
// kernel.function("F").callee("G") are found here too, and the calls
// its DWARF records.
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
                                        SymbolSource &symbols, AstContext &ctx);

// What .label and .callee expand to.
struct KernelFunctionParts {
  std::vector<ProbePoint *> points;
  std::vector<std::string> seen;  // every label or callee name, for hints
  std::string why;                // why one could not be placed
  // Why a call the pattern matches could not be probed (a tail call).
  std::string out_of_line;
};

// kernel.function("F").label("PATTERN") for `point` (F concrete, at
// component `fn_at`; the label at `label_at`): each label of each
// definition of F that PATTERN matches, placed at the label, F named by
// its file and the label's line, as SystemTap does.
KernelFunctionParts kernel_label_points(const ProbePoint &point, int fn_at,
                                        int label_at, std::string_view pattern,
                                        SymbolSource &symbols, AstContext &ctx);

// kernel.function("F").callee("PATTERN") and .callees(DEPTH) for `point`
// (the callee at `callee_at`), DEPTH levels deep (a callee's callees are
// the next level, named with that caller):
// - the copies inlined into F's code of the functions PATTERN matches,
//   placed at each copy's entry (the code is F's: nothing to check when
//   they fire); not with `calls_only` (.callee("G").call and .return);
// - the functions F calls out of line (DW_TAG_call_site), placed at their
//   entry and run only when the return address is one of F's calls
//   (ProbePoint::kernel_callers; runtime/kprobes.c checks it). A tail
//   call leaves no return address and is left out.
KernelFunctionParts
kernel_callee_points(const ProbePoint &point, int fn_at, int callee_at,
                     std::string_view pattern, int64_t depth, bool calls_only,
                     SymbolSource &symbols, AstContext &ctx);

}  // namespace stap
