// Pass 4's stack frame bound: the limit from CONFIG_FRAME_WARN, and the
// compiler's refusals picked out of a kbuild log.
#include "kbuild/frame_limit.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

TEST(FrameLimit, FromConfig) {
  EXPECT_EQ(frame_limit_from_config(std::string("2048")), 2048u);
  EXPECT_EQ(frame_limit_from_config(std::string("1024")), 1024u);
  // 0 only switches the kernel's own warning off; unreadable, unset or
  // garbage: the x86_64 default.
  EXPECT_EQ(frame_limit_from_config(std::string("0")), kDefaultFrameLimit);
  EXPECT_EQ(frame_limit_from_config(std::string("")), kDefaultFrameLimit);
  EXPECT_EQ(frame_limit_from_config(std::nullopt), kDefaultFrameLimit);
  EXPECT_EQ(frame_limit_from_config(std::string("2k")), kDefaultFrameLimit);
  EXPECT_EQ(frame_limit_flag(2048), "-Werror=frame-larger-than=2048");
}

TEST(FrameLimit, OverflowsInTheLog) {
  const char *log =
      "  CC [M]  /tmp/stapX/build/m_main.c\n"
      "/tmp/stapX/build/m_main.c: In function 'fn_big_0':\n"
      "/tmp/stapX/build/m_main.c:7:3: error: unknown type name 'this'\n"
      "/tmp/stapX/build/m_main.c: In function 'probe_0':\n"
      "/tmp/stapX/build/m_main.c:90:1: error: the frame size of 32784 bytes "
      "is larger than 2048 bytes [-Werror=frame-larger-than=]\n"
      "cc1: some warnings being treated as errors\n";
  auto found = frame_overflows(log);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].function, "probe_0");
  EXPECT_EQ(found[0].bytes, 32784u);
  EXPECT_EQ(found[0].limit, 2048u);
  EXPECT_TRUE(is_frame_overflow_line(
      "m_main.c:90:1: error: the frame size of 32784 bytes is larger than "
      "2048 bytes [-Werror=frame-larger-than=]"));
  EXPECT_FALSE(is_frame_overflow_line("m_main.c:7:3: error: unknown type name 'this'"));
}

TEST(FrameLimit, CloneSuffixIsDropped) {
  auto found = frame_overflows(
      "m_main.c: In function 'fn_big_0.constprop':\n"
      "m_main.c:52:1: error: the frame size of 4008 bytes is larger than "
      "2048 bytes [-Werror=frame-larger-than=]\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].function, "fn_big_0");
}

}  // namespace
}  // namespace stap
