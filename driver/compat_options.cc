#include "driver/compat_options.h"

namespace stap {

namespace {

using enum OptionArg;

constexpr InapplicableOption kInapplicable[] = {
    // ---- symbols and unwinding: kernel symbols come from the running
    // kernel, so only user-space tables (-d PATH, --ldd) are added
    {0, "all-modules", none, "kernel symbols come from the running kernel"},
    {'P', nullptr, none,
     "there is no prologue searching for $context variables"},
    {0, "prologue-searching", optional,
     "there is no prologue searching for $context variables"},
    {0, "skip-badvars", none,
     "an unresolvable $context variable is always an error"},
    {0, "download-debuginfo", optional, "debuginfo is never downloaded"},
    {0, "sysenv", required, "there is no sysroot support"},

    // ---- run time: what the module and staprun do
    {0, "suppress-handler-errors", none,
     "a run-time error in a probe handler always ends the session"},
    {'F', nullptr, none, "there is no flight-recorder mode"},
    {0, "no-global-var-display", none,
     "unused globals are not printed at the end of a session"},
    {0, "monitor", optional, "there is no monitor mode"},
    {0, "save-uprobes", none, "uprobes come from the kernel, not uprobes.ko"},
    {0, "target-namespaces", required, "there is no namespace targeting"},
    {0, "modinfo", required, "no MODULE_INFO is added to modules"},

    // ---- the translator's own behaviour
    {0, "check-version", none, "there are no version-dependent warnings"},
    {'C', nullptr, none, "use --color[=WHEN] (-C WHEN is staprun's)"},
    {0, "example", none, "no example scripts are installed"},
    {'i', "interactive", none, "there is no interactive mode"},
    {'q', nullptr, none, "there is no tapset coverage report"},
    {0, "vp", required, "use -v for verbosity"},
    {0, "benchmark-sdt", none, "there is no SDT benchmark"},

    // ---- compile servers and remote hosts
    {0, "use-server", optional, "there is no compile server yet"},
    {0, "use-server-on-error", optional, "there is no compile server yet"},
    {0, "list-servers", optional, "there is no compile server yet"},
    {0, "trust-servers", optional, "there is no compile server yet"},
    {0, "remote-prefix", none, "only --remote=vm is supported"},
};

}  // namespace

std::span<const InapplicableOption> inapplicable_options() {
  return kInapplicable;
}

}  // namespace stap
