// Kernel functions the kernel refuses to kprobe, as far as it can be known
// without the running kernel. The kernel's own list (NOKPROBE_SYMBOL, the
// .kprobes.text, .entry.text and .noinstr.text sections) is not in BTF or
// in the symbol table, so this is a documented static list of x86-64
// names that every kernel from 6.1 to 6.12 refuses: the kprobe and int3
// machinery, the die/oops path, and the exception and interrupt entry
// handlers (DEFINE_IDTENTRY*: `exc_*`, `sysvec_*`, all noinstr). Anything
// else the kernel refuses is still reported at run time, with its reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stap {

// Why the kernel refuses a kprobe on `function` ("NOKPROBE_SYMBOL",
// "noinstr exception entry"), or nullopt when it is not known to.
std::optional<std::string> kprobe_refusal(std::string_view function);

}  // namespace stap
