// The action catalogue and the three levels: every registry action is known,
// the levels nest, and each probe type gets the level the design promises.
#include "privilege/actions.h"
#include "privilege/privilege.h"
#include "privilege/request.h"
#include "probes/probe_registry.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace stap {
namespace {

TEST(PrivilegeCatalogue, NamesRoundTripAndAreUnique) {
  std::set<std::string> seen;
  for (Action a : all_actions()) {
    std::string name = action_name(a);
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_EQ(action_from_name(name), a) << name;
    EXPECT_NE(std::string(action_description(a)), "");
  }
  EXPECT_EQ(action_from_name("probe.nonsense"), std::nullopt);
}

TEST(PrivilegeCatalogue, LevelsNest) {
  ActionSet usr = ActionSet::of(Level::stapusr);
  ActionSet sys = ActionSet::of(Level::stapsys);
  ActionSet dev = ActionSet::of(Level::stapdev);
  EXPECT_TRUE(sys.allows(usr));
  EXPECT_TRUE(dev.allows(sys));
  EXPECT_FALSE(usr.allows(sys));
  EXPECT_FALSE(sys.allows(dev));
  EXPECT_EQ(dev, ActionSet::all());
}

TEST(PrivilegeCatalogue, LevelContents) {
  EXPECT_EQ(ActionSet::of(Level::stapusr).to_string(),
            "probe.begin_end,probe.timer,probe.process.own,memory.user.own");
  ActionSet sys = ActionSet::of(Level::stapsys);
  for (const char *a : {"probe.kernel", "probe.kernel.trace",
                        "probe.process.any", "memory.kernel.read",
                        "probe.timer.profile"})
    EXPECT_TRUE(sys.contains(*action_from_name(a))) << a;
  for (const char *a : {"code.embedded_c", "code.guru_write", "code.guru",
                        "probe.kernel.absolute", "probe.process.absolute",
                        "option.include_path", "env.override"}) {
    EXPECT_FALSE(sys.contains(*action_from_name(a))) << a;
    EXPECT_EQ(lowest_level(*action_from_name(a)), Level::stapdev) << a;
  }
}

// An action the registry names but the catalogue lacks would make every
// probe of that type an internal error: catch it here instead.
TEST(PrivilegeCatalogue, EveryRegistryActionIsInTheCatalogue) {
  const ProbeRegistry &reg = ProbeRegistry::builtin();
  ASSERT_FALSE(reg.types().empty());
  for (const ProbeType &t : reg.types())
    EXPECT_TRUE(probe_type_action(t).has_value())
        << "probe type '" << t.pattern << "' names unknown action '"
        << t.action << "'";
}

// The matrix: every registry probe type at every level.
TEST(PrivilegeCatalogue, ProbeTypeMatrix) {
  for (const ProbeType &t : ProbeRegistry::builtin().types()) {
    std::optional<Action> a = probe_type_action(t);
    ASSERT_TRUE(a) << t.pattern;
    const std::string &p = t.pattern;
    Level want;
    if (p.ends_with(".absolute"))  // raw addresses, user ones too
      want = Level::stapdev;
    else if (p.starts_with("begin") || p.starts_with("end") ||
             p.starts_with("error") || p == "never" ||
             (p.starts_with("timer.") && !p.starts_with("timer.profile")) ||
             p.starts_with("process"))
      want = Level::stapusr;
    else
      want = Level::stapsys;
    EXPECT_EQ(lowest_level(*a), want) << p;
    for (Level l : {Level::stapusr, Level::stapsys, Level::stapdev}) {
      bool allowed = ActionSet::of(l).contains(*a);
      EXPECT_EQ(allowed, l >= want) << p << " at " << level_name(l);
      EXPECT_EQ(probe_type_privilege_column(t, l),
                std::string(level_name(want)) +
                    (allowed ? " allowed" : " denied"))
          << p;
    }
  }
}

TEST(PrivilegeCatalogue, ParsePrivilegeArgument) {
  Level level = Level::stapdev;
  ActionSet extra;
  std::string error;
  ASSERT_TRUE(parse_privilege_arg("stapusr+probe.perf+probe.procfs", &level,
                                  &extra, &error));
  EXPECT_EQ(level, Level::stapusr);
  EXPECT_EQ(extra.to_string(), "probe.perf,probe.procfs");

  EXPECT_FALSE(parse_privilege_arg("root", &level, &extra, &error));
  EXPECT_EQ(error, "unknown privilege level 'root' (expected 'stapusr', "
                   "'stapsys' or 'stapdev')");
  EXPECT_FALSE(parse_privilege_arg("stapsys+probe.everything", &level, &extra,
                                   &error));
  EXPECT_EQ(error, "unknown privilege action 'probe.everything'");
  EXPECT_FALSE(parse_privilege_arg("stapsys+", &level, &extra, &error));
  EXPECT_EQ(error, "unknown privilege action ''");
}

TEST(PrivilegeCatalogue, GrantedIsLevelPlusExtras) {
  PrivilegeRequest req;
  req.level = Level::stapusr;
  req.extra.add(Action::probe_perf);
  EXPECT_TRUE(req.granted().contains(Action::probe_perf));
  EXPECT_TRUE(req.granted().contains(Action::probe_timer));
  EXPECT_FALSE(req.granted().contains(Action::probe_kernel));
}

}  // namespace
}  // namespace stap

namespace stap {
namespace {

TEST(PrivilegeCatalogue, BadLevelIsReported) {
  SourceManager sm;
  Diagnostics diags(sm);
  Level level = Level::stapdev;
  ActionSet extra;
  EXPECT_FALSE(parse_privilege_arg("stapusr+code.everything", &level, &extra,
                                   diags));
  EXPECT_EQ(diags.render_all(),
            "semantic error: invalid '--privilege=stapusr+code.everything': "
            "unknown "
            "privilege action 'code.everything' [STAP2206]\n");
  EXPECT_EQ(level, Level::stapdev);  // untouched on failure
}

}  // namespace
}  // namespace stap
