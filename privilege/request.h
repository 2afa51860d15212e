// What the privilege pass is asked: the level the module is built for, the
// extra actions on top of it, and the facts about the invocation (options
// given, environment set) that the driver collects. Plain data, filled once
// after every option is read (`--privilege` may come last).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/diagnostics.h"
#include "privilege/actions.h"

namespace stap {

// One option as given, spelled in its short form where it has one ("-I",
// "-r", "-g"; long-only ones as "--sysroot").
struct OptionUse {
  std::string flag;
  std::string value;    // empty for flags without a value
  int argv_index = -1;  // where it stands in PrivilegeRequest::argv, if known
};

struct PrivilegeRequest {
  Level level = Level::stapdev;  // --privilege / --unprivileged (= stapusr)
  ActionSet extra;  // `--privilege=LEVEL+action...` and policy-file grants
  std::vector<std::string> argv;  // the command line, for diagnostics
  std::vector<OptionUse> options;  // every option given, in order
  // The variables of privilege_environment_variables() that are set.
  std::vector<std::pair<std::string, std::string>> environment;

  ActionSet granted() const {
    ActionSet s = ActionSet::of(level);
    s.add(extra);
    return s;
  }
};

// Parses the value of --privilege: "stapusr", "stapsys+probe.perf+probe.procfs".
// Returns false and sets *error ("unknown privilege level 'x'", "unknown
// privilege action 'y'") on failure.
bool parse_privilege_arg(std::string_view arg, Level *level, ActionSet *extra,
                         std::string *error);

// The same, reporting a bad value as priv_bad_level into `diags`.
bool parse_privilege_arg(std::string_view arg, Level *level, ActionSet *extra,
                         Diagnostics &diags);

// Every environment variable that can move what the translator or the
// module build reads (tapsets, runtime, debuginfo, cache, compiler flags).
const std::vector<std::string_view> &privilege_environment_variables();

}  // namespace stap
