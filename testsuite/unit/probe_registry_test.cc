#include "elaborate/probe_point_text.h"
#include "probes/probe_registry.h"
#include "symbols/glob.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

// Parses `text` as the only content of "t.stp" and matches it.
struct Fixture {
  SourceManager sm;
  AstContext ctx;
  Diagnostics diags{sm};
  ProbePoint *point(const std::string &text) {
    FileId f = sm.add("t.stp", text);
    std::string err;
    ProbePoint *pp = parse_probe_point_text(text, ctx, &err, f);
    EXPECT_NE(pp, nullptr) << err;
    return pp;
  }
  std::string match(const std::string &text,
                    const std::vector<std::string> *aliases = nullptr) {
    const ProbeType *t =
        ProbeRegistry::builtin().match(*point(text), diags, aliases);
    return t ? t->pattern + " " + t->action : diags.render_all();
  }
};

TEST(ProbeRegistry, MatchesConcretePoints) {
  Fixture f;
  EXPECT_EQ(f.match("begin"), "begin probe.begin_end");
  EXPECT_EQ(f.match("end(-5)"), "end(number) probe.begin_end");
  EXPECT_EQ(f.match("timer.ms(100)"), "timer.ms(number) probe.timer");
  EXPECT_EQ(f.match("timer.s(1).randomize(2)"),
            "timer.s(number).randomize(number) probe.timer");
  EXPECT_EQ(f.match("timer.profile"), "timer.profile probe.timer.profile");
  EXPECT_EQ(f.match("kernel.function(\"vfs_read\").return"),
            "kernel.function(string).return probe.kernel");
  EXPECT_EQ(f.match("kernel.trace(\"sched_switch\")"),
            "kernel.trace(string) probe.kernel.trace");
  EXPECT_EQ(f.match("process(\"/bin/ls\").function(\"main\").return"),
            "process(string).function(string).return probe.process.own");
  EXPECT_EQ(f.match("process(123).begin"),
            "process(number).begin probe.process.own");
  EXPECT_EQ(f.match("procfs(\"x\").read.maxsize(1024)"),
            "procfs(string).read.maxsize(number) probe.procfs");
  EXPECT_EQ(f.match("netfilter.hook(\"NF_INET_PRE_ROUTING\").pf(\"NFPROTO_IPV4\")"),
            "netfilter.hook(string).pf(string) probe.netfilter");
  EXPECT_EQ(f.match("kernel.data(\"jiffies\").write"),
            "kernel.data(string).write probe.kernel.data");
  EXPECT_EQ(f.diags.all().size(), 0u);
}

TEST(ProbeRegistry, TypeFlags) {
  Fixture f;
  const ProbeRegistry &reg = ProbeRegistry::builtin();
  const ProbeType *ret =
      reg.match(*f.point("process(\"a\").library(\"b\").function(\"c\").return"),
                f.diags);
  ASSERT_NE(ret, nullptr);
  EXPECT_TRUE(ret->allows_return_values);
  EXPECT_TRUE(ret->has_target_vars);
  EXPECT_TRUE(ret->is_process);
  EXPECT_EQ(ret->symbols, SymbolKind::process_function);
  EXPECT_EQ(ret->symbol_component, 2);
  EXPECT_EQ(ret->binary_component, 1);
  const ProbeType *call = reg.match(*f.point("kernel.function(\"f\")"), f.diags);
  ASSERT_NE(call, nullptr);
  EXPECT_FALSE(call->allows_return_values);
  EXPECT_EQ(call->symbol_component, 1);
  EXPECT_EQ(call->binary_component, -1);
  EXPECT_TRUE(reg.is_builtin_family("kprobe"));
  EXPECT_FALSE(reg.is_builtin_family("syscall"));
}

TEST(ProbeRegistry, UnknownPointSuggestsNearestComponent) {
  Fixture f;
  EXPECT_EQ(f.match("kernel.fucntion(\"vfs_read\")"),
            "t.stp:1:8: semantic error: unknown probe point "
            "'kernel.fucntion(\"vfs_read\")'; "
            "did you mean 'kernel.function'? [STAP2101]\n"
            "  kernel.fucntion(\"vfs_read\")\n"
            "         ^~~~~~~~~~~~~~~~~~~~\n");
}

TEST(ProbeRegistry, UnknownFirstComponentSuggestsFamilyOrAlias) {
  Fixture f;
  EXPECT_EQ(f.match("kernal.function(\"x\")"),
            "t.stp:1:1: semantic error: unknown probe point "
            "'kernal.function(\"x\")'; "
            "did you mean 'kernel'? [STAP2101]\n"
            "  kernal.function(\"x\")\n"
            "  ^~~~~~\n");
  Fixture g;
  std::vector<std::string> aliases = {"syscall.open", "syscall.read"};
  EXPECT_EQ(g.match("syscall.opne", &aliases),
            "t.stp:1:1: semantic error: unknown probe point 'syscall.opne'; "
            "did you mean 'syscall.open'? [STAP2101]\n"
            "  syscall.opne\n"
            "  ^~~~~~~\n");
}

TEST(ProbeRegistry, UnknownSuffixListsContinuations) {
  Fixture f;
  EXPECT_EQ(
      f.match("timer.profile.bogus"),
      "t.stp:1:15: semantic error: unknown probe point 'timer.profile.bogus' "
      "[STAP2101]\n"
      "  timer.profile.bogus\n"
      "                ^~~~~\n"
      "note: 'timer.profile' continues with one of .freq, .tick (or "
      "nothing)\n");
}

