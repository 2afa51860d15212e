// Options and environment variables under each level: each forbidden one
// is named in its own error, with the action and the level allowing it.
#include "privilege/invocation_check.h"

#include <gtest/gtest.h>

namespace stap {
namespace {

struct Case {
  const char *flag;
  const char *value;
  const char *action;  // nullptr: always allowed
};

const Case kOptionCases[] = {
    {"-g", "", "option.guru"},
    {"-I", "/home/me/tapsets", "option.include_path"},
    {"-R", "/home/me/runtime", "option.runtime_path"},
    {"-B", "CONFIG_FOO=y", "option.kbuild"},
    {"-D", "MAXACTION=100000", "option.define"},
    {"-r", "/home/me/linux", "option.kernel_build_dir"},
    {"-r", "./linux", "option.kernel_build_dir"},
    {"-r", "6.1.0-26-amd64", nullptr},
    {"--sysroot", "/home/me/root", "option.sysroot"},
    {"-G", "x=1", nullptr},
    {"-v", "", nullptr},
    {"-p", "2", nullptr},
};

TEST(PrivilegeInvocation, OptionMatrix) {
  for (const Case &c : kOptionCases) {
    for (Level l : {Level::stapusr, Level::stapsys, Level::stapdev}) {
      SourceManager sm;
      Diagnostics diags(sm);
      PrivilegeRequest req;
      req.level = l;
      req.argv = {"stap", c.flag, c.value, "x.stp"};
      req.options.push_back({c.flag, c.value, 1});
      ActionSet needed;
      bool ok = check_invocation(req, sm, diags, &needed);
      bool denied = c.action && l != Level::stapdev;
      EXPECT_EQ(ok, !denied) << c.flag << " " << c.value << " at "
                             << level_name(l);
      EXPECT_EQ(diags.error_count(), denied ? 1u : 0u);
      if (c.action)
        EXPECT_EQ(needed.to_string(), c.action);
      else
        EXPECT_TRUE(needed.empty());
      if (!denied) continue;
      std::string what = std::string("option '") + c.flag +
                         (*c.value ? std::string(" ") + c.value : "") + "'";
      // SystemTap's own words for -g come first.
      std::string systemtap =
          std::string(c.flag) == "-g"
              ? std::string("You can't specify -g and --privilege=") +
                    level_name(l) + " together: "
              : "";
      EXPECT_EQ(diags.all()[0].message,
                systemtap + what + " needs privilege action '" + c.action +
                    "' (allowed at 'stapdev'; current level '" + level_name(l) +
                    "')");
    }
  }
}

TEST(PrivilegeInvocation, OptionPointsAtTheCommandLine) {
  SourceManager sm;
  Diagnostics diags(sm);
  PrivilegeRequest req;
  req.level = Level::stapusr;
  req.argv = {"stap", "-p2", "-I/tmp/t", "x.stp"};
  req.options = {{"-p", "2", 1}, {"-I", "/tmp/t", 2}};
  EXPECT_FALSE(check_invocation(req, sm, diags));
  EXPECT_EQ(
      diags.render_all(),
      "<command line>:1:10: semantic error: option '-I /tmp/t' needs privilege "
      "action 'option.include_path' (allowed at 'stapdev'; current "
      "level 'stapusr') [STAP2202]\n"
      "  stap -p2 -I/tmp/t x.stp\n"
      "           ^~~~~~~~\n");
}

TEST(PrivilegeInvocation, ExtraActionGrantsAnOption) {
  SourceManager sm;
  Diagnostics diags(sm);
  PrivilegeRequest req;
  req.level = Level::stapusr;
  req.extra.add(Action::option_define);
  req.options = {{"-D", "X=1", -1}, {"-I", "/x", -1}};
  EXPECT_FALSE(check_invocation(req, sm, diags));
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].id, DiagId::priv_option_denied);
  EXPECT_NE(diags.all()[0].message.find("'-I /x'"), std::string::npos);
}

TEST(PrivilegeInvocation, EnvironmentMatrix) {
  for (std::string_view name : privilege_environment_variables()) {
    for (Level l : {Level::stapusr, Level::stapsys, Level::stapdev}) {
      SourceManager sm;
      Diagnostics diags(sm);
      PrivilegeRequest req;
      req.level = l;
      req.environment = {{std::string(name), "/home/me/x"}};
      bool denied = l != Level::stapdev;
      EXPECT_EQ(check_invocation(req, sm, diags), !denied) << name;
      ASSERT_EQ(diags.all().size(), denied ? 1u : 0u) << name;
      if (!denied) continue;
      EXPECT_EQ(diags.all()[0].message,
                "environment variable '" + std::string(name) +
                    "' needs privilege action 'env.override' (allowed at "
                    "'stapdev'; current level '" + level_name(l) + "')");
      EXPECT_EQ(sm.describe(diags.all()[0].loc), "<environment>:1:1");
    }
  }
}

TEST(PrivilegeInvocation, AllViolationsInOneRun) {
  SourceManager sm;
  Diagnostics diags(sm);
  PrivilegeRequest req;
  req.level = Level::stapsys;
  req.options = {{"-g", "", -1}, {"-D", "A", -1}, {"-R", "/r", -1}};
  req.environment = {{"SYSTEMTAP_TAPSET", "/t"}, {"SYSTEMTAP_RUNTIME", "/r"}};
  EXPECT_FALSE(check_invocation(req, sm, diags));
  EXPECT_EQ(diags.error_count(), 5u);
  EXPECT_EQ(sm.describe(diags.all()[4].loc), "<environment>:2:1");
}

TEST(PrivilegeInvocation, RequiredNamesTheTapsetEnvironment) {
  const auto &names = privilege_environment_variables();
  for (const char *n :
       {"SYSTEMTAP_TAPSET", "SYSTEMTAP_RUNTIME", "SYSTEMTAP_DEBUGINFO_PATH"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  // The user's own cache and rc directory is allowed (DESIGN.md).
  EXPECT_EQ(std::find(names.begin(), names.end(), "SYSTEMTAP_DIR"),
            names.end());
}

}  // namespace
}  // namespace stap
