#include "driver/resource_limits.h"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include "driver/options.h"

namespace stap {

namespace {

int resource_of(const std::string &name) {
  if (name == "as") return RLIMIT_AS;
  if (name == "cpu") return RLIMIT_CPU;
  if (name == "nproc") return RLIMIT_NPROC;
  if (name == "stack") return RLIMIT_STACK;
  if (name == "fsize") return RLIMIT_FSIZE;
  return -1;
}

}  // namespace

std::string apply_resource_limits(const Options &opts) {
  for (const auto &[name, value] : opts.rlimits) {
    int resource = resource_of(name);
    rlimit lim{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
    if (resource < 0 ||
        setrlimit(static_cast<__rlimit_resource>(resource), &lim) != 0)
      return "cannot set --rlimit-" + name + "=" + std::to_string(value) +
             ": " + std::strerror(resource < 0 ? EINVAL : errno);
  }
  return "";
}

}  // namespace stap
