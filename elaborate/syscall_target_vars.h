// The target variables of process.syscall and .syscall.return: $syscall
// (the system call number), $arg1..$arg6 (its arguments, at entry) and
// $return (its result, at return), each a long read from the task's user
// registers as the x86-64 system call convention leaves them
// (runtime/process_syscall.h).
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void resolve_syscall_targets(Program &program, Diagnostics &diags);

}  // namespace stap
