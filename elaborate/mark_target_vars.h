// Pass 2 step: the target expressions of SDT mark probes
// (process("PATH").mark("NAME")): $arg1..$argN from the mark's
// .note.stapsdt argument specs, $$name and $$provider, and $$parms/$$vars
// ("$arg1=0x... $arg2=0x..."). Each argument is a long, read at run time
// from where the note says it is at that site (runtime/sdt_args.h), so a
// mark with several sites may keep its arguments in different places.
// Also $$name of .plt("NAME") probes.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void resolve_mark_targets(Program &program, Diagnostics &diags);

}  // namespace stap
