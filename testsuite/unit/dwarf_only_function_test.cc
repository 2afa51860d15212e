// A function known only from DWARF (inlined wherever it is called, so no
// symbol gives a uprobe its entry): .function and .inline probe its
// inlined copies, one point per copy named by its address; .call and
// .return, which exclude inlined copies, make it a located pass-2 error
// when named and leave it out of a wildcard, never a pass-3 failure.
#include "elab_fixture.h"
#include "test_program.h"

namespace stap {
namespace {

TEST(DwarfOnlyFunction, CopiesForFunctionAndInlineErrorForCall) {
  std::filesystem::path dir;
  build_test_program("stap-inl", R"(
static inline __attribute__((always_inline)) int twice(int x) { return 2 * x; }
__attribute__((noinline)) int outer(int x) { return twice(x) + 1; }
int main(int argc, char **argv) { return outer(argc); }
)",
                     &dir);
  std::string exe = (dir / "t2").string();
  std::string point = "process(\"" + exe + "\").function(\"twice\")";
  Elab named("probe " + point + ".call {}\n");
  EXPECT_EQ(named.summary(),
            "t.stp:1:" + std::to_string(28 + exe.size()) +
                ": semantic error: function 'twice' of '" + exe +
                "' has DWARF but no symbol (it is inlined wherever it is "
                "called); probe its inlined copies with '.inline' "
                "(probe point '" +
                point + ".call') [STAP2103]\n");
  Elab wild("probe process(\"" + exe + "\").function(\"*wice\").call {}\n");
  EXPECT_NE(wild.summary().find("no process function matches '*wice'"),
            std::string::npos)
      << wild.summary();
  // .inline matches the functions the compiler inlined, and only those;
  // plain .function fires at the copies too.
  for (const char *form : {".inline", ""}) {
    Elab inl("probe process(\"" + exe + "\").function(\"*\")" + form + " {}\n");
    EXPECT_EQ(inl.summary(), "");
    std::vector<std::string> copies;
    for (const ProbeDecl *p : inl.program.probes)
      if (p->points[0]->to_string().starts_with(point + ".inline(0x"))
        copies.push_back(p->points[0]->to_string());
    EXPECT_EQ(copies.size(), 1u) << form;
  }
  // Each copy's own parameters: this copy folded x into its caller's
  // arithmetic, so its location list has no entry at the copy.
  Elab vars("probe " + point + ".inline { println($x) }\n");
  EXPECT_NE(vars.summary().find(
                "'$x' in 'twice' is optimized out at this probe point"),
            std::string::npos)
      << vars.summary();
  Elab not_inlined("probe process(\"" + exe +
                   "\").function(\"outer\").inline {}\n");
  EXPECT_NE(not_inlined.summary().find("no process function matches 'outer'"),
            std::string::npos)
      << not_inlined.summary();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stap
