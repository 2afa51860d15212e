// Pass 2 step: perf counters. A probe
// perf.type(T).config(C).process("PATH").counter("NAME") declares the
// counter NAME (stapprobes(3stap)), which @perf("NAME") reads anywhere in
// the script: a name declared twice, or read and never declared, is an
// error at its string.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void check_perf_counters(const Program &program, Diagnostics &diags);

}  // namespace stap
