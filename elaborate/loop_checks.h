// Pass 2 step: statements that only make sense relative to a loop.
//
//  - 'break' and 'continue' outside any loop;
//  - the one foreach-mutation rule (STAP2028): inside a foreach over an
//    array, nothing deletes from it, stores into it or re-sorts it (a
//    sorted foreach over it), directly or through a function that
//    (transitively) does; and no called function iterates a statistics
//    array again (the loop walks its CPUs' merged copy).
//
// Runs on the typed program, so arrays are compared by declaration, not by
// name, and statistics arrays are known.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_loops(const Program &program, Diagnostics &diags);

}  // namespace stap
