#include "elaborate/regex_capture.h"

#include <map>

#include "elaborate/regex_nfa.h"

namespace stap {

size_t CaptureProgram::work_bytes() const {
  // Two thread lists of capture slots and a seed; per list its marks and
  // its order; the (state, parent) stack, one entry per edge and the root.
  return (2 * states.size() * ncap() + ncap()) * sizeof(int) +
         (4 * states.size() + 2 * (edges.size() + 1)) * sizeof(uint16_t);
}

CaptureResult compile_capture(const std::string &pattern) {
  CaptureResult r;
  RegexNfa nfa;
  size_t offset = 0;
  if (!parse_regex_nfa(pattern, nfa, r.error, offset)) return r;
  CaptureProgram &p = r.program;
  if (nfa.states.size() >= 0xffff || 2 * nfa.states.size() >= 0xffff) {
    r.error = "regular expression has too many states for matched()";
    return r;
  }
  p.groups = nfa.groups;
  p.start = static_cast<uint16_t>(nfa.start);
  p.accept = static_cast<uint16_t>(nfa.accept);
  std::map<std::string, uint16_t> set_index;  // bitset text -> index
  for (const NfaState &s : nfa.states) {
    CaptureProgram::State out{0xffff, 0, static_cast<uint16_t>(p.edges.size()),
                              0, static_cast<int16_t>(s.tag)};
    if (s.on_byte >= 0) {
      auto [it, fresh] = set_index.emplace(
          s.bytes.to_string(), static_cast<uint16_t>(p.sets.size()));
      if (fresh) {
        std::array<uint8_t, 32> bits{};
        for (int b = 0; b < 256; ++b)
          if (s.bytes.test(b))
            bits[b >> 3] |= static_cast<uint8_t>(1u << (b & 7));
        p.sets.push_back(bits);
      }
      out.on_byte = static_cast<uint16_t>(s.on_byte);
      out.set = it->second;
    }
    for (int t : s.eps) p.edges.push_back({static_cast<uint16_t>(t), 0});
    if (s.bol >= 0) p.edges.push_back({static_cast<uint16_t>(s.bol), 1});
    if (s.eol >= 0) p.edges.push_back({static_cast<uint16_t>(s.eol), 2});
    out.edge_count = static_cast<uint16_t>(p.edges.size() - out.edge_first);
    p.states.push_back(out);
  }
  if (p.work_bytes() > kMaxCaptureWorkBytes) {
    r.error = "regular expression is too large for matched() (needs " +
              std::to_string(p.work_bytes()) + " bytes of work area, at most " +
              std::to_string(kMaxCaptureWorkBytes) + ")";
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace stap
