// perf-event probes: counters and samplers of perf events, system-wide or
// in a process.
//
// Pass 3 builds the samplers perf.type(N).config(M)[.sample(K)|.hz(F)]:
// one kernel counter per online CPU, with a bare .process one following
// the -c/-x target task, or with .process("PATH") one in each process
// running PATH (runtime/perf_process.c), whose overflow every K events
// (default 1000000, stapprobes(3stap)), or F times a second, runs the
// handler (runtime/perf.c). .process("PATH").counter("NAME") never
// samples: it counts in each thread of PATH for @perf("NAME") to read
// (elaborate/perf_counters.h). A .counter without a PATH is refused by
// pass 2 as "not supported yet".
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

// stapprobes(3stap): "the default behavior is to sample at a count of
// 1000000".
constexpr int64_t kDefaultSamplePeriod = 1000000;

void register_types(ProbeRegistry &reg) {
  const std::string base = "perf.type(number).config(number)";
  const char *suffixes[][2] = {
      {"", "fires every 1000000 occurrences of a perf event on every CPU"},
      {".sample(number)", "fires every N occurrences of a perf event"},
      {".hz(number)", "fires N times a second of a perf event's counting"},
      {".process", "counts a perf event in the target process"},
      {".process(string)", "counts a perf event in the named executable"},
      {".sample(number).process", "samples a perf event in the target process"},
      {".sample(number).process(string)",
       "samples a perf event in the named executable"},
      {".counter(string)", "a named counter read with @perf()"},
      {".process(string).counter(string)",
       "a named counter in the named executable, read with @perf()"},
  };
  for (auto &s : suffixes)
    reg.add(
        {.pattern = base + s[0], .action = "probe.perf", .description = s[1]});
}

// Every form but a .counter without .process("PATH") (whose threads it
// would count in is not settled).
bool builds_type(const ProbeType &type) {
  bool path = false;
  for (const ProbeComponentSpec &c : type.components) {
    if (c.name == "process" && c.arg == ProbeArg::string) path = true;
    if (c.name == "counter" && !path) return false;
  }
  return true;
}

// The kernel takes type and config as they are (stapprobes: "Systemtap
// does not sanity-check the values"), but a sample period of 0 would make
// a pure counter whose handler never runs (and a rate of 0 is no rate):
// refuse them here.
ProbeFamilyDef::PointError check_sample(const ProbePoint &pp) {
  const auto &cs = pp.components;
  for (size_t i = 0; i < cs.size(); i++) {
    if (cs[i].name == "sample" && probe_number_arg(cs[i], 1) <= 0)
      return {"perf sample period must be a positive number of events",
              static_cast<int>(i)};
    if (cs[i].name == "hz" && probe_number_arg(cs[i], 1) <= 0)
      return {"perf sample frequency must be a positive number of hertz",
              static_cast<int>(i)};
  }
  return {};
}

// One struct stp_perf_probe per probe (runtime/perf.h).
std::vector<std::string> emit_providers(const std::vector<FamilyProbe> &probes,
                                        CWriter &out, Diagnostics &diags) {
  std::vector<std::string> rows;
  for (const FamilyProbe &p : probes) {
    const auto &cs = p.point->components;
    const Expr *exe = p.point->arg_of("process");
    bool target = cs.back().name == "process" && !exe;
    std::optional<std::string> path =
        probe_file_c_path(exe, p, "count in", diags);
    if (!path) continue;
    const Expr *counter = p.point->arg_of("counter");
    bool rate = cs.size() >= 4 && cs[3].name == "hz";
    int64_t sample = cs.size() >= 4 && (cs[3].name == "sample" || rate)
                         ? probe_number_arg(cs[3], kDefaultSamplePeriod)
                         : kDefaultSamplePeriod;
    std::string counter_name = "NULL";
    if (counter && counter->kind == ExprKind::string) {
      counter_name =
          c_string_literal(static_cast<const StringLit *>(counter)->value);
      sample = 0;  // counts, never samples
    }
    rows.push_back("{ .probe = &" + p.probe +
                   ", .type = " + std::to_string(probe_number_arg(cs[1], 0)) +
                   ", .config = " + std::to_string(probe_number_arg(cs[2], 0)) +
                   "ULL, .sample_period = " + std::to_string(sample) +
                   "ULL, .freq = " + (rate ? "true" : "false") +
                   ", .target = " + (target ? "true" : "false") +
                   ", .path = " + *path + ", .counter = " + counter_name +
                   ", .optional = " + (p.optional ? "true" : "false") + " },");
  }
  if (rows.empty()) return {};
  {
    auto t = out.block("static struct stp_perf_probe stp_perf_probes[] =", ";");
    for (const auto &row : rows) out.line(row);
  }
  return {"{ &stp_provider_perf, stp_perf_probes, "
          "ARRAY_SIZE(stp_perf_probes) },"};
}

}  // namespace

const ProbeFamilyDef perf_family = {.name = "perf",
                                    .register_types = register_types,
                                    .emit_providers = emit_providers,
                                    .builds_type = builds_type,
                                    .check_point = check_sample};

}  // namespace stap
