// @var("name@file") in a process probe: a global or file static of the
// probed binary's DWARF, read relative to the probed instruction at its
// entry; in a return probe or of another file, found from where the task
// maps the file; what it cannot read is a located pass-2 error naming why.
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
  ASSERT_EQ(ok.program.probe_targets.size(), 1u);
  for (const auto &[expr, a] : ok.program.probe_targets[0]) {
    EXPECT_EQ(a.base, TargetAccess::Base::register_value);
    EXPECT_EQ(a.reg, "rip");
  }
  // A return probe's instruction pointer is the caller's; another file's
  // variable is wherever the task maps that file.
  std::string canon = std::filesystem::canonical(exe).string();
  std::string o2 = std::filesystem::canonical(dir / "t2").string();
  Elab ret(point + ".return { println(@var(\"total\"), @var(\"calls\", \"" +
           o2 + "\")) }\n");
  ASSERT_EQ(ret.summary(), "");
  std::map<std::string, const TargetAccess *> by_file;
  for (const auto &[expr, a] : ret.program.probe_targets[0]) {
    EXPECT_EQ(a.base, TargetAccess::Base::module_address);
    EXPECT_GT(a.constant, 0);
    EXPECT_EQ(a.read, TargetAccess::Read::integer);
    by_file[a.text] = &a;
  }
  ASSERT_EQ(by_file.size(), 2u);
  EXPECT_EQ(by_file.at(canon)->size, 8u);
  EXPECT_EQ(by_file.at(o2)->size, 4u);
  Elab missing(point +
               " { println(@var(\"total\", \"/nonexistent/lib.so\")) }\n");
  EXPECT_NE(missing.summary().find(
                "error: '@var(\"total\")' reads module '/nonexistent/lib.so': "
                "cannot open '/nonexistent/lib.so': No such file or directory"),
            std::string::npos)
      << missing.summary();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stap
