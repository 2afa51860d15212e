// Pass 2 end to end: alias expansion (prologue/epilogue, wildcards,
// recursion, ? and !) and the -p2 listing.
#include <gtest/gtest.h>

#include "testsuite/unit/elab_fixture.h"
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "elaborate/elaborate.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {
namespace {

namespace fs = std::filesystem;




const char *kAliases =
    "probe sys.read = kernel.function(\"vfs_read\") { name = \"read\"; fd = $count }\n"
    "probe sys.read.return = kernel.function(\"vfs_read\").return { name = \"read\" }\n"
    "probe sys.write = kernel.function(\"vfs_write\") { name = \"write\" }\n"
    "probe sys.any += sys.read, sys.write { seen++ }\n"
    "global seen\n";

TEST_F(TapsetDir, AliasesExpandAndPrint) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("global calls\n"
        "function note(what) { calls[what]++ }\n"
        "probe sys.read, sys.write { note(name) }\n"
        "probe begin { println(\"start\") }\n"
        "probe end { foreach (k in calls) printf(\"%s %d\\n\", k, calls[k]) }\n");
  EXPECT_EQ(e.summary(), "");
  EXPECT_EQ(print_program(e.program),
            "# globals\n"
            "calls:long[string]\n"
            "# functions\n"
            "note:unknown (what:string)\n"
            "# probes\n"
            "kernel.function(\"vfs_read\") /* <- sys.read */\n"
            "  name:string\n"
            "  fd:long\n"
            "kernel.function(\"vfs_write\") /* <- sys.write */\n"
            "  name:string\n"
            "begin\n"
            "end\n"
            "  k:string\n");
}

TEST_F(TapsetDir, PrologueRunsFirstEpilogueLast) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe sys.any { println(name) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.probes.size(), 2u);
  ProbeDecl *p = e.program.probes[0];
  // {sys.read prologue; user body; sys.any epilogue}
  ASSERT_EQ(p->body->stmts.size(), 3u);
  auto first_stmt_loc = [&](Stmt *s) {
    auto *b = static_cast<Block *>(s);
    return e.sm.describe(b->stmts.empty() ? b->loc : b->stmts[0]->loc);
  };
  EXPECT_EQ(first_stmt_loc(p->body->stmts[0]),
            (root_ / "sys.stp").string() + ":1:48");
  EXPECT_EQ(first_stmt_loc(p->body->stmts[1]), "t.stp:1:17");
  EXPECT_EQ(first_stmt_loc(p->body->stmts[2]),
            (root_ / "sys.stp").string() + ":4:40");
  ASSERT_EQ(p->via_aliases.size(), 2u);
  EXPECT_EQ(print_program(e.program),
            "# globals\n"
            "seen:long\n"
            "# probes\n"
            "kernel.function(\"vfs_read\") /* <- sys.read <- sys.any */\n"
            "  name:string\n"
            "  fd:long\n"
            "kernel.function(\"vfs_write\") /* <- sys.write <- sys.any */\n"
            "  name:string\n");
}

TEST_F(TapsetDir, WildcardAliasMatching) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe sys.re* { println(name) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.probes.size(), 1u);
  EXPECT_EQ(e.program.probe_origins[0].written, "sys.re*");
  EXPECT_EQ(print_program(e.program),
            "# probes\n"
            "kernel.function(\"vfs_read\") /* <- sys.read <- sys.re* */\n"
            "  name:string\n"
            "  fd:long\n");
}

// A point that goes on past an alias name: the rest is a suffix on every
// point of the alias, and each suffixed point is resolved afresh, so
// `sys.read` + `.return` finds the alias `sys.read.return`.
TEST_F(TapsetDir, AliasSuffixReachesEveryPointThroughNestedAliases) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe sys.any.return { println(name) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.probes.size(), 2u);
  EXPECT_EQ(e.program.probe_origins[0].written, "sys.any.return");
  EXPECT_EQ(print_program(e.program),
            "# globals\n"
            "seen:long\n"
            "# probes\n"
            "kernel.function(\"vfs_read\").return /* <- sys.read.return <- "
            "sys.any <- sys.any.return */\n"
            "  name:string\n"
            "kernel.function(\"vfs_write\").return /* <- sys.write <- sys.any "
            "<- sys.any.return */\n"
            "  name:string\n");
}

TEST_F(TapsetDir, LongestAliasNameStartingThePointWins) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe sys.read.return.maxactive(7) { println(name) }\n");
  EXPECT_EQ(e.summary(), "");
  EXPECT_EQ(print_program(e.program),
            "# probes\n"
            "kernel.function(\"vfs_read\").return.maxactive(7) /* <- "
            "sys.read.return <- sys.read.return.maxactive(7) */\n"
            "  name:string\n");
}

TEST_F(TapsetDir, SuffixTheAliasPointCannotTakeIsReportedAtTheSuffix) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe sys.write.maxactive(2) { }\n");
  std::string file = (root_ / "sys.stp").string();
  EXPECT_EQ(e.summary(),
            "t.stp:1:17: semantic error: invalid suffix for probe alias "
            "'sys.write': unknown probe point "
            "'kernel.function(\"vfs_write\").maxactive(2)' [STAP2101]\n" +
                file +
                ":3:19: note: probe alias 'sys.write' expands to "
                "'kernel.function(\"vfs_write\")' here\n");
}

