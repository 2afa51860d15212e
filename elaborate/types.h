// Step "infer types": long, string and statistics for every variable,
// array (value and per-index types, index count), function parameter and
// return value, iterated to a fixpoint over the whole program.
//
// Shapes first: a global is an array when declared with [N] or when its
// first use indexes it; later uses must agree. Then types flow both ways
// through assignments, calls, returns and comparisons until nothing
// changes. A conflict names both types and adds a note where the other one
// was inferred. Variables read but never written get a warning (locals, and
// script globals) and read as long.
#pragma once

#include "elaborate/elaborate.h"

namespace stap {

// `elide_unused`: the optimizer will run (no -u), so an assignment
// statement to a local nobody reads does not constrain its type.
// `targets_resolved`: false when earlier errors stopped the resolution of
// target expressions against the kernel's types; theirs are then unknown,
// so no type error echoes those errors.
void infer_types(Program &program, Diagnostics &diags, bool elide_unused,
                 bool targets_resolved = true);

}  // namespace stap
