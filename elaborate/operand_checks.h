// Pass 2 step: operands that must be known at translation time.
//
//  - @hist_linear(s, lo, hi, step): lo, hi and step are number literals
//    with lo < hi and step > 0 (they size the histogram's buckets);
//  - `x / 0`, `x % 0` with a literal zero divisor: certain to fail, so an
//    error at the operator rather than at run time;
//  - printd/printdln/sprintd/sprintdln: the first argument is the
//    delimiter and must be there.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_operands(const Program &program, Diagnostics &diags);

}  // namespace stap
