// Probe families that need no symbols: begin/end/error/never, timers,
// procfs files, perf counters, netfilter hooks and hardware watchpoints.
#include "probes/probe_registry.h"

namespace stap {

namespace {

void add_begin_end(ProbeRegistry &reg) {
  const char *what[][2] = {
      {"begin", "when the session starts"},
      {"end", "when the session ends"},
      {"error", "when the session ends because of an error"},
  };
  for (auto &w : what) {
    reg.add({.pattern = w[0], .action = "probe.begin_end",
             .description = std::string("fires once ") + w[1]});
    reg.add({.pattern = std::string(w[0]) + "(number)",
             .action = "probe.begin_end",
             .description = std::string("fires once ") + w[1] +
                            ", ordered by the given priority"});
  }
  reg.add({.pattern = "never", .action = "probe.begin_end",
           .description = "never fires; checks the body only"});
}

void add_timers(ProbeRegistry &reg) {
  const char *units[][2] = {
      {"s", "seconds"},       {"sec", "seconds"},
      {"ms", "milliseconds"}, {"msec", "milliseconds"},
      {"us", "microseconds"}, {"usec", "microseconds"},
      {"ns", "nanoseconds"},  {"nsec", "nanoseconds"},
      {"hz", "times a second"}, {"jiffies", "jiffies"},
  };
  for (auto &u : units) {
    std::string base = std::string("timer.") + u[0] + "(number)";
    std::string every = std::string("fires on every CPU each N ") + u[1];
    if (std::string(u[0]) == "hz")
      every = "fires on every CPU N times a second";
    reg.add({.pattern = base, .action = "probe.timer", .description = every,
             .positive_numbers = true});
    reg.add({.pattern = base + ".randomize(number)", .action = "probe.timer",
             .description = every + ", plus or minus a random amount",
             .positive_numbers = true});
  }
  reg.add({.pattern = "timer.profile", .action = "probe.timer.profile",
           .description = "fires on every CPU at each scheduler tick, in the "
                          "context of the interrupted task",
           .has_target_vars = false});
  reg.add({.pattern = "timer.profile.tick", .action = "probe.timer.profile",
           .description = "fires on every CPU at each scheduler tick"});
}

void add_procfs(ProbeRegistry &reg) {
  for (const char *base : {"procfs", "procfs(string)"}) {
    std::string b = base;
    std::string file = b == "procfs" ? "/proc/systemtap/MODULE/command"
                                     : "the named file under /proc/systemtap/MODULE";
    reg.add({.pattern = b + ".read", .action = "probe.procfs",
             .description = "supplies the contents of " + file + " when read"});
    reg.add({.pattern = b + ".read.maxsize(number)", .action = "probe.procfs",
             .description = "supplies up to N bytes of " + file + " when read",
             .positive_numbers = true});
    reg.add({.pattern = b + ".write", .action = "probe.procfs",
             .description = "receives what is written to " + file});
    reg.add({.pattern = b + ".umask(number).read", .action = "probe.procfs",
             .description = "like .read, with the file's permission mask"});
    reg.add({.pattern = b + ".umask(number).write", .action = "probe.procfs",
             .description = "like .write, with the file's permission mask"});
  }
}

void add_perf(ProbeRegistry &reg) {
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

void add_netfilter(ProbeRegistry &reg) {
  const char *forms[] = {"netfilter.hook(string).pf(string)",
                         "netfilter.pf(string).hook(string)"};
  for (const char *f : forms) {
    reg.add({.pattern = f, .action = "probe.netfilter",
             .description = "runs at a netfilter hook for a protocol family",
             .has_target_vars = true});
    reg.add({.pattern = std::string(f) + ".priority(string)",
             .action = "probe.netfilter",
             .description = "runs at a netfilter hook with a given priority",
             .has_target_vars = true});
  }
}

void add_watchpoints(ProbeRegistry &reg) {
  for (const char *arg : {"string", "number"}) {
    std::string base = std::string("kernel.data(") + arg + ")";
    SymbolKind sym = std::string(arg) == "string" ? SymbolKind::kernel_data
                                                  : SymbolKind::none;
    for (const char *mode : {"write", "rw"}) {
      std::string how = std::string(mode) == "write" ? "written" : "accessed";
      reg.add({.pattern = base + "." + mode, .action = "probe.kernel.data",
               .description = "hardware watchpoint: fires when the kernel "
                              "address is " + how,
               .symbols = sym});
      reg.add({.pattern = base + ".length(number)." + mode,
               .action = "probe.kernel.data",
               .description = "hardware watchpoint over N bytes, fires when " +
                              how,
               .symbols = sym});
    }
  }
}

}  // namespace

void register_core_probe_types(ProbeRegistry &reg) {
  add_begin_end(reg);
  add_timers(reg);
  add_procfs(reg);
  add_perf(reg);
  add_netfilter(reg);
  add_watchpoints(reg);
}

}  // namespace stap
