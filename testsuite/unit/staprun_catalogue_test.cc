// staprun (C, reading the header generated from privilege/actions.def) and
// the translator (C++, including the .def) read one catalogue the same
// way: a module's .stap_privilege record names actions by the translator's
// names, and staprun must find each at the translator's bit and level.
extern "C" {
#include "privilege_record.h"
}
#include "privilege/actions.h"

#include <gtest/gtest.h>

#include <string>

namespace stap {
namespace {

enum stap_level staprun_level(Level l) {
  switch (l) {
  case Level::stapusr: return LEVEL_STAPUSR;
  case Level::stapsys: return LEVEL_STAPSYS;
  case Level::stapdev: return LEVEL_STAPDEV;
  }
  return LEVEL_NONE;
}

TEST(StaprunCatalogue, EveryTranslatorActionIsStaprunsAtTheSameBit) {
  for (Action a : all_actions()) {
    // What a module built for stapdev needing only `a` records.
    std::string record =
        std::string("level=stapdev\nactions=") + action_name(a) + "\n";
    struct stap_requirement req;
    char why[256] = "";
    ASSERT_TRUE(stap_parse_record(record.c_str(), &req, why, sizeof why))
        << action_name(a) << ": " << why;
    EXPECT_EQ(req.actions, uint64_t{1} << static_cast<int>(a))
        << action_name(a);
  }
}

TEST(StaprunCatalogue, LevelsGrantTheSameActions) {
  char text[4096];
  for (Level l : {Level::stapusr, Level::stapsys, Level::stapdev}) {
    stap_actions set = stap_level_actions(staprun_level(l));
    EXPECT_EQ(set, ActionSet::of(l).bits()) << level_name(l);
    stap_actions_text(set, text, sizeof text);
    EXPECT_EQ(std::string(text), ActionSet::of(l).to_string()) << level_name(l);
  }
}

TEST(StaprunCatalogue, NoActionBeyondTheTranslators) {
  // One past the translator's last bit is not something staprun grants.
  EXPECT_EQ(stap_level_actions(LEVEL_STAPDEV) >>
                static_cast<int>(Action::count_),
            0u);
  struct stap_requirement req;
  char why[256] = "";
  EXPECT_FALSE(stap_parse_record("level=stapusr\nactions=probe.nonsense\n",
                                 &req, why, sizeof why));
  EXPECT_STREQ(why, "its .stap_privilege record names the unknown action "
                    "'probe.nonsense'");
}

}  // namespace
}  // namespace stap
