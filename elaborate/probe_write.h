// @probewrite(VAR) in a probe alias's body is 1 when the handler a user
// wrote for the alias assigns VAR (=, op=, <<<, ++/--, an element of it,
// delete), else 0 (stap(1), PROBES). It is decided per expansion, when the
// alias's bodies and the user's handler are put together.
#pragma once

#include "parser/ast.h"

namespace stap {

// Sets `written` on every @probewrite in `expanded` from what `handler`
// (the user's own body, may be null) writes.
void resolve_probe_writes(Block *expanded, Block *handler);

}  // namespace stap
