// Picking the compiler's error and warning lines out of a kbuild log.
#include "kbuild/kbuild.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

const char *kLog =
    "make: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'\n"
    "  CC [M]  /tmp/stapX/build/m_main.c\n"
    "/tmp/stapX/build/m_main.c: In function 'f':\n"
    "/tmp/stapX/build/m_main.c:7:3: error: unknown type name 'this'\n"
    "    7 |   this is not C;\n"
    "      |   ^~~~\n"
    "/tmp/stapX/build/m_main.c:9:7: warning: unused variable 'x' "
    "[-Wunused-variable]\n"
    "In file included from /tmp/stapX/build/m_main.c:2:\n"
    "/work/runtime/x.h:1:10: fatal error: nosuch.h: No such file or "
    "directory\n"
    "/tmp/stapX/build/m_main.c:7:3: error: unknown type name 'this'\n"
    "ERROR: modpost: \"g\" [/tmp/stapX/build/m.ko] undefined!\n"
    "WARNING: modpost: missing MODULE_LICENSE() in m.o\n"
    "make[2]: *** [scripts/Makefile.build:250: m_main.o] Error 1\n";

TEST(KbuildLog, ErrorsInOrderWithoutDuplicatesRelativeToWorkDir) {
  size_t omitted = 99;
  auto lines = kbuild_log_lines(kLog, KbuildLineKind::error,
                                "/tmp/stapX/build", 20, &omitted);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "m_main.c:7:3: error: unknown type name 'this'",
                       "/work/runtime/x.h:1:10: fatal error: nosuch.h: No "
                       "such file or directory",
                       "ERROR: modpost: \"g\" [/tmp/stapX/build/m.ko] "
                       "undefined!"}));
  EXPECT_EQ(omitted, 0u);
}

TEST(KbuildLog, Warnings) {
  auto lines = kbuild_log_lines(kLog, KbuildLineKind::warning,
                                "/tmp/stapX/build", 20, nullptr);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "m_main.c:9:7: warning: unused variable 'x' "
                       "[-Wunused-variable]",
                       "WARNING: modpost: missing MODULE_LICENSE() in m.o"}));
}

TEST(KbuildLog, BoundedWithCountOfTheRest) {
  size_t omitted = 0;
  auto lines = kbuild_log_lines(kLog, KbuildLineKind::error,
                                "/tmp/stapX/build", 1, &omitted);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "m_main.c:7:3: error: unknown type name 'this'");
  EXPECT_EQ(omitted, 2u);
}

TEST(KbuildLog, CleanLogHasNothing) {
  size_t omitted = 7;
  EXPECT_TRUE(kbuild_log_lines("  CC [M]  m.o\n  LD [M]  m.ko\n",
                               KbuildLineKind::warning, "", 20, &omitted)
                  .empty());
  EXPECT_EQ(omitted, 0u);
}

}  // namespace
}  // namespace stap
