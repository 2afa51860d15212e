// SDT mark probes in passes 2 and 3, against a program built with
// <sys/sdt.h> at test time: a misspelt mark is refused with a suggestion,
// $argN/$$name/$$provider/$$parms resolve, bad forms are located errors,
// and pass 3 writes the uprobe rows with the semaphore's file offset and
// each site's argument table.
#include "elab_fixture.h"
#include "test_program.h"

#include "codegen/translate.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

constexpr const char *kProgram = R"(#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
unsigned short app_tick_semaphore __attribute__((section(".probes")));
unsigned short app_done_semaphore __attribute__((section(".probes")));
long total = 5;
int main(int argc, char **argv) {
  signed char c = (signed char)-argc;
  if (app_tick_semaphore) STAP_PROBE3(app, tick, c, argv[0], 7);
  STAP_PROBE1(app, done, total);
  STAP_PROBE1(app, done, argc);
  return 0;
}
)";

class MarkTargets : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (!fs::exists("/usr/include/x86_64-linux-gnu/sys/sdt.h") &&
        !fs::exists("/usr/include/sys/sdt.h"))
      return;
    build_test_program("stap-mark", kProgram, &dir_);
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  void SetUp() override {
    if (dir_.empty())
      GTEST_SKIP() << "no <sys/sdt.h>: install systemtap-sdt-dev";
  }
  static std::string exe(const char *name) { return (dir_ / name).string(); }
  static std::unique_ptr<Elab> probe(const std::string &point,
                                     const std::string &body,
                                     const char *binary = "t0") {
    auto e = std::make_unique<Elab>();
    e->run("probe process(\"" + exe(binary) + "\")." + point + " {\n" + body +
           "\n}\n");
    return e;
  }
  static fs::path dir_;
};

fs::path MarkTargets::dir_;

TEST_F(MarkTargets, AMisspeltMarkIsRefusedWithASuggestion) {
  auto e = probe("mark(\"tik\")", "");
  EXPECT_EQ(
      e->summary(),
      "t.stp:1:" + std::to_string(24 + exe("t0").size()) +
          ": semantic error: no process mark matches 'tik' in probe point "
          "'process(\"" +
          exe("t0") +
          "\").mark(\"tik\")'; did you mean "
          "'tick'? [STAP2103]\n");
}

TEST_F(MarkTargets, ArgumentsNameAndProvider) {
  auto e = probe("provider(\"a*\").mark(\"tick\")",
                 "printf(\"%d %s %s %s %d\", $arg1, $$name, $$provider, "
                 "$$parms, $arg2)");
  ASSERT_EQ(e->summary(), "");
  const ProbeTargets &t = e->program.probe_targets[0];
  std::vector<std::pair<uint32_t, const TargetAccess *>> all;
  for (auto &[expr, a] : t) all.push_back({expr->loc.begin, &a});
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].second->base, TargetAccess::Base::sdt_arg);
  EXPECT_EQ(all[0].second->param, 1);
  EXPECT_EQ(all[1].second->text, "tick");
  EXPECT_EQ(all[2].second->text, "app");
  ASSERT_EQ(all[3].second->parts.size(), 3u);
  EXPECT_EQ(all[3].second->parts[2].name, "$arg3");
  EXPECT_EQ(all[4].second->param, 2);
}

TEST_F(MarkTargets, BadFormsAreLocatedErrors) {
  auto e = probe("mark(\"tick\")", "println($arg4)\nprintln($arg1->x)\n"
                                   "println($c)");
  EXPECT_EQ(
      e->summary(),
      "t.stp:2:9: semantic error: mark 'tick' has 3 arguments: no '$arg4' "
      "[STAP2018]\n"
      "t.stp:3:9: semantic error: '$arg1' of mark 'tick' is a plain value: it "
      "has no members, address or pretty form (read memory with @cast "
      "or user_*) [STAP2018]\n"
      "t.stp:4:9: semantic error: mark 'tick' has no '$c'; it offers "
      "$arg1..$arg3, $$name, $$provider, $$parms [STAP2018]\n");
}

// Pass 3: one row per site ("done" has two), the semaphore's file offset
// for the guarded mark, and where each argument is.
TEST_F(MarkTargets, Pass3RowsSemaphoresAndArgumentTables) {
  auto e = std::make_unique<Elab>();
  e->run("probe process(\"" + exe("t2") +
         "\").mark(\"*\") { println($$parms) }\n");
  ASSERT_EQ(e->summary(), "");
  Translation out = translate(e->program, TranslateOptions{}, e->sm, e->diags);
  ASSERT_EQ(e->summary(), "");
  const std::string &c = out.c_source;
  auto count = [&](const std::string &s) {
    size_t n = 0;
    for (size_t at = c.find(s); at != std::string::npos; at = c.find(s, at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("{ .probe = &stp_probe_"), 3u) << c;
  EXPECT_EQ(count(", .ref_ctr_offset = 0x"), 3u) << c;
  // -O2: the global is %rip-relative, read at the probe's address plus its
  // distance from the mark; the constant is a constant.
  EXPECT_NE(c.find(".kind = STP_SDT_MEMORY, .size = 8, .is_signed = true, "
                   ".reg = STP_SDT_IP, .value = "),
            std::string::npos)
      << c;
  EXPECT_NE(c.find("{ .kind = STP_SDT_CONSTANT, .size = 4, .is_signed = "
                   "true, .reg = 0, .value = 7LL },"),
            std::string::npos)
      << c;
  EXPECT_NE(c.find(", .sdt_nargs = 3 },"), std::string::npos) << c;
  EXPECT_NE(c.find("stp_sdt_arg(c, 3)"), std::string::npos) << c;
}

}  // namespace
}  // namespace stap
