// The capture program of a regular expression: its tagged NFA flattened
// into the tables runtime/regex_capture.c walks to find submatches for
// matched() and matched_str(). Built only for scripts that call them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace stap {

struct CaptureProgram {
  struct State {
    uint16_t on_byte, set, edge_first, edge_count;
    int16_t tag;
  };
  struct Edge {
    uint16_t to;
    uint8_t kind;  // 0 epsilon, 1 only at the start, 2 only at the end
  };
  std::vector<State> states;
  std::vector<Edge> edges;
  std::vector<std::array<uint8_t, 32>> sets;
  uint16_t start = 0, accept = 0;
  unsigned groups = 0;
  unsigned ncap() const { return 2 * (groups + 1); }
  // The runtime's STP_RE_WORK_BYTES for this program.
  size_t work_bytes() const;
};

// A module keeps one work area per CPU: a pattern needing more is refused.
inline constexpr size_t kMaxCaptureWorkBytes = 32768;

struct CaptureResult {
  bool ok = false;
  CaptureProgram program;
  std::string error;
};

CaptureResult compile_capture(const std::string &pattern);

}  // namespace stap
