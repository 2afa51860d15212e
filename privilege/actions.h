// Privilege actions and levels. A level is a named set of actions (NetBSD
// kauth style), not a number: stapusr, stapsys and stapdev are the three
// predefined sets, and a policy file or `--privilege=LEVEL+action` adds
// single actions to them. Exactly one function (ActionSet::allows) compares
// what a script needs with what its caller holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stap {

enum class Action : uint8_t {
#define ACTION(id, name, level, description) id,
#include "privilege/actions.def"
#undef ACTION
  count_
};
static_assert(static_cast<int>(Action::count_) <= 64,
              "ActionSet is a 64-bit mask");

enum class Level : uint8_t { stapusr, stapsys, stapdev };

const char *action_name(Action a);         // "probe.kernel"
const char *action_description(Action a);  // one line for man/--dump
std::optional<Action> action_from_name(std::string_view name);
std::vector<Action> all_actions();

const char *level_name(Level l);  // "stapusr"
std::optional<Level> level_from_name(std::string_view name);

class ActionSet {
public:
  ActionSet() = default;
  static ActionSet of(Level l);  // the predefined set of a level
  static ActionSet all();

  void add(Action a) { bits_ |= bit(a); }
  void add(const ActionSet &o) { bits_ |= o.bits_; }
  bool contains(Action a) const { return bits_ & bit(a); }
  // The one comparison of needed against granted.
  bool allows(const ActionSet &needed) const {
    return (needed.bits_ & ~bits_) == 0;
  }
  bool empty() const { return bits_ == 0; }
  std::vector<Action> actions() const;
  uint64_t bits() const { return bits_; }
  // "probe.kernel,probe.timer" in catalogue order; what .stap_privilege holds
  std::string to_string() const;
  bool operator==(const ActionSet &) const = default;

private:
  static uint64_t bit(Action a) { return uint64_t{1} << static_cast<int>(a); }
  uint64_t bits_ = 0;
};

// The lowest predefined level whose set holds `a` (every action is in
// stapdev).
Level lowest_level(Action a);

}  // namespace stap
