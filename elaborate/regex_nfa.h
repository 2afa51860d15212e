// The Thompson NFA that a regular expression parses into. The DFA
// (regex_dfa.h) is built from it; so is the capture program
// (regex_capture.h), which also follows the group tags.
#pragma once

#include <bitset>
#include <string>
#include <vector>

namespace stap {

using ByteSet = std::bitset<256>;

// Each state has byte edges, epsilon edges, and the two assertion edges
// (^ only at the start of input, $ only at its end).
struct NfaState {
  ByteSet bytes;
  int on_byte = -1;
  std::vector<int> eps;
  int bol = -1, eol = -1;
  // Entering the state records the position in capture slot `tag`:
  // 2g opens group g, 2g+1 closes it; -1 records nothing.
  int tag = -1;
};

struct RegexNfa {
  std::vector<NfaState> states;
  int start = 0, accept = 0;
  unsigned groups = 0;  // parenthesised subexpressions
};

// Parses a POSIX ERE (the syntax of regex_dfa.h); false with a message
// and the byte offset of the problem.
bool parse_regex_nfa(const std::string &pattern, RegexNfa &out,
                     std::string &error, size_t &error_offset);

}  // namespace stap
