// The submatch engine (runtime/regex_capture.c, compiled here as on the
// host) on the capture program the translator emits, against glibc's
// regexec for the same pattern with REG_EXTENDED.
#include "elaborate/regex_capture.h"

#include <gtest/gtest.h>

#include <regex.h>

#include <string>
#include <vector>

#include "runtime/regex_capture.h"

namespace stap {
namespace {

struct Spans {
  bool matched = false;
  std::vector<int> cap;  // start, end per group; -1 when not taking part
};

Spans glibc_spans(const std::string &pattern, const std::string &text) {
  regex_t re;
  Spans out;
  EXPECT_EQ(regcomp(&re, pattern.c_str(), REG_EXTENDED), 0) << pattern;
  std::vector<regmatch_t> m(re.re_nsub + 1);
  out.matched = regexec(&re, text.c_str(), m.size(), m.data(), 0) == 0;
  if (out.matched)
    for (const regmatch_t &g : m) {
      out.cap.push_back(static_cast<int>(g.rm_so));
      out.cap.push_back(static_cast<int>(g.rm_eo));
    }
  regfree(&re);
  return out;
}

Spans engine_spans(const std::string &pattern, const std::string &text) {
  CaptureResult r = compile_capture(pattern);
  Spans out;
  EXPECT_TRUE(r.ok) << pattern << ": " << r.error;
  if (!r.ok) return out;
  const CaptureProgram &cp = r.program;
  std::vector<stp_re_state> states;
  for (const auto &s : cp.states)
    states.push_back({s.on_byte, s.set, s.edge_first, s.edge_count, s.tag});
  std::vector<stp_re_edge> edges;
  for (const auto &e : cp.edges) edges.push_back({e.to, e.kind});
  stp_re_prog prog{states.data(),
                   edges.data(),
                   reinterpret_cast<const unsigned char(*)[32]>(cp.sets.data()),
                   static_cast<unsigned short>(states.size()),
                   static_cast<unsigned short>(edges.size()),
                   cp.start,
                   cp.accept,
                   static_cast<unsigned short>(cp.ncap())};
  std::vector<char> work(
      STP_RE_WORK_BYTES(states.size(), edges.size(), cp.ncap()));
  EXPECT_EQ(work.size(), cp.work_bytes());
  out.cap.assign(cp.ncap(), -2);
  out.matched = stp_re_run(&prog, text.c_str(), static_cast<int>(text.size()),
                           work.data(), out.cap.data()) != 0;
  if (!out.matched) out.cap.clear();
  return out;
}

std::string show(const Spans &s) {
  if (!s.matched) return "no match";
  std::string out;
  for (size_t i = 0; i < s.cap.size(); i += 2)
    out += "(" + std::to_string(s.cap[i]) + "," + std::to_string(s.cap[i + 1]) +
           ")";
  return out;
}

struct Case {
  const char *pattern, *text;
};

// Alternation, nested and optional groups, anchors, bracket expressions,
// bounded repetition, and the ambiguous cases where leftmost-longest and
// first-alternative matching part ways.
const Case kCases[] = {
    {"a", "xay"},
    {"(a)(b)?", "ab"},
    {"(a)(b)?", "ac"},
    {"(a|ab)(c|bcd)(d*)", "abcd"},
    {"(a|b)*", "abab"},
    {"(a|b)*c", "xabac"},
    {"(a*)*", "b"},
    {"(a*)*", "aa"},
    {"(a*)+", "b"},
    {"(a*)+", "aab"},
    {"(a+|b+)*", "aabba"},
    {"((a)|b)+", "ab"},
    {"((a)|b)+", "ba"},
    {"(a)|b", "b"},
    {"(a)|(b)", "b"},
    {"^(x)?y$", "y"},
    {"^(x)?y$", "xy"},
    {"(^a)|(b$)", "cab"},
    {"^$", ""},
    {"(.*)=(.*)", "key=value=x"},
    {"([a-z]+)([0-9]+)", "abc123def"},
    {"([[:alpha:]]+)[[:space:]]+([[:digit:]]{2,3})", "word  12345"},
    {"[^ ]+ ([^ ]+)", "one two three"},
    {"(a{2,3})(a*)", "aaaaa"},
    {"(a{2})+", "aaaaa"},
    {"(ab){1,2}(c)?", "ababc"},
    {"x(a|ab|abc)y", "xabcy"},
    {"(a|ab)(bc|c)", "abc"},
    {"(wee|week)(knights|night)", "weeknights"},
    {"(.)(.)(.)(.)(.)(.)(.)(.)(.)(.)", "0123456789ab"},
    {"((a)(b)|c)*", "abcab"},
    {"(a?)((ab)?)(b?)", "ab"},
    {"(a?)((ab)?)b?", "ab"},
    {"([abc]*)b", "abcb"},
    {"(a|)+", "aa"},
    {"()", "x"},
    {"(foo|foobar)(bar)?", "foobar"},
    {"([0-9]+)\\.([0-9]+)\\.([0-9]+)", "v1.22.333-rc"},
    {"(/[^/]*)+$", "/usr/local/bin"},
    {"^(([^:]+):)?(.*)$", "host:port:x"},
    {"^(([^:]+):)?(.*)$", "plain"},
    {"(a|b)?(a|b)?(a|b)?", "ab"},
    {"(x*)(y?)(x*)", "xxyxx"},
    {"([a-c]|[b-d])+", "dcba"},
    {"no(match)", "nomatc"},
    {"(a.c|b)", "xxabcz"},
    {"(ab|a)(bc|c)?", "abc"},
    {"\\((x)\\)", "a(x)b"},
    {"(a){0,2}(a)", "aaa"},
    {"(hello|hell)(o world|world)?", "hello world"},
};

TEST(RegexCapture, AgreesWithGlibc) {
  for (const Case &c : kCases) {
    Spans want = glibc_spans(c.pattern, c.text);
    Spans got = engine_spans(c.pattern, c.text);
    EXPECT_EQ(show(got), show(want))
        << "pattern '" << c.pattern << "' on '" << c.text << "'";
  }
}

TEST(RegexCapture, ReadsOnlyTheLengthGiven) {
  // The runtime passes the string's length (it stops at MAXSTRINGLEN).
  CaptureResult r = compile_capture("(b+)$");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(show(engine_spans("(b+)$", "abbb")), "(1,4)(1,4)");
}

TEST(RegexCapture, RefusesAPatternTooLargeForTheWorkArea) {
  CaptureResult r = compile_capture("((a)(b)(c)(d)(e)(f)(g)(h)){1,40}");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("too large for matched()"), std::string::npos)
      << r.error;
}

}  // namespace
}  // namespace stap
