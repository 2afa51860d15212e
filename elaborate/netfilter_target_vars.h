// Pass 2 step: the context variables of netfilter probes (probes/
// netfilter.cc): $hooknum, $okfn (numbers, read), $skb, $in, $out
// (pointers typed from the kernel's BTF by kernel_target_vars.cc, so
// `$skb->len` works) and $verdict (read, and set by a -g script to decide
// the packet's fate; without `guru` setting it is an error).
#pragma once

#include <optional>
#include <string_view>

#include "elaborate/elaborate.h"
#include "parser/diagnostics.h"
#include "symbols/btf_types.h"

namespace stap {

// $skb, $in and $out: the variables with a C type.
bool is_netfilter_typed(std::string_view name);

// Their types in vmlinux's BTF (struct sk_buff *, struct net_device *) as
// a prototype in the runtime's argument order; the untyped variables'
// places are unnamed. nullopt when the BTF lacks the structs.
std::optional<FunctionProto> netfilter_typed_args(const struct btf *vmlinux);

void resolve_netfilter_targets(Program &program, bool guru, Diagnostics &diags);

}  // namespace stap
