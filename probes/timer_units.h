// The units of timer.<unit>(N): one table (probes/timer.cc) for the
// registry's patterns and the runtime's unit constants.
#pragma once

#include <string_view>

namespace stap {

struct TimerUnit {
  const char *name;    // "msec", as the script writes it
  const char *what;    // "milliseconds", for --dump-probe-types
  const char *c_unit;  // "STP_TIMER_MS", enum stp_timer_unit (runtime/timer.h)
};

// nullptr when `name` is no timer unit.
const TimerUnit *find_timer_unit(std::string_view name);

}  // namespace stap
