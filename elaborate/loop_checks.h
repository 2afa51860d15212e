// Pass 2 step: statements that only make sense relative to a loop.
//
//  - 'break' and 'continue' outside any loop;
//  - deleting from or storing into the array a foreach is iterating over,
//    inside that foreach, directly or through a function that (transitively)
//    modifies it (the iteration would walk a changing table).
//
// Runs on the assembled program after symbols are resolved, so arrays are
// compared by declaration, not by name.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_loops(const Program &program, Diagnostics &diags);

}  // namespace stap
