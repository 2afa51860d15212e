// @var("name@file") in a process probe: a global or file static of the
// probed binary's DWARF, read relative to the probed instruction; what it
// cannot read is a located pass-2 error naming why.
#include "elab_fixture.h"
#include "test_program.h"

namespace stap {
namespace {

TEST(ProcessAtVar, GlobalsStaticsAndErrors) {
  std::filesystem::path dir;
  build_test_program("stap-atvar", R"(
long total;
static int calls;
__attribute__((noinline)) long bump(long by) { calls++; return total += by; }
int main(void) { return bump(1) == 0; }
)",
                     &dir);
  std::string exe = (dir / "t0").string();
  std::string point = "probe process(\"" + exe + "\").function(\"bump\")";
  Elab ok(point + " { println(@var(\"total\") + @var(\"calls@t.c\")) }\n");
  EXPECT_EQ(ok.summary(), "");
  Elab typo(point + " { println(@var(\"totl\")) }\n");
  EXPECT_NE(typo.summary().find("error: '@var(\"totl\")' names no global or "
                                "static variable in the DWARF of '" +
                                exe + "'"),
            std::string::npos)
      << typo.summary();
  Elab other_file(point + " { println(@var(\"calls@other.c\")) }\n");
  EXPECT_NE(other_file.summary().find("'@var(\"calls@other.c\")' names no "
                                      "global"),
            std::string::npos)
      << other_file.summary();
  Elab ret(point + ".return { println(@var(\"total\")) }\n");
  EXPECT_NE(ret.summary().find("'@var(\"total\")' in a return probe is not "
                               "supported yet"),
            std::string::npos)
      << ret.summary();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stap
