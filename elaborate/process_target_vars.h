// Pass 2 step: resolve the target expressions of process function probes
// ($param, $local, $p->field[i], $return, $$parms/$$vars/$$locals,
// @entry($x), &$x) and every @cast to a user binary's type
// (@cast(p, "struct T", "/path/to/binary")) against that binary's own DWARF
// (symbols/user_dwarf.h) into TargetAccess plans that read the probed
// task's registers and user memory.
//
// Values are those at the address the probe fires at: after the
// function's prologue (DwarfFunction::probe_pc), as SystemTap does, so
// -O0 parameters are in their stack slots. In .return probes a parameter
// means its value at entry, available when it arrived in an argument
// register (the uretprobe saves them, like kretprobes). A variable with no
// location there is a located "optimized out" error.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

class SymbolSource;

void resolve_process_targets(Program &program, SymbolSource &symbols,
                             Diagnostics &diags);

}  // namespace stap
