// Pass 2 step: the constructs the language has but pass 3 cannot build
// yet, refused here so that `-p2` is the whole lint (pass 3 may report
// only translator bugs):
//
//  - @uregister(N) / @kregister(N) with N not a DWARF register number;
//  - @var("name") outside @defined (no global-variable lookup yet; inside
//    @defined it is simply not defined);
//  - @probewrite outside a probe alias's body (a user error), and
//    assigning to or incrementing a target variable;
//  - `foreach ([a, b] in @hist_log(s))`: a histogram has one key, its
//    bucket (a user error, with the array's arity rule's id).
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_unbuilt_constructs(const Program &program, Diagnostics &diags);

}  // namespace stap
