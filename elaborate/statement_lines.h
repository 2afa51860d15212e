// Which source lines a .statement("func@file:LINES") pattern names in a
// binary's DWARF line table: LINES is "*" (every line of the function),
// "N", a range "N-M", a list "N,M-P", or "+N" (relative to the function's
// declaration line), as stapprobes(3stap) describes. The file part
// matches the line table's file name or any tail of it after a '/'.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symbols/user_dwarf.h"

namespace stap {

// "read_write.c" names "fs/read_write.c"; a pattern with a directory must
// match the whole path (or its tail after a '/').
bool source_file_matches(std::string_view pattern, std::string_view file);

struct StatementMatch {
  std::vector<const DwarfLine *> lines;
  // Why nothing matched, for the diagnostic (a malformed line part), or
  // the nearest line of a function that matched without its line:
  // "main@/src/prog.c:23".
  std::string error, nearest;
};

// The lines of `dwarf` that `spec` ("func@file:LINES") names; with
// `nearest` (.statement(...).nearest), a line number or range without
// code takes each matching function's line nearest to it instead.
StatementMatch match_statement_lines(const UserDwarf &dwarf,
                                     std::string_view spec, bool nearest);
// The same over `lines` (sorted like UserDwarf::lines(), which outlive the
// match).
StatementMatch match_statement_lines(const std::vector<DwarfLine> &lines,
                                     std::string_view spec, bool nearest);

// "func@file:line" as pass 2 spells one matched line.
std::string statement_name(const DwarfLine &l);

}  // namespace stap
