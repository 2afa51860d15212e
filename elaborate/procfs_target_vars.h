// Pass 2 step: $value in procfs probes (probes/procfs.cc). A read probe
// sets it (`=`, `.=`) and never reads it; a write probe reads what the
// user wrote and never sets it: SystemTap's rules and wording.
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void resolve_procfs_targets(Program &program, Diagnostics &diags);

}  // namespace stap
