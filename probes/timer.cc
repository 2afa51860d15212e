// Timer probes: timer.<unit>(N)[.randomize(M)] on an hrtimer per CPU, and
// timer.profile[.tick] at each scheduler tick. Both need no symbols.
//
// The units are listed once, below: the registry's patterns (pass 2) and
// the runtime's unit constants (pass 3) come from the same table.
#include "probes/timer_units.h"

#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

constexpr TimerUnit kUnits[] = {
    {"s", "seconds", "STP_TIMER_S"},
    {"sec", "seconds", "STP_TIMER_S"},
    {"ms", "milliseconds", "STP_TIMER_MS"},
    {"msec", "milliseconds", "STP_TIMER_MS"},
    {"us", "microseconds", "STP_TIMER_US"},
    {"usec", "microseconds", "STP_TIMER_US"},
    {"ns", "nanoseconds", "STP_TIMER_NS"},
    {"nsec", "nanoseconds", "STP_TIMER_NS"},
    {"hz", "times a second", "STP_TIMER_HZ"},
    {"jiffies", "jiffies", "STP_TIMER_JIFFIES"},
};

void register_interval_types(ProbeRegistry &reg) {
  for (const TimerUnit &u : kUnits) {
    std::string base = std::string("timer.") + u.name + "(number)";
    std::string every = std::string("fires on every CPU each N ") + u.what;
    if (std::string_view(u.name) == "hz")
      every = "fires on every CPU N times a second";
    reg.add({.pattern = base,
             .action = "probe.timer",
             .description = every,
             .positive_numbers = true});
    // As in SystemTap (stapprobes(3stap)), randomize is for the time
    // units and jiffies only: timer.hz(N).randomize(M) is refused.
    if (std::string_view(u.name) == "hz") continue;
    reg.add({.pattern = base + ".randomize(number)",
             .action = "probe.timer",
             .description = every + ", plus or minus a random amount",
             .positive_numbers = true});
  }
}

// One struct stp_timer_probe per probe (runtime/timer.h).
std::vector<std::string>
emit_interval_providers(const std::vector<FamilyProbe> &probes, CWriter &out,
                        Diagnostics &diags) {
  std::vector<std::string> rows;
  for (const FamilyProbe &p : probes) {
    const auto &cs = p.point->components;
    const TimerUnit *unit =
        cs.size() >= 2 ? find_timer_unit(cs[1].name) : nullptr;
    if (!unit) {
      diags.error(DiagId::internal_error, p.point->loc,
                  "internal error: timer probe '" + p.point->to_string() +
                      "' has no unit pass 3 knows");
      continue;
    }
    int64_t randomize = cs.size() >= 3 && cs[2].name == "randomize"
                            ? probe_number_arg(cs[2], 0)
                            : 0;
    rows.push_back(
        "{ .probe = &" + p.probe + ", .unit = " + unit->c_unit +
        ", .interval = " + std::to_string(probe_number_arg(cs[1], 1)) +
        ", .randomize = " + std::to_string(randomize) + " },");
  }
  if (rows.empty()) return {};
  {
    auto t =
        out.block("static struct stp_timer_probe stp_timer_probes[] =", ";");
    for (const auto &row : rows) out.line(row);
  }
  return {"{ &stp_provider_timer, stp_timer_probes, "
          "ARRAY_SIZE(stp_timer_probes) },"};
}

void register_profile_types(ProbeRegistry &reg) {
  reg.add({.pattern = "timer.profile",
           .action = "probe.timer.profile",
           .description = "fires on every CPU at each scheduler tick, in the "
                          "context of the interrupted task",
           .has_target_vars = false});
  reg.add({.pattern = "timer.profile.tick",
           .action = "probe.timer.profile",
           .description = "fires on every CPU at each scheduler tick"});
  reg.add({.pattern = "timer.profile.freq.hz(number)",
           .action = "probe.timer.profile",
           .description = "fires on every CPU N times a second, in the "
                          "context of the interrupted task",
           .positive_numbers = true});
}

// The runtime's timer_profile.c takes each probe with its frequency (0:
// each scheduler tick).
std::vector<std::string>
emit_profile_providers(const std::vector<FamilyProbe> &probes, CWriter &out,
                       Diagnostics &) {
  std::string items;
  for (const FamilyProbe &p : probes) {
    const auto &cs = p.point->components;
    int64_t hz =
        cs.size() >= 4 && cs[2].name == "freq" ? probe_number_arg(cs[3], 0) : 0;
    items += "{ &" + p.probe + ", " + std::to_string(hz) + " }, ";
  }
  // Not "stp_profile_probes": the runtime's timer_profile.c owns that name.
  out.line(
      "static const struct stp_profile_probe stp_timer_profile_table[] = { " +
      items + "};");
  return {"{ &stp_provider_timer_profile, (void *)stp_timer_profile_table, "
          "ARRAY_SIZE(stp_timer_profile_table) },"};
}

}  // namespace

const TimerUnit *find_timer_unit(std::string_view name) {
  for (const TimerUnit &u : kUnits)
    if (name == u.name) return &u;
  return nullptr;
}

namespace {

// stapprobes(3stap): M in randomize(M) must be smaller than N.
ProbeFamilyDef::PointError check_randomize(const ProbePoint &pp) {
  const auto &cs = pp.components;
  if (cs.size() < 3 || cs[2].name != "randomize") return {};
  auto value = [](const Expr *e) {
    return e && e->kind == ExprKind::number
               ? static_cast<const NumberLit *>(e)->value
               : int64_t{0};
  };
  if (value(cs[2].arg) < value(cs[1].arg)) return {};
  return {"randomization value out of range: randomize(M) needs M smaller "
          "than the interval",
          2};
}

}  // namespace

const ProbeFamilyDef timer_family = {.name = "timer",
                                     .register_types = register_interval_types,
                                     .emit_providers = emit_interval_providers,
                                     .check_point = check_randomize,
                                     .armed_last = true};

const ProbeFamilyDef timer_profile_family = {
    .name = "timer.profile",
    .register_types = register_profile_types,
    .emit_providers = emit_profile_providers,
    .armed_last = true};

}  // namespace stap
