// The commands that answer a question instead of running a script:
// -l/-L PATTERN, --dump-probe-types, --dump-functions.
#pragma once

#include "driver/pipeline.h"

namespace stap {

struct Options;
class KernelTarget;
class FrontEnd;

// Each runs after the invocation check passed (command.cc), on the front
// end built from the options the run works from.

// -l PATTERN: every probe point PATTERN resolves to (through the tapset
// aliases too), one per line, sorted; -L adds the context variables.
int query_list_probes(const Options &opts, FrontEnd &fe, Streams io);
// --dump-probe-types: every built-in probe point pattern.
int query_probe_types(const Options &opts, Streams io);
// --dump-functions: every public tapset function with its signature.
int query_functions(FrontEnd &fe, Streams io);
// --dump-probe-aliases: "name = point, point" (or "+=") per public alias of
// the tapset library, sorted, as SystemTap lists them.
int query_probe_aliases(FrontEnd &fe, Streams io);

}  // namespace stap