TEST(ProbeRegistry, IncompletePoint) {
  Fixture f;
  EXPECT_EQ(
      f.match("procfs"),
      "t.stp:1:1: semantic error: incomplete probe point 'procfs' [STAP2101]\n"
      "  procfs\n"
      "  ^~~~~~\n"
      "note: 'procfs' continues with one of .read, .umask, .write\n");
}

TEST(ProbeRegistry, BadParameterTypeNamesComponentAndType) {
  Fixture f;
  EXPECT_EQ(
      f.match("timer.ms(\"x\")"),
      "t.stp:1:10: semantic error: 'timer.ms' expects a number argument, not a "
      "string in probe point 'timer.ms(\"x\")' [STAP2102]\n"
      "  timer.ms(\"x\")\n"
      "           ^~~\n");
  Fixture g;
  EXPECT_EQ(g.match("kernel.function.return"),
            "t.stp:1:8: semantic error: 'kernel.function' requires a string "
            "argument in "
            "probe point 'kernel.function.return' [STAP2102]\n"
            "  kernel.function.return\n"
            "         ^~~~~~~~\n");
  Fixture h;
  EXPECT_EQ(
      h.match("never(3)"),
      "t.stp:1:7: semantic error: 'never' takes no argument in probe point "
      "'never(3)' [STAP2102]\n"
      "  never(3)\n"
      "        ^\n");
  Fixture k;
  EXPECT_EQ(
      k.match("process(\"a\").statement"),
      "t.stp:1:14: semantic error: 'process.statement' requires a string or "
      "number argument in probe point 'process(\"a\").statement' "
      "[STAP2102]\n"
      "  process(\"a\").statement\n"
      "               ^~~~~~~~~\n");
}

TEST(ProbeRegistry, WildcardComponentsMatchAll) {
  Fixture f;
  const ProbeRegistry &reg = ProbeRegistry::builtin();
  std::vector<std::string> got;
  for (const ProbeType *t : reg.match_all(*f.point("timer.*"), f.diags))
    got.push_back(t->pattern);
  EXPECT_EQ(got, (std::vector<std::string>{"timer.profile"}));
  got.clear();
  for (const ProbeType *t :
       reg.match_all(*f.point("kernel.function(\"f\").*"), f.diags))
    got.push_back(t->pattern);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "kernel.function(string).call",
                     "kernel.function(string).exported",
                     "kernel.function(string).inline",
                     "kernel.function(string).return",
                     "kernel.function(string).callees"}));
  got.clear();
  for (const ProbeType *t : reg.match_all(*f.point("process(1).**"), f.diags))
    got.push_back(t->pattern);
  EXPECT_EQ(got.size(), 8u);
  EXPECT_EQ(f.diags.all().size(), 0u);
  EXPECT_TRUE(reg.match_all(*f.point("nosuch.*"), f.diags).empty());
  EXPECT_EQ(f.diags.error_count(), 1u);
}

TEST(ProbeRegistry, DumpIsSortedWithActionColumn) {
  ProbeRegistry reg;
  reg.add({.pattern = "timer.ms(number)", .action = "probe.timer"});
  reg.add({.pattern = "begin", .action = "probe.begin_end"});
  EXPECT_EQ(dump_probe_types(reg),
            "begin             probe.begin_end\n"
            "timer.ms(number)  probe.timer\n");
  EXPECT_EQ(dump_probe_types(reg, [](const ProbeType &t) {
              return t.action == "probe.timer" ? "stapusr" : "-";
            }),
            "begin             probe.begin_end  -\n"
            "timer.ms(number)  probe.timer      stapusr\n");
  // Every builtin pattern parses and no pattern is registered twice.
  std::string all = dump_probe_types(ProbeRegistry::builtin());
  EXPECT_NE(all.find("\nprocess(string).function(string).return "),
            std::string::npos);
  std::set<std::string> seen;
  for (const ProbeType &t : ProbeRegistry::builtin().types()) {
    EXPECT_FALSE(t.components.empty()) << t.pattern;
    EXPECT_TRUE(seen.insert(t.pattern).second) << t.pattern;
    EXPECT_FALSE(t.action.empty()) << t.pattern;
    EXPECT_FALSE(t.description.empty()) << t.pattern;
  }
}

TEST(ProbeRegistry, PatternSyntax) {
  std::vector<ProbeComponentSpec> c;
  ASSERT_TRUE(ProbeRegistry::parse_pattern("a.b(string).c(number?)", c));
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[1].arg, ProbeArg::string);
  EXPECT_TRUE(c[2].arg_optional);
  EXPECT_FALSE(ProbeRegistry::parse_pattern("a..b", c));
  EXPECT_FALSE(ProbeRegistry::parse_pattern("a(strin)", c));
}

TEST(Glob, Patterns) {
  EXPECT_TRUE(glob_match("vfs_*", "vfs_read"));
  EXPECT_FALSE(glob_match("vfs_*", "do_vfs_read"));
  EXPECT_TRUE(glob_match("*read*", "do_vfs_readv"));
  EXPECT_TRUE(glob_match("sys_?ead", "sys_read"));
  EXPECT_TRUE(glob_match("sys_[rw]*", "sys_write"));
  EXPECT_FALSE(glob_match("sys_[!rw]*", "sys_write"));
  EXPECT_TRUE(glob_match("sys_[a-c]*", "sys_brk"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_EQ(edit_distance("fucntion", "function"), 1u);
  EXPECT_EQ(edit_distance("kernal", "kernel"), 1u);
}

}  // namespace
}  // namespace stap
