#include "driver/pass_timer.h"

#include <unistd.h>

#include <cstdio>

namespace stap {

namespace {

long millis(const struct timeval &tv) {
  return tv.tv_sec * 1000L + tv.tv_usec / 1000L;
}

// Memory figures in kB from /proc/self/statm (pages): size resident shared
// text lib data.
std::string memory_now() {
  long size = 0, resident = 0, shared = 0, text = 0, lib = 0, data = 0;
  if (FILE *f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld %ld %ld %ld %ld", &size, &resident, &shared,
                    &text, &lib, &data) != 6)
      size = resident = shared = data = 0;
    std::fclose(f);
  }
  long kb = sysconf(_SC_PAGESIZE) / 1024;
  return std::to_string(size * kb) + "virt/" + std::to_string(resident * kb) +
         "res/" + std::to_string(shared * kb) + "shr/" +
         std::to_string(data * kb) + "data kb";
}

}  // namespace

PassTimer::PassTimer() : wall_(std::chrono::steady_clock::now()) {
  getrusage(RUSAGE_SELF, &usage_);
}

std::string PassTimer::usage_since_start() const {
  return " using " + memory_now() + "," + times_since_start();
}

std::string PassTimer::times_since_start() const {
  struct rusage now {};
  getrusage(RUSAGE_SELF, &now);
  auto real = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - wall_)
                  .count();
  return " in " +
         std::to_string(millis(now.ru_utime) - millis(usage_.ru_utime)) +
         "usr/" +
         std::to_string(millis(now.ru_stime) - millis(usage_.ru_stime)) +
         "sys/" + std::to_string(real) + "real ms.";
}

}  // namespace stap
