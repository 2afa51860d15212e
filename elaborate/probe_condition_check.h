// Pass 2 step: what a probe's `if (...)` condition may contain.
//
// The condition is evaluated whenever a global it reads changes, outside
// any probe, so (as in SystemTap) it may read globals only: no assignment
// or increment, no function call, no local or undeclared variable.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_probe_conditions(const Program &program, Diagnostics &diags);

}  // namespace stap
