// Pass 2 step: the constructs the language has but pass 3 cannot build
// yet, refused here so that `-p2` is the whole lint (pass 3 may report
// only translator bugs):
//
//  - @uregister(N) / @kregister(N) with N not a DWARF register number;
//  - @var("name") of a kernel variable outside @defined (no kernel
//    global lookup yet; without the kernel's debuginfo the error names its
//    package; inside @defined it is simply not defined);
//  - @probewrite outside a probe alias's body (a user error), and
//    assigning to or incrementing a target variable;
//  - `foreach ([a, b] in @hist_log(s))`: a histogram has one key, its
//    bucket (a user error, with the array's arity rule's id).
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

class SymbolSource;

void check_unbuilt_constructs(const Program &program, SymbolSource &symbols,
                              Diagnostics &diags);

}  // namespace stap
