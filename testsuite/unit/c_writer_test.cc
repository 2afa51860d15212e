// Text that reaches the generated C: whatever the bytes, a comment ends
// where the writer ends it and a string literal means those bytes.
#include "probes/c_writer.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

// Every string of up to three bytes drawn from the characters that matter.
std::vector<std::string> tricky_strings() {
  const std::string alphabet = {'*', '/', '\n', '\\', '"', '?', '\r', '\0',
                                'a', '\x7f', '\xff'};
  std::vector<std::string> out = {""};
  for (size_t len = 0, begin = 0; len < 3; ++len) {
    size_t end = out.size();
    for (size_t i = begin; i < end; ++i)
      for (char c : alphabet) out.push_back(out[i] + c);
    begin = end;
  }
  return out;
}

TEST(CEscape, CommentEndsOnlyWhereTheWriterEndsIt) {
  for (const std::string &s : tricky_strings()) {
    std::string c = c_comment("stap:loc " + s);
    EXPECT_EQ(c.find("*/"), c.size() - 2) << c;
    EXPECT_EQ(c.find("/*", 1), std::string::npos) << c;
    EXPECT_EQ(c.find('\n'), std::string::npos) << c;
    EXPECT_EQ(c.find("??"), std::string::npos) << c;
  }
}

TEST(CEscape, PathWithNewlineAndCommentEndStaysInTheComment) {
  EXPECT_EQ(c_comment("stap:loc /tmp/x\n*/\nint injected; /* x.stp:1:1"),
            "/* stap:loc /tmp/x\\n*\\057\\nint injected; /\\052 x.stp:1:1 */");
}

TEST(CEscape, StringLiteralKeepsTheBytes) {
  EXPECT_EQ(c_string_literal("a\"b\\c\n*/?\x01" "7"),
            "\"a\\\"b\\\\c\\n*\\057\\?\\0017\"");
}

TEST(CEscape, Identifiers) {
  EXPECT_TRUE(is_c_identifier("MAXSTRINGLEN"));
  EXPECT_TRUE(is_c_identifier("_x1"));
  EXPECT_FALSE(is_c_identifier("1x"));
  EXPECT_FALSE(is_c_identifier(""));
  EXPECT_FALSE(is_c_identifier("X Y"));
}

}  // namespace
}  // namespace stap
