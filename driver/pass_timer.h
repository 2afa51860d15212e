// The `-v` report of one pass, in SystemTap's words:
//   Pass 1: parsed user script and 42 library scripts using
//   12345virt/6789res/1234shr/567data kb, in 10usr/0sys/12real ms.
#pragma once

#include <chrono>
#include <string>
#include <sys/resource.h>

namespace stap {

class PassTimer {
public:
  PassTimer();  // starts the clock
  // " using ...virt/...res/...shr/...data kb, in ...usr/...sys/...real ms."
  std::string usage_since_start() const;
  // " in ...usr/...sys/...real ms." (pass 5 reports no memory, as stap).
  std::string times_since_start() const;

private:
  std::chrono::steady_clock::time_point wall_;
  struct rusage usage_ {};
};

}  // namespace stap
