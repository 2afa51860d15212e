// Printing collected diagnostics for a person at a terminal.
#pragma once

#include <ostream>

#include "driver/options.h"
#include "parser/diagnostics.h"

namespace stap {

// Diagnostics::render_all(), with "stap: " before the ones that have no
// source location ("stap: error: cannot open ..."), as command-line tools
// do; coloured as diagnostic_colors() says.
void print_diagnostics(const Diagnostics &diags, const Options &opts,
                       std::ostream &err);

// The colours for @err: SYSTEMTAP_COLORS's under --color=always, or under
// auto (the default) when @err is standard error on a terminal; none under
// --color=never, or when the diagnostics are also a machine-readable lint
// report (--lint-format=json|sarif), meant for CI logs.
DiagnosticColors diagnostic_colors(const Options &opts,
                                   const std::ostream &err);

}  // namespace stap
