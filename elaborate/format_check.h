// Step "check print formats": a printf/sprintf whose format is a string
// literal must get one argument per conversion, of the conversion's type
// (%d %i %u %x %X %o %c %p %b %m %M take long, %s string; `*` widths and
// precisions take long). Runs after type inference.
#pragma once

#include "elaborate/elaborate.h"

namespace stap {

void check_formats(Program &program, Diagnostics &diags);

}  // namespace stap
