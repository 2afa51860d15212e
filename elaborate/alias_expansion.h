// Step "expand aliases and match probe points": every written probe (the
// script's and those of tapset files in use) becomes concrete probes.
//
// A point naming an alias (`syscall.read`, or `syscall.*` matching several)
// expands to the alias's targets, recursively; the alias body runs before
// the user's body for `=` (prologue) and after it for `+=` (epilogue). A
// point naming no alias is matched against the probe registry and its
// wildcards expanded. `?` makes a point optional (no error when it matches
// nothing); `!` makes it sufficient (later points of the same list are
// skipped once it matched). Each concrete probe gets its own copy of the
// combined body, with an "expanded from probe alias" chain on the alias's
// part.
#pragma once

#include "elaborate/elab_state.h"

namespace stap {

void expand_pending_probes(ElabState &st);

}  // namespace stap
