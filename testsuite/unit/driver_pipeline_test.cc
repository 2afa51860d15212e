// The pass list (driver/pipeline.h) through run_command, with string streams
// in place of the terminal. testsuite/cli covers the real binary.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "driver/command.h"
#include "driver/diagnostic_output.h"
#include "driver/pass_timer.h"

namespace stap {
namespace {

struct Run {
  int status;
  std::string out, err;
};

Run run(std::vector<std::string> args, const std::string &stdin_text = "") {
  std::ostringstream out, err;
  std::istringstream in(stdin_text);
  // A release without a tree: passes 1-2 must not need one.
  args.insert(args.begin(), {"-r", "0.0.0-unit-test"});
  int status = run_command(args, {out, err, in});
  return {status, out.str(), err.str()};
}

TEST(Pipeline, StopsAfterPass1AndPrints) {
  Run r = run({"-p1", "-e", "probe begin { exit() }"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("probe begin"), std::string::npos) << r.out;
}

TEST(Pipeline, ReadsTheScriptFromStdin) {
  Run a = run({"-p1", "-"}, "probe begin { exit() }");
  Run b = run({"-p1", "-e", "probe begin { exit() }"});
  EXPECT_EQ(a.status, 0);
  EXPECT_EQ(a.out, b.out);
}

TEST(Pipeline, ParseErrorStopsBeforePass2) {
  Run r = run({"-v", "-p2", "-e", "probe begin {"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("<input>:1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Pass 1: parse failed.\n"), std::string::npos);
  EXPECT_EQ(r.err.find("Pass 2:"), std::string::npos) << r.err;
}

TEST(Pipeline, VerboseReportsEachPass) {
  Run r = run({"-v", "-p2", "-e", "probe begin { exit() }"});
  EXPECT_EQ(r.status, 0) << r.err;
  std::regex pass1(
      "Pass 1: parsed user script and \\d+ library scripts? using "
      "\\d+virt/\\d+res/\\d+shr/\\d+data kb, in \\d+usr/\\d+sys/\\d+real ms\\.\n");
  std::regex pass2("Pass 2: analyzed script: 1 probe, \\d+ functions?, "
                   "0 embeds, 0 globals using ");
  EXPECT_TRUE(std::regex_search(r.err, pass1)) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, pass2)) << r.err;
  EXPECT_NE(r.err.find("Kernel build tree '/lib/modules/0.0.0-unit-test/build' "
                       "is missing; CONFIG_ options are unknown\n"),
            std::string::npos);
}

TEST(Pipeline, LaterPassesAreNotImplemented) {
  Run r = run({"-p3", "-w", "-e", "probe begin { exit() }"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "stap: error: pass 3 is not implemented yet [STAP3005]\n"
            "Pass 3: translation failed.\n");
}

TEST(Pipeline, UnreadableScript) {
  Run r = run({"-p1", "/nonexistent/script.stp"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "stap: error: cannot read script file '/nonexistent/script.stp': "
            "No such file or directory [STAP3003]\nPass 1: parse failed.\n");
}

TEST(Pipeline, BadCommandLine) {
  Run r = run({"-p", "9"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "stap: error: invalid pass number '9' (expected 1 to 5) [STAP3001]\n"
            "Try 'stap --help' for more information.\n");
}

TEST(DiagnosticOutput, PrefixesOnlyLocationlessDiagnostics) {
  SourceManager sm;
  FileId f = sm.add("s.stp", "probe x {}\n");
  Diagnostics d(sm);
  d.report(DiagId::opt_io, {}, "cannot read it");
  d.report(DiagId::parse_expected, Location{f, 6, 7}, "expected something");
  std::ostringstream out;
  print_diagnostics(d, out);
  EXPECT_EQ(out.str(),
            "s.stp:1:7: error: expected something [STAP1100]\n"
            "  probe x {}\n"
            "        ^\n"
            "stap: error: cannot read it [STAP3003]\n");
}

TEST(PassTimer, SystemTapFormat) {
  PassTimer t;
  std::regex format(" using \\d+virt/\\d+res/\\d+shr/\\d+data kb, in "
                    "\\d+usr/\\d+sys/\\d+real ms\\.");
  EXPECT_TRUE(std::regex_match(t.usage_since_start(), format))
      << t.usage_since_start();
}

}  // namespace
}  // namespace stap
