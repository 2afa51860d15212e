// Step "resolve symbols": binds every identifier and call in the probes and
// functions found so far, pulling tapset files in as names need them.
//
// Lookup order for an identifier, as in SystemTap: the body's locals, the
// function's parameters, the script's and the tapsets' globals (a
// `private global` is seen only from its own file), and otherwise a new
// local (declared by its first use). An array use must find a global.
// Calls resolve by name and number of arguments; script functions shadow
// tapset ones. The probe context is checked here too: `$var` only where the
// probe type has target variables, `$return` and `@entry` only in return
// probes, neither in functions.
#pragma once

#include "elaborate/elab_state.h"

namespace stap {

// Resolves every probe body and queued function not resolved yet. Returns
// true when it did any work (newly parsed tapset files may have queued more
// probes: run alias expansion again).
bool resolve_pending(ElabState &st);

}  // namespace stap
