// Parses a probe point written as text — `kernel.function("vfs_*").return`,
// `timer.ms(100)`, `syscall.*` — into a ProbePoint. Used for `stap -l/-L
// PATTERN` and by tests; scripts go through the real parser.
#pragma once

#include <string>
#include <string_view>

#include "parser/ast.h"

namespace stap {

// Returns nullptr and sets *error ("expected ')' after argument") on a
// malformed point. When `file` is given, component locations point into it
// at byte offset `base`; otherwise they are invalid.
ProbePoint *parse_probe_point_text(std::string_view text, AstContext &ctx,
                                   std::string *error, FileId file = kNoFile,
                                   uint32_t base = 0);

}  // namespace stap
