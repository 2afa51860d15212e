// A plain kernel.function("F") probes F's inlined copies as well as its
// entry, as stapprobes(3stap) documents (.call leaves them out, .return
// has none), when the kernel's debuginfo is installed: each copy is
// placed at the symbol that holds its entry and named as SystemTap names
// it, function("F@FILE:LINE") (F's declaration). The places come from
// the per-release cache of symbols/kernel_inline_places.h, so a warm run
// opens neither vmlinux's DWARF nor its symbols. Without the debuginfo
// nothing changes (BTF names the entries; no DWARF is looked for).
//
// Points a tapset wrote leave the copies out: a tapset alias counts each
// call once at the function's entry, and its handler reads the entry's
// variables from BTF, which a copy (its variables in the DWARF, often
// optimized out) would make the whole alias depend on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "elaborate/symbols.h"
#include "parser/ast.h"

namespace stap {

// Whether the points of `pp` (type `t`, its function `spec`) include the
// inlined copies of the functions they name.
bool probes_inlined_copies(const ProbePoint &pp, const ProbeType &t,
                           std::string_view spec, SymbolSource &symbols);

// A copy of `point` per inlined copy of the function `name`, its
// component `fn_at` naming the copy; copies a kprobe cannot reach (in a
// refused function) are left out.
std::vector<ProbePoint *>
inlined_copy_points(const ProbePoint &point, int fn_at, const std::string &name,
                    SymbolSource &symbols, AstContext &ctx);

// The names the points of `name` would carry, for a listing.
std::vector<std::string> inlined_copy_names(const std::string &name,
                                            SymbolSource &symbols);

// The functions with inlined copies whose names the glob `pattern`
// matches, but not in `known` (the ones with a symbol).
std::vector<std::string>
inlined_functions_matching(std::string_view pattern,
                           const std::vector<std::string> &known,
                           SymbolSource &symbols);

}  // namespace stap
