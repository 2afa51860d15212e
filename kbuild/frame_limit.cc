#include "kbuild/frame_limit.h"

#include <regex>
#include <sstream>

namespace stap {

namespace {

// GCC (LC_ALL=C): "FILE: In function 'NAME':" then
// "FILE:L:C: error: the frame size of N bytes is larger than M bytes [...]".
// NAME may carry a clone's suffix ("fn_f_0.constprop", "probe_0.part.0").
const std::regex kInFunction(R"(: In function '([A-Za-z_0-9]+)[^']*'[:,])");
const std::regex kOverflow(
    R"(: error: the frame size of ([0-9]+) bytes is larger than ([0-9]+) bytes)");

}  // namespace

size_t frame_limit_from_config(const std::optional<std::string> &value) {
  if (!value || value->empty()) return kDefaultFrameLimit;
  size_t n = 0;
  for (char ch : *value) {
    if (ch < '0' || ch > '9' || n > 1'000'000) return kDefaultFrameLimit;
    n = n * 10 + static_cast<size_t>(ch - '0');
  }
  return n ? n : kDefaultFrameLimit;
}

std::string frame_limit_flag(size_t limit) {
  return "-Werror=frame-larger-than=" + std::to_string(limit);
}

bool is_frame_overflow_line(const std::string &line) {
  return std::regex_search(line, kOverflow);
}

std::vector<FrameOverflow> frame_overflows(const std::string &log) {
  std::vector<FrameOverflow> out;
  std::string function, line;
  std::istringstream lines(log);
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, kInFunction)) {
      function = m[1];
    } else if (std::regex_search(line, m, kOverflow)) {
      out.push_back({function, std::stoul(m[1]), std::stoul(m[2])});
    }
  }
  return out;
}

}  // namespace stap
