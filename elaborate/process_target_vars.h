// Pass 2 step: resolve the target expressions of process function probes
// ($param, $local, $p->field[i], $return, $$parms/$$vars/$$locals,
// @entry($x), &$x) and every @cast to a user binary's type
// (@cast(p, "struct T", "/path/to/binary")) against that binary's own DWARF
// (symbols/user_dwarf.h) into TargetAccess plans that read the probed
// task's registers and user memory.
//
// Values are those at the address the probe fires at, which is the
// function's entry (probes/process.cc arms the uprobe at its symbol; note
// SystemTap probes after the prologue, DwarfFunction::probe_pc). There the
// x86-64 psABI is exact for parameters in the six integer argument
// registers (-O0 code has not stored them in their frame slots yet); other
// variables use their DWARF location at the entry. A variable with no
// location there is a located "optimized out" error. In .return probes a
// target variable, like @entry(expr) of any expression, is evaluated at
// the entry and saved for the return (Program::probe_entry_values).
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

class SymbolSource;
struct ProbeType;

// A process function or statement probe: its binary's DWARF types answer
// its autocasts and its @casts that name no file (SystemTap's default for
// DWARF probes), so the kernel resolver leaves those alone.
bool has_user_types(const ProbeType &t);

// A kernel probe whose target variables are read through vmlinux's DWARF
// at the probe address, here, with kernel memory reads: at a source line
// (kernel.statement("f@file:N"), kernel.function("f@file:N")), and at a
// kernel.function entry that names what the BTF prototype lacks (a local,
// $$vars, $$locals). Only with the kernel's debuginfo installed; the
// kernel resolver leaves these probes alone.
bool uses_kernel_dwarf(const ProbeDecl *p, const ProbeType &t,
                       SymbolSource &symbols);

void resolve_process_targets(Program &program, SymbolSource &symbols,
                             Diagnostics &diags);

}  // namespace stap
