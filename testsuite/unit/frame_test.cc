// Frame temporaries: reused once the statement that took them is done,
// never while it is still emitting, and never across types.
#include "codegen/frame.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

TEST(Frame, TemporariesOfOneStatementAreDistinct) {
  Frame f("frame_x");
  size_t mark = f.mark();
  std::string a = f.temp(Type::long_), b = f.temp(Type::long_), s = f.temp(Type::string);
  EXPECT_NE(a, b);
  EXPECT_NE(a, s);
  f.release(mark);
}

TEST(Frame, NextStatementReusesReleasedTemporaries) {
  Frame f("frame_x");
  size_t first = f.mark();
  std::string s1 = f.temp(Type::string), l1 = f.temp(Type::long_);
  f.release(first);
  size_t second = f.mark();
  std::string s2 = f.temp(Type::string), l2 = f.temp(Type::long_);
  EXPECT_EQ(s1, s2);
  EXPECT_EQ(l1, l2);
  f.release(second);
  // Two statements' worth of temporaries cost one string and one long.
  EXPECT_EQ(f.definition(), "struct frame_x {\n  char t0[MAXSTRINGLEN];\n  s64 t1;\n};\n");
}

TEST(Frame, OuterStatementKeepsItsTemporariesWhileANestedOneReleases) {
  Frame f("frame_x");
  size_t outer = f.mark();
  std::string cond = f.temp(Type::long_);  // e.g. a loop's limit
  size_t inner = f.mark();
  std::string body = f.temp(Type::long_);
  f.release(inner);
  std::string next = f.temp(Type::long_);  // the body's next statement
  EXPECT_NE(next, cond);
  EXPECT_EQ(next, body);
  f.release(outer);
}

TEST(Frame, StringAndLongPoolsAreSeparate) {
  Frame f("frame_x");
  size_t mark = f.mark();
  std::string s = f.temp(Type::string);
  f.release(mark);
  std::string l = f.temp(Type::long_);
  EXPECT_NE(s, l);
}

TEST(Frame, ValueArraysAreReusedByTheNextStatementOfTheSameSize) {
  Frame f("frame_x");
  std::vector<std::string> first;
  // A long body: every statement takes a key array, then gives it back,
  // so 2,000 statements cost one array, not 2,000 (the C compound
  // literal they replace stayed on the kernel stack to the block's end).
  for (int i = 0; i < 2000; ++i) {
    size_t mark = f.mark();
    std::string keys = f.vals(1);
    if (i == 0) first.push_back(keys);
    EXPECT_EQ(keys, first[0]);
    f.release(mark);
  }
  size_t mark = f.mark();
  std::string one = f.vals(1), two = f.vals(2), other_one = f.vals(1);
  EXPECT_NE(one, two);
  EXPECT_NE(one, other_one);
  f.release(mark);
  EXPECT_EQ(f.definition(), "struct frame_x {\n  struct stp_val v0[1];\n"
                            "  struct stp_val v1[2];\n  struct stp_val v2[1];\n};\n");
}

}  // namespace
}  // namespace stap
