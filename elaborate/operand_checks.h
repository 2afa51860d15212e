// Pass 2 step: operands that must be known at translation time.
//
//  - @hist_linear(s, lo, hi, step): lo, hi and step are number literals
//    with lo < hi and step > 0 (they size the histogram's buckets);
//  - `x / 0`, `x % 0` with a literal zero divisor: certain to fail, so an
//    error at the operator rather than at run time;
//  - printd/printdln/sprintd/sprintdln: the first argument is the
//    delimiter and must be there;
//  - one histogram flavour per statistic (the runtime keeps one set of
//    buckets each);
//  - the pattern of `=~` / `!~` compiles (elaborate/regex_dfa.h);
//  - @kderef/@uderef read 1, 2, 4 or 8 bytes (a literal size).
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_operands(const Program &program, const SourceManager &sm,
                    Diagnostics &diags);

}  // namespace stap
