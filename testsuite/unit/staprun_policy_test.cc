// The policy file and the caller's groups have one reader, staprun's C
// code (policy_syntax.c, caller.c), used by staprun and by the translator:
// the lines it accepts, the problems it reports and where, and that both
// programs grant the same from the same file.
#include "caller.h"
#include "policy_syntax.h"
#include "privilege/policy_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace stap {
namespace {

struct Parsed {
  bool grant = false;
  std::string group;
  stap_actions actions = 0;
  std::vector<std::string> problems;  // "OFFSET+LEN message"
};

Parsed parse(const std::string &line) {
  Parsed p;
  struct stap_policy_grant g;
  auto report = [](void *ctx, size_t off, size_t len, const char *msg) {
    static_cast<Parsed *>(ctx)->problems.push_back(
        std::to_string(off) + "+" + std::to_string(len) + " " + msg);
  };
  p.grant = stap_policy_parse_line(line.data(), line.size(), &g, report, &p);
  if (p.grant) {
    p.group.assign(g.group, g.group_len);
    p.actions = g.actions;
  }
  return p;
}

stap_actions bits(std::initializer_list<const char *> names) {
  stap_actions set = 0;
  for (const char *n : names) {
    int i = stap_action_index(n, strlen(n));
    EXPECT_GE(i, 0) << n;
    set |= stap_actions{1} << i;
  }
  return set;
}

TEST(StaprunPolicy, BlankAndCommentLinesSayNothing) {
  for (const char *line :
       {"", "   \t\r", "# grant x probe.kernel", "  # comment"}) {
    Parsed p = parse(line);
    EXPECT_FALSE(p.grant) << line;
    EXPECT_TRUE(p.problems.empty()) << line;
  }
}

TEST(StaprunPolicy, GrantLines) {
  Parsed p = parse("grant\ttracing probe.kernel  probe.perf # trailing\r");
  ASSERT_TRUE(p.grant);
  EXPECT_EQ(p.group, "tracing");
  EXPECT_EQ(p.actions, bits({"probe.kernel", "probe.perf"}));
  EXPECT_TRUE(p.problems.empty());
}

TEST(StaprunPolicy, BadLinesAreReportedWhereTheyAre) {
  const char *bad = "expected 'grant GROUP ACTION...'; line ignored";
  for (auto [line, where] : std::vector<std::pair<const char *, const char *>>{
           {"allow tracing probe.kernel", "0+5 "},
           {"  grant tracing", "2+5 "},  // no action: a grant of nothing
           {"grant", "0+5 "},
           {"granted x probe.kernel", "0+7 "},
           {"grant#x probe.kernel", "0+5 "}}) {
    Parsed p = parse(line);
    EXPECT_FALSE(p.grant) << line;
    EXPECT_EQ(p.problems, std::vector<std::string>{std::string(where) + bad})
        << line;
  }
  Parsed p = parse("grant g probe.kernel probe.everything probe.perf");
  ASSERT_TRUE(p.grant);
  EXPECT_EQ(p.actions, bits({"probe.kernel", "probe.perf"}));
  EXPECT_EQ(p.problems,
            std::vector<std::string>{
                "21+16 unknown privilege action 'probe.everything' ignored"});
}

// staprun's stap_policy_grants and the translator's load_policy read one
// root-only file and grant the same, with the same problems.
TEST(StaprunPolicy, StaprunAndTranslatorGrantTheSame) {
  struct stat st;
  if (geteuid() != 0 || stat("/run", &st) || st.st_uid != 0 ||
      (st.st_mode & 022))
    GTEST_SKIP() << "needs root and a root-only /run";
  char tmpl[] = "/run/stap-policy-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  chmod(tmpl, 0755);
  std::string path = std::string(tmpl) + "/privilege.conf";
  {
    std::ofstream f(path);
    f << "# site policy\n"
         "grant tracing probe.kernel probe.nonsense\n"
         "grant tracing\n"
         "grant profilers probe.timer.profile probe.perf\n"
         "grant other code.embedded_c\n";
  }
  const char *groups[] = {"users", "tracing", "profilers", nullptr};
  testing::internal::CaptureStderr();
  stap_actions c_grants = stap_policy_grants(path.c_str(), groups);
  std::string c_warnings = testing::internal::GetCapturedStderr();

  SourceManager sm;
  Diagnostics diags(sm);
  ActionSet cxx = load_policy(path, sm, diags)
                      .granted_to({"users", "tracing", "profilers"});
  EXPECT_EQ(c_grants, cxx.bits());
  EXPECT_EQ(c_grants,
            bits({"probe.kernel", "probe.timer.profile", "probe.perf"}));
  EXPECT_EQ(c_warnings, "staprun: " + path +
                            ":2:28: unknown privilege action "
                            "'probe.nonsense' ignored\n"
                            "staprun: " +
                            path +
                            ":3:1: expected 'grant GROUP ACTION...'; "
                            "line ignored\n");
  ASSERT_EQ(diags.all().size(), 2u);
  EXPECT_EQ(diags.all()[0].message,
            "unknown privilege action 'probe.nonsense' ignored");
  EXPECT_EQ(diags.all()[1].message,
            "expected 'grant GROUP ACTION...'; line ignored");
  unlink(path.c_str());
  rmdir(tmpl);
}

// The translator's idea of the caller's groups is staprun's.
TEST(StaprunPolicy, CallerGroupsAreStapruns) {
  struct caller c;
  ASSERT_TRUE(caller_read(&c));
  std::vector<std::string> names;
  for (const char *const *g = c.group_names; *g; ++g) names.push_back(*g);
  EXPECT_EQ(caller_groups(), names);
  EXPECT_FALSE(names.empty());
  EXPECT_EQ(c.level == LEVEL_STAPDEV,
            getuid() == 0 || std::find(names.begin(), names.end(), "stapdev") !=
                                 names.end());
}

}  // namespace
}  // namespace stap