TEST_F(TapsetDir, AliasRecursionIsReported) {
  write("loop.stp", "probe loop.a = loop.b { }\nprobe loop.b = loop.a { }\n");
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe loop.a { }\n");
  std::string file = (root_ / "loop.stp").string();
  EXPECT_EQ(e.summary(),
            file +
                ":2:16: semantic error: probe alias 'loop.a' expands to itself "
                "[STAP2104]\n" +
                file + ":1:16: note: expanded from probe alias 'loop.b'\n" +
                "t.stp:1:7: note: expanded from probe alias 'loop.a'\n");
}

TEST_F(TapsetDir, ReturnAliasAllowsReturnValue) {
  write("sys.stp", kAliases);
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe sys.read.return { println($return) }\n"
        "probe sys.read { println($return) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:26: semantic error: '$return' is only available in return "
            "probes "
            "(not in 'kernel.function(\"vfs_read\")') [STAP2016]\n");
}

TEST(Elaborate, OptionalAndSufficientPoints) {
  Elab e;
  e.run("probe nosuch.thing?, begin { }\n"
        "probe end!, error { }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.probes.size(), 2u);
  EXPECT_EQ(e.program.probes[0]->points[0]->to_string(), "begin");
  EXPECT_EQ(e.program.probes[1]->points[0]->to_string(), "end");
}

TEST(Elaborate, UnknownProbePoint) {
  Elab e;
  e.run("probe nosuch.thing { }\n");
  EXPECT_NE(e.summary().find("error:"), std::string::npos);
  EXPECT_NE(e.summary().find("[STAP2101]"), std::string::npos);
  EXPECT_TRUE(e.program.probes.empty());
}

TEST(Elaborate, GlobalInitFromDashG) {
  Elab e;
  e.opts.global_inits = {{"max_n", "10"}, {"name", "x"}, {"nosuch", "1"}};
  e.run("global max_n, name\nprobe begin { println(max_n, name) }\n");
  EXPECT_EQ(e.summary(),
            "semantic error: -G names 'nosuch', which is not a global of the "
            "script "
            "[STAP2002]\n");
  EXPECT_EQ(e.program.globals[0]->type, Type::long_);
  EXPECT_EQ(e.program.globals[1]->type, Type::string);
}

TEST_F(TapsetDir, HundredsOfFilesStayLazy) {
  for (int i = 0; i < 300; ++i)
    write("f" + std::to_string(i) + ".stp",
          "global g" + std::to_string(i) + "\nfunction f" + std::to_string(i) +
              "() { return " + std::to_string(i) + " }\n"
              "probe a" + std::to_string(i) + ".x = begin { }\n");
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe a7.x { println(f123()) }\n");
  EXPECT_EQ(e.summary(), "");
  EXPECT_EQ(e.program.tapset_files_indexed, 300u);
  EXPECT_EQ(e.program.tapset_files_parsed, 2u);
}


// Every prefix of a script exercises the partial trees the parser builds
// while recovering; pass 2 must survive them all.
TEST(Elaborate, SurvivesTruncatedScripts) {
  const std::string script =
      "global counts[100], s, names\n"
      "function f:long (a:long, b) { if (a > b) return a; return b . \"x\" }\n"
      "probe begin, end!, nosuch? if (counts[1] > 0) {\n"
      "  foreach ([k, v] in counts- limit 3) { s <<< k; names[k] = sprintf(\"%d\", v) }\n"
      "  try { delete counts[*, 1]; x = @count(s) ? @avg(s) : -1 } catch (m) { println(m) }\n"
      "  for (i = 0; i < 10; i++) { while (i) { break } ; continue }\n"
      "  printf(\"%s %d\\n\", names[1], f(1, 2)); print(@hist_log(s)); next\n"
      "  @entry($x); $y->z[3] = 1; ++i; i--; x = i ?: 1; println(1 in counts)\n"
      "}\n";
  // Inside the probe's body an unclosed '{' is always an error.
  const size_t body_open = script.find("{\n  foreach");
  const size_t body_close = script.rfind('}');
  size_t reported = 0;
  for (size_t n = 0; n <= script.size(); ++n) {
    SCOPED_TRACE("prefix of " + std::to_string(n) + " bytes");
    Elab e;
    e.run(script.substr(0, n), /*optimize=*/n % 2 == 0);
    std::string printed = print_program(e.program);
    for (const Diagnostic &d : e.diags.finalized()) {
      // Never a translator bug, and every problem at a place in the script.
      EXPECT_NE(d.id, DiagId::internal_error) << e.summary();
      // (An empty prefix is refused as a whole, with no place.)
      if (d.severity == Severity::error && d.id != DiagId::parse_empty_script) {
        EXPECT_EQ(e.diags.render(d).rfind("t.stp:", 0), 0u)
            << e.diags.render(d);
      }
    }
    if (n > body_open && n <= body_close) {
      EXPECT_GT(e.diags.error_count(), 0u) << script.substr(0, n);
    }
    reported += e.diags.error_count() > 0;
    if (n == 0) {
      // SystemTap refuses an empty script at pass 1.
      EXPECT_EQ(e.diags.error_count(), 1u);
      EXPECT_TRUE(e.program.probes.empty());
    }
  }
  EXPECT_GT(reported, body_close - body_open);
}

}  // namespace
}  // namespace stap
