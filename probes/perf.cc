// perf-event probes: counters and samplers of perf events, system-wide or
// in a process.
#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  const std::string base = "perf.type(number).config(number)";
  const char *suffixes[][2] = {
      {"", "counts a perf event on every CPU"},
      {".sample(number)", "fires every N occurrences of a perf event"},
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
    reg.add({.pattern = base + s[0], .action = "probe.perf",
             .description = s[1]});
}

}  // namespace

// Pass 3 does not build perf probes yet.
const ProbeFamilyDef perf_family = {.name = "perf",
                                    .register_types = register_types};

}  // namespace stap
