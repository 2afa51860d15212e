// Turns one written probe point into the concrete points it stands for.
//
//   kernel.function("vfs_*")           -> kernel.function("vfs_read"), ...
//   kernel.function("f").*             -> kernel.function("f").call, .return ...
//   process("/bin/ls").function("*")   -> one point per function of ls
//
// Component-name wildcards are resolved against the registry; wildcard
// string arguments against the symbols of the kind the ProbeType declares
// (SymbolSource). New points are made with the AstContext and keep the
// original point's location, `?`, `!` and condition.
//
// Outcomes the caller sees through diagnostics:
//   - unknown point / bad parameter: probe_unknown / probe_bad_param (from
//     the registry); nothing returned;
//   - symbols unavailable (no kallsyms/System.map/BTF for the release): one
//     probe_symbols_unavailable warning per run and reason, at the first
//     point that needs it; the point is returned unexpanded;
//   - missing or non-ELF binary: probe_bad_binary naming the path;
//   - a wildcard matching nothing: probe_no_match, an error unless the point
//     is optional (`?`), in which case nothing is returned silently.
// Concrete symbol names are not checked against the tables (inline
// functions, for one, are not in kallsyms): that is pass 3's job.
#pragma once

#include <vector>

#include "elaborate/symbols.h"
#include "parser/ast.h"
#include "probes/probe_registry.h"

namespace stap {

struct ExpandedPoint {
  ProbePoint *point;        // concrete, or the original when kept unexpanded
  const ProbeType *type;    // what it matched
  bool unexpanded = false;  // symbols were unavailable
  // names_only expansion: `point` once, with these symbols in place of
  // its symbol argument (-l lists 60k kernel functions: no point each).
  std::vector<std::string> names;
};

// Matches `pp` against the registry and expands every wildcard. The result
// is in registry order, then symbol order. `alias_names` only feeds the
// "did you mean" of an unknown point.
std::vector<ExpandedPoint> expand_probe_point(
    const ProbePoint &pp, const ProbeRegistry &registry, SymbolSource &symbols,
    AstContext &ctx, Diagnostics &diags,
    const std::vector<std::string> *alias_names = nullptr);

// The same for one type the caller already matched (from match_all).
std::vector<ExpandedPoint> expand_wildcards(const ProbePoint &pp,
                                            const ProbeType &type,
                                            SymbolSource &symbols,
                                            AstContext &ctx, Diagnostics &diags,
                                            bool names_only = false);

}  // namespace stap
