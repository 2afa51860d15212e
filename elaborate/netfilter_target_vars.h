// Pass 2 step: the context variables of netfilter probes (probes/
// netfilter.cc): $hooknum, $skb, $in, $out, $okfn (numbers, read) and
// $verdict (read, and set by a -g script to decide the packet's fate;
// without `guru` setting it is an error).
#pragma once

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"

namespace stap {

void resolve_netfilter_targets(Program &program, bool guru, Diagnostics &diags);

}  // namespace stap
