#include "symbols/kprobe_blacklist.h"

namespace stap {

namespace {

// Marked NOKPROBE_SYMBOL in kernel/kprobes.c, kernel/notifier.c,
// kernel/sched/core.c, arch/x86/kernel/{kprobes/core.c,traps.c,dumpstack.c}.
constexpr std::string_view kNokprobe[] = {
    "notify_die",
    "do_int3",
    "do_int3_user",
    "kprobe_int3_handler",
    "kprobe_fault_handler",
    "kprobe_exceptions_notify",
    "aggr_pre_handler",
    "aggr_post_handler",
    "pre_handler_kretprobe",
    "get_kprobe",
    "preempt_count_add",
    "preempt_count_sub",
    "oops_begin",
    "oops_end",
    "__die",
};

// Entry code: noinstr or in .entry.text.
constexpr std::string_view kEntryPrefixes[] = {
    "exc_", "sysvec_", "asm_exc_", "asm_sysvec_", "entry_SYSCALL_64",
};

}  // namespace

std::optional<std::string> kprobe_refusal(std::string_view function) {
  for (std::string_view n : kNokprobe)
    if (function == n) return "it is marked NOKPROBE_SYMBOL";
  for (std::string_view p : kEntryPrefixes)
    if (function.starts_with(p))
      return "it is exception or interrupt entry code (noinstr)";
  return std::nullopt;
}

}  // namespace stap
