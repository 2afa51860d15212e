// Which executable a user-space code probe names when the script leaves
// it to the invocation (stapprobes, "USER-SPACE"):
//   process.function("f")         the -c command's program, or the -x
//                                 PID's executable
//   process(PID).function("f")    PID's executable, fired only in PID
// Both become process("EXE").… before the point is matched, so every later
// step (symbols, target variables, pass 3) sees a path as for
// process("PATH"); a PID restriction travels in ProbePoint::pid.
#pragma once

#include <optional>

#include "elaborate/elaborate.h"
#include "parser/ast.h"
#include "parser/diagnostics.h"

namespace stap {

// nullopt: `pp` is not such a point, use it as written. Otherwise the
// point with its executable filled in; null when it names no executable
// (the error is reported at the point unless it is `optional`).
std::optional<const ProbePoint *>
bind_process_target(const ProbePoint &pp, bool optional,
                    const ElaborateOptions &opts, AstContext &ctx,
                    Diagnostics &diags);

}  // namespace stap
