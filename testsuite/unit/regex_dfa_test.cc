#include "elaborate/regex_capture.h"
#include "elaborate/regex_dfa.h"

#include <gtest/gtest.h>

#include <random>
#include <regex.h>

namespace stap {
namespace {

bool libc_matches(const std::string &pattern, const std::string &text) {
  regex_t re;
  if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) return false;
  bool m = regexec(&re, text.c_str(), 0, nullptr, 0) == 0;
  regfree(&re);
  return m;
}

bool matches(const std::string &pattern, const std::string &text) {
  DfaResult r = compile_regex(pattern);
  EXPECT_TRUE(r.ok) << pattern << ": " << r.error;
  return r.ok && dfa_matches(r.dfa, text);
}

TEST(RegexDfa, SearchesAnywhereUnlessAnchored) {
  EXPECT_TRUE(matches("b", "abc"));
  EXPECT_FALSE(matches("^b", "abc"));
  EXPECT_TRUE(matches("^a", "abc"));
  EXPECT_TRUE(matches("c$", "abc"));
  EXPECT_FALSE(matches("b$", "abc"));
  EXPECT_TRUE(matches("^$", ""));
  EXPECT_FALSE(matches("^$", "x"));
  EXPECT_TRUE(matches("", "anything"));
}

TEST(RegexDfa, Operators) {
  EXPECT_TRUE(matches("^(ab|cd)+$", "abcdab"));
  EXPECT_FALSE(matches("^(ab|cd)+$", "abc"));
  EXPECT_TRUE(matches("^a{2,3}$", "aaa"));
  EXPECT_FALSE(matches("^a{2,3}$", "aaaa"));
  EXPECT_TRUE(matches("^a{2,}$", "aaaaa"));
  EXPECT_TRUE(matches("^[[:digit:]]+\\.[0-9]*$", "12.5"));
  EXPECT_TRUE(matches("^[^a-c]x", "dx"));
  EXPECT_FALSE(matches("^[^a-c]x", "bx"));
  EXPECT_TRUE(matches("^colou?r$", "color"));
  EXPECT_TRUE(matches("^.*sys_.*$", "do_sys_open"));
}

// ngroups() reports the pattern's parenthesized groups (the capture
// program's count, runtime/regex_last.h), as libc's re_nsub
// counts them: matched or not, nested, empty; not in brackets or escaped.
TEST(RegexDfa, CountsGroupsAsLibcDoes) {
  for (const char *pattern : {"abc", "a|(b)", "^(a(b)c)+(d)?$", "()", "[(]x",
                              "\\(x\\)", "((((a))))|b"}) {
    regex_t re;
    ASSERT_EQ(regcomp(&re, pattern, REG_EXTENDED), 0) << pattern;
    CaptureResult r = compile_capture(pattern);
    ASSERT_TRUE(r.ok) << pattern << ": " << r.error;
    EXPECT_EQ(r.program.groups, re.re_nsub) << pattern;
    regfree(&re);
  }
}

TEST(RegexDfa, ErrorsNameTheProblemAndOffset) {
  struct Case {
    const char *pattern, *error;
    size_t offset;
  } cases[] = {
      {"(ab", "unmatched '('", 0},
      {"ab)", "unmatched ')'", 2},
      {"[ab", "unmatched '['", 0},
      {"*a", "nothing to repeat before '*'", 0},
      {"a{3,1}", "repetition range is backwards", 1},
      {"[[:nope:]]", "unknown character class '[:nope:]'", 1},
      {"a\\", "trailing backslash", 2},
  };
  for (const auto &c : cases) {
    DfaResult r = compile_regex(c.pattern);
    EXPECT_FALSE(r.ok) << c.pattern;
    EXPECT_EQ(r.error, c.error) << c.pattern;
    EXPECT_EQ(r.error_offset, c.offset) << c.pattern;
  }
}

TEST(RegexDfa, TooComplexIsAnErrorNotAHang) {
  DfaResult r = compile_regex("(a|b)*a(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)"
                              "(a|b)(a|b)(a|b)(a|b)");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("too complex"), std::string::npos);
}

// The DFA agrees with the C library's POSIX ERE matcher on random patterns.
TEST(RegexDfa, AgreesWithLibcOnRandomPatterns) {
  std::mt19937 rng(12345);
  const char *atoms[] = {"a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab)", "c"};
  const char *quant[] = {"", "", "*", "+", "?", "{1,2}", "{2}"};
  int checked = 0;
  for (int i = 0; i < 400; ++i) {
    std::string p = rng() % 4 == 0 ? "^" : "";
    int n = 1 + rng() % 4;
    for (int j = 0; j < n; ++j)
      p += std::string(atoms[rng() % 8]) + quant[rng() % 7];
    if (rng() % 4 == 0) p += "$";
    DfaResult r = compile_regex(p);
    ASSERT_TRUE(r.ok) << p << ": " << r.error;
    for (int k = 0; k < 20; ++k) {
      std::string text;
      int len = rng() % 7;
      for (int m = 0; m < len; ++m) text += "abc"[rng() % 3];
      ASSERT_EQ(dfa_matches(r.dfa, text), libc_matches(p, text))
          << "pattern '" << p << "' text '" << text << "'";
      ++checked;
    }
  }
  EXPECT_EQ(checked, 8000);
}

}  // namespace
}  // namespace stap
