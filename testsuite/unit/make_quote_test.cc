// -D values and other words that reach the kbuild Makefile: make and the
// shell must not run anything in them.
#include "kbuild/make_quote.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

TEST(MacroDefine, FormsSystemTapUsersWriteAreAccepted) {
  for (const char *d : {"MAXSTRINGLEN=1024", "STP_NO_OVERLOAD", "MAXACTION=10000",
                        "X=-1", "LIMIT=0x10", "T=100LL", "F=1.5", "A=B", "E="})
    EXPECT_EQ(macro_define_problem(d), "") << d;
}

TEST(MacroDefine, MakeAndShellMetacharactersAreRefused) {
  for (const char *d : {"X=1 $(shell touch M)", "X=$(shell id)", "X=1#", "X=a;b",
                        "X=`id`", "X='a'", "X=\"a\"", "X=a\\", "X=1\nY", "X=a b",
                        "X=(1)"})
    EXPECT_EQ(macro_define_problem(d),
              "the value may hold only letters, digits, '_', '.', '+' and '-'")
        << d;
  EXPECT_EQ(macro_define_problem("1X=1"), "the macro name must be a C identifier");
  EXPECT_EQ(macro_define_problem("X$(shell id)"),
            "the macro name must be a C identifier");
}

TEST(MakeShellWord, QuotedForMakeAndShell) {
  EXPECT_EQ(make_shell_word("-I/usr/src/x"), "'-I/usr/src/x'");
  EXPECT_EQ(make_shell_word("-I/a b/$(shell id)#c"), "'-I/a b/$$(shell id)\\#c'");
  EXPECT_EQ(make_shell_word("a\nb"), std::nullopt);
  EXPECT_EQ(make_shell_word("it's"), std::nullopt);
}

}  // namespace
}  // namespace stap
