// Step "check print formats": a printf/sprintf whose format is a string
// literal must get one argument per conversion, of the conversion's type
// (%d %i %u %x %X %o %c %p %b %m %M take long, %s string; `*` widths and
// precisions take long). Runs after type inference.
#pragma once

#include <string>
#include <vector>

#include "elaborate/elaborate.h"

namespace stap {

void check_formats(Program &program, Diagnostics &diags);

// The types a printf-style format's conversions consume, in order (`*`
// widths included); false when the format is malformed. Type inference
// uses it so `printf("%d", x)` types a never-assigned x as long.
bool format_argument_types(const std::string &format, std::vector<Type> *out);

// The conversions of a format that read memory at an address argument
// (%m, %M), as written ("%4.16M"); the privilege pass asks each one for
// memory.kernel.read.
std::vector<std::string> memory_conversions(const std::string &format);

}  // namespace stap
