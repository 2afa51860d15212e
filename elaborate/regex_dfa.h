// Regular expressions for `=~` and `!~`, compiled at translate time into a
// DFA so the kernel needs no regex engine: the module carries only tables
// and the runtime walks them (one table lookup per input byte).
//
// The syntax is POSIX extended (ERE): | * + ? {m} {m,} {m,n} ( ) . [...]
// with [:class:] names, ^ and $ anchors, and backslash escapes. Matching is
// a search: the pattern may match anywhere unless anchored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stap {

struct Dfa {
  // Bytes that no pattern tells apart share a class.
  uint8_t byte_class[256] = {};
  unsigned classes = 0;
  // next[state * classes + class]; state 0 is the start.
  std::vector<uint16_t> next;
  // Bit 0: a match has been seen (stop, true). Bit 1: a match if the input
  // ends here (for $).
  std::vector<uint8_t> accept;
  size_t states() const { return accept.size(); }
};

struct DfaResult {
  bool ok = false;
  Dfa dfa;
  std::string error;  // "unmatched '('" ...
  size_t error_offset = 0;  // byte offset into the pattern
};

inline constexpr size_t kMaxDfaStates = 4096;

DfaResult compile_regex(const std::string &pattern);

// Runs the DFA over `text` (stops at a NUL byte, as the kernel's strings do).
bool dfa_matches(const Dfa &dfa, const std::string &text);

}  // namespace stap
