// Pass 2 step: resolve the target expressions of kernel probes ($param,
// $return, $var->field[i].x, $$parms, @entry($x)) and every @cast against
// the target kernel's BTF into TargetAccess plans (target_access.h) for
// pass 3. A field that does not exist, `->` on a non-pointer, $return of a
// void function are reported here, with "did you mean" for names.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

class SymbolSource;

void resolve_kernel_targets(Program &program, SymbolSource &symbols,
                            Diagnostics &diags);

}  // namespace stap
