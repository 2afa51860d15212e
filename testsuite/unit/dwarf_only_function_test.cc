// A function known only from DWARF (inlined wherever it is called, so no
// symbol gives a uprobe its entry) is a located pass-2 error when named
// and left out of a wildcard, never a pass-3 failure.
#include "elab_fixture.h"
#include "test_program.h"

namespace stap {
namespace {

TEST(DwarfOnlyFunction, NamedIsAPass2ErrorWildcardLeavesItOut) {
  std::filesystem::path dir;
  build_test_program("stap-inl", R"(
static inline __attribute__((always_inline)) int twice(int x) { return 2 * x; }
__attribute__((noinline)) int outer(int x) { return twice(x) + 1; }
int main(int argc, char **argv) { return outer(argc); }
)",
                     &dir);
  std::string exe = (dir / "t2").string();
  Elab named("probe process(\"" + exe + "\").function(\"twice\") {}\n");
  EXPECT_EQ(named.summary(),
            "t.stp:1:" + std::to_string(28 + exe.size()) +
                ": semantic error: function 'twice' of '" + exe +
                "' has DWARF but no symbol (it is inlined wherever it is "
                "called); probe its inlined copies with '.inline' "
                "(probe point 'process(\"" +
                exe + "\").function(\"twice\")') [STAP2103]\n");
  Elab wild("probe process(\"" + exe + "\").function(\"*wice\") {}\n");
  EXPECT_NE(wild.summary().find("no process function matches '*wice'"),
            std::string::npos)
      << wild.summary();
  // .inline matches the functions the compiler inlined, and only those.
  Elab inl("probe process(\"" + exe + "\").function(\"*\").inline {}\n");
  EXPECT_EQ(inl.summary(), "");
  ASSERT_EQ(inl.program.probes.size(), 1u);
  EXPECT_EQ(inl.program.probes[0]->points[0]->to_string(),
            "process(\"" + exe + "\").function(\"twice\").inline");
  Elab vars("probe process(\"" + exe +
            "\").function(\"twice\").inline { println($x) }\n");
  EXPECT_NE(vars.summary().find("error: target variables at inlined copies "
                                "('.inline') are not supported yet"),
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
