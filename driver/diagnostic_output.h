// Printing collected diagnostics for a person at a terminal.
#pragma once

#include <ostream>

#include "parser/diagnostics.h"

namespace stap {

// Diagnostics::render_all(), with "stap: " before the ones that have no
// source location ("stap: error: cannot open ..."), as command-line tools do.
void print_diagnostics(const Diagnostics &diags, std::ostream &err);

}  // namespace stap
