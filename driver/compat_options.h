// Options of SystemTap 4.8's stap(1) that this stap accepts but does not act
// on. Scripts and wrappers written for SystemTap pass them; refusing them as
// unknown would make those invocations fail, while silently ignoring them
// would hide that they changed nothing. So each one is read like any option
// (its argument included, before or after the script) and reported in one
// line saying why it does not apply.
#pragma once

#include <cstdint>
#include <span>

namespace stap {

// How an option takes its argument, as getopt_long does: `optional` ones
// only as `--name=VALUE` (a following word stays a script argument).
enum class OptionArg : uint8_t { none, required, optional };

struct InapplicableOption {
  char short_name;        // 0: long only
  const char *long_name;  // nullptr: short only
  OptionArg arg;
  const char *reason;     // completes "option '-X' is ignored: ..."
};

std::span<const InapplicableOption> inapplicable_options();

}  // namespace stap
