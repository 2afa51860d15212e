// Pass 4's bound on kernel stack frames. Generated code keeps script data
// in the per-CPU context (codegen/frame.h), so its C functions have small
// frames whatever the script's length; what could still grow one (embedded
// C, a runtime regression) must fail the build, never load: a kernel
// stack overflow panics the machine. The bound is the kernel's own
// CONFIG_FRAME_WARN, which kbuild already passes as a mere warning.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace stap {

// The x86_64 default of CONFIG_FRAME_WARN (Kconfig: 2048 on 64-bit).
constexpr size_t kDefaultFrameLimit = 2048;

// The limit from the target's CONFIG_FRAME_WARN value ("2048"); the
// default when the .config is unreadable, the option unset or 0 (which
// only switches the kernel's own warning off).
size_t frame_limit_from_config(const std::optional<std::string> &value);

// The compiler flag that turns a frame over `limit` bytes into an error.
std::string frame_limit_flag(size_t limit);

// One C function the compiler refused for its frame size.
struct FrameOverflow {
  std::string function;  // C name ("probe_0", "fn_f_1"), "" if not said
  size_t bytes = 0;
  size_t limit = 0;
};

// The frame-size errors in a kbuild log, in order.
std::vector<FrameOverflow> frame_overflows(const std::string &log);

// Whether a compiler line is one of those errors.
bool is_frame_overflow_line(const std::string &line);

}  // namespace stap
