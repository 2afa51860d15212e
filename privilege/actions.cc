#include "privilege/actions.h"

namespace stap {

namespace {

struct ActionInfo {
  const char *name;
  Level level;
  const char *description;
};

const ActionInfo kActions[] = {
#define ACTION(id, name, level, description) {name, Level::level, description},
#include "privilege/actions.def"
#undef ACTION
};

const char *const kLevelNames[] = {"stapusr", "stapsys", "stapdev"};

}  // namespace

const char *action_name(Action a) {
  return kActions[static_cast<size_t>(a)].name;
}

const char *action_description(Action a) {
  return kActions[static_cast<size_t>(a)].description;
}

std::optional<Action> action_from_name(std::string_view name) {
  for (size_t i = 0; i < static_cast<size_t>(Action::count_); ++i)
    if (name == kActions[i].name) return static_cast<Action>(i);
  return std::nullopt;
}

std::vector<Action> all_actions() {
  std::vector<Action> out;
  for (size_t i = 0; i < static_cast<size_t>(Action::count_); ++i)
    out.push_back(static_cast<Action>(i));
  return out;
}

const char *level_name(Level l) { return kLevelNames[static_cast<int>(l)]; }

std::optional<Level> level_from_name(std::string_view name) {
  for (int i = 0; i < 3; ++i)
    if (name == kLevelNames[i]) return static_cast<Level>(i);
  return std::nullopt;
}

ActionSet ActionSet::of(Level l) {
  ActionSet s;
  for (Action a : all_actions())
    if (kActions[static_cast<size_t>(a)].level <= l) s.add(a);
  return s;
}

ActionSet ActionSet::all() { return of(Level::stapdev); }

std::vector<Action> ActionSet::actions() const {
  std::vector<Action> out;
  for (Action a : all_actions())
    if (contains(a)) out.push_back(a);
  return out;
}

std::string ActionSet::to_string() const {
  std::string out;
  for (Action a : actions()) {
    if (!out.empty()) out += ',';
    out += action_name(a);
  }
  return out;
}

Level lowest_level(Action a) { return kActions[static_cast<size_t>(a)].level; }

}  // namespace stap
