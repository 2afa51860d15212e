// Pass 3 through the probe families: each family pass 3 implements emits
// its provider table; pass 2 refuses the others at the point, by the family's
// own status (probes/family.h).
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "codegen/translate.h"
#include "elab_fixture.h"
#include "probes/family.h"
#include "probes/probe_registry.h"
#include "probes/timer_units.h"
#include "test_program.h"

namespace stap {
namespace {

struct Pass3 {
  Elab elab;
  Translation out;
  explicit Pass3(const std::string &script, bool guru = false) {
    elab.opts.guru = guru;
    elab.run(script);
    if (elab.diags.error_count() == 0)
      out = translate(elab.program, TranslateOptions{}, elab.sm, elab.diags);
  }
  bool has(const std::string &text) const {
    return out.c_source.find(text) != std::string::npos;
  }
};

// Every unit pass 2 accepts, pass 3 builds (timer.msec passed -p2 and
// failed -p3 when pass 3 kept its own, shorter list).
TEST(TranslateFamilies, EveryTimerUnitPass2AcceptsPass3Emits) {
  int units = 0;
  for (const ProbeType &t : ProbeRegistry::builtin().types()) {
    if (t.family != ProbeFamily::timer || t.components.size() != 2) continue;
    const std::string &unit = t.components[1].name;
    Pass3 p("probe timer." + unit + "(10) {}");
    ASSERT_EQ(p.elab.summary(), "") << unit;
    ASSERT_NE(find_timer_unit(unit), nullptr) << unit;
    EXPECT_TRUE(p.has(std::string(".unit = ") + find_timer_unit(unit)->c_unit +
                      ", .interval = 10, .randomize = 0 },"))
        << unit << "\n"
        << p.out.c_source;
    ++units;
  }
  EXPECT_EQ(units, 10);
}

TEST(TranslateFamilies, TimerRandomizeAndProfile) {
  Pass3 p("probe timer.msec(20).randomize(5) {} probe timer.profile {} "
          "probe timer.profile.freq.hz(20) {}");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_0, .unit = STP_TIMER_MS, "
                    ".interval = 20, .randomize = 5 },"));
  // Each profile probe with its frequency; 0 is the scheduler tick.
  EXPECT_TRUE(p.has("static const struct stp_profile_probe "
                    "stp_timer_profile_table[] = { { &stp_probe_1, 0 }, "
                    "{ &stp_probe_2, 20 }, };"));
  EXPECT_TRUE(p.has("{ &stp_provider_timer, stp_timer_probes, "
                    "ARRAY_SIZE(stp_timer_probes) },"));
  EXPECT_TRUE(p.has("const unsigned int stp_provider_use_count = 2;"));
}

// Session probes: one table per kind, begin probes by sequence number
// (script order among equals), tables in family order.
TEST(TranslateFamilies, SessionProbesBySequence) {
  Pass3 p("probe begin(5) {} probe end {} probe begin(-1) {} probe begin {} "
          "probe never {} probe error {}");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("static const struct stp_probe *stp_begin_probes[] = { "
                    "&stp_probe_2, &stp_probe_3, &stp_probe_0, };"))
      << p.out.c_source;
  EXPECT_TRUE(p.has(
      "static const struct stp_probe *stp_end_probes[] = { &stp_probe_1, };"));
  EXPECT_TRUE(p.has("static const struct stp_probe *stp_never_probes[] = { "
                    "&stp_probe_4, };"));
  EXPECT_TRUE(p.has("static const struct stp_probe *stp_error_probes[] = { "
                    "&stp_probe_5, };"));
  size_t begin = p.out.c_source.find("{ &stp_provider_begin,");
  size_t error = p.out.c_source.find("{ &stp_provider_error,");
  ASSERT_NE(begin, std::string::npos);
  EXPECT_LT(begin, error);
}

TEST(TranslateFamilies, NeverProbesGetATableToo) {
  Pass3 p("function f() { return 1 } probe never { f() }");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("const unsigned int stp_provider_use_count = 1;"));
}

// kernel.trace: the runtime finds the tracepoint by the name without its
// group; "?" marks the optional one.
TEST(TranslateFamilies, TracepointTable) {
  Pass3 p("probe kernel.trace(\"sched:sched_switch\") {}\n"
          "probe kernel.trace(\"sched:sched_process_exit\")? {}");
  ASSERT_EQ(p.elab.diags.error_count(), 0u) << p.elab.summary();
  EXPECT_TRUE(
      p.has("static struct stp_tracepoint_probe stp_tracepoint_probes[] = {"))
      << p.out.c_source;
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_0, .name = \"sched_switch\", "
                    ".module = NULL, .optional = false },"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_1, .name = \"sched_process_exit\", "
                    ".module = NULL, .optional = true },"));
  EXPECT_TRUE(p.has("{ &stp_provider_tracepoint, stp_tracepoint_probes, "
                    "ARRAY_SIZE(stp_tracepoint_probes) },"));
}

// A family pass 3 does not implement: pass 2 refuses each probe at its
// point (so -p2 says it), and an optional one is left out silently.
TEST(TranslateFamilies, UnimplementedFamilyIsRefusedByPass2AtThePoint) {
  Pass3 p("probe begin {}\nprobe process(\"/bin/true\").insn {}\n"
          "probe perf.type(1).config(0).counter(\"c\") ? {}");
  EXPECT_EQ(p.out.c_source, "");
  EXPECT_EQ(p.elab.summary(),
            "t.stp:2:7: error: probe point 'process(\"/bin/true\").insn' "
            "is not supported yet (stap cannot build this kind of 'process' "
            "probe) [STAP3005]\n");
}

// perf: one row per probe with its event, sample period (stapprobes'
// default 1000000 without .sample), whether it follows the target
// process or the processes of a file; an optional probe is marked so the
// runtime only reports a refused arm.
TEST(TranslateFamilies, PerfSamplers) {
  Pass3 p("probe perf.type(1).config(0).sample(250000) {}\n"
          "probe perf.type(1).config(3) {}\n"
          "probe perf.type(0).config(0) ? {}\n"
          "probe perf.type(1).config(1).sample(5000).process {}\n"
          "probe perf.type(1).config(0).hz(250) {}\n"
          "probe perf.type(1).config(1).process(\"/bin/true\") {}\n"
          "probe perf.type(1).config(1).process(\"/bin/true\")"
          ".counter(\"clock\") {}");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("static struct stp_perf_probe stp_perf_probes[] = {"))
      << p.out.c_source;
  EXPECT_TRUE(
      p.has("{ .probe = &stp_probe_0, .type = 1, .config = 0ULL, "
            ".sample_period = 250000ULL, .freq = false, .target = "
            "false, .path = NULL, .counter = NULL, .optional = false },"));
  EXPECT_TRUE(
      p.has("{ .probe = &stp_probe_1, .type = 1, .config = 3ULL, "
            ".sample_period = 1000000ULL, .freq = false, .target = "
            "false, .path = NULL, .counter = NULL, .optional = false },"));
  EXPECT_TRUE(
      p.has("{ .probe = &stp_probe_2, .type = 0, .config = 0ULL, "
            ".sample_period = 1000000ULL, .freq = false, .target = "
            "false, .path = NULL, .counter = NULL, .optional = true },"));
  // .process: the -c/-x target's task.
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_3, .type = 1, .config = 1ULL, "
                    ".sample_period = 5000ULL, .freq = false, .target = true, "
                    ".path = NULL, .counter = NULL, .optional = false },"));
  // .hz(F): a rate the kernel keeps by adjusting the period.
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_4, .type = 1, .config = 0ULL, "
                    ".sample_period = 250ULL, .freq = true, .target = false, "
                    ".path = NULL, .counter = NULL, .optional = false },"));
  // .process("PATH"): the processes of the file, by its canonical path.
  EXPECT_TRUE(
      p.has("{ .probe = &stp_probe_5, .type = 1, .config = 1ULL, "
            ".sample_period = 1000000ULL, .freq = false, .target = "
            "false, .path = \"/usr/bin/true\", .counter = NULL, .optional = "
            "false },"));
  // .counter("NAME"): a count @perf reads, never a sample.
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_6, .type = 1, .config = 1ULL, "
                    ".sample_period = 0ULL, .freq = false, .target = false, "
                    ".path = \"/usr/bin/true\", .counter = \"clock\", "
                    ".optional = false },"));
  EXPECT_TRUE(p.has("{ &stp_provider_perf, stp_perf_probes, "
                    "ARRAY_SIZE(stp_perf_probes) },"));
}

// procfs: one row per file (its read and write probes, the mode
// stapprobes documents, the read buffer), its directories first; $value
// is the reader's buffer, set and appended through the runtime.
TEST(TranslateFamilies, ProcfsFilesAndValue) {
  Pass3 p("probe procfs(\"a/v\").read { $value = \"x\" $value .= \"y\" }\n"
          "probe procfs(\"a/v\").write { println($value) }\n"
          "probe procfs.umask(0040).read.maxsize(64) { $value = \"c\" }");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("{ .path = \"a\", .dir = true },\n"
                    "  { .path = \"a/v\", .read = &stp_probe_0, "
                    ".write = &stp_probe_1, .mode = 0600, "
                    ".maxsize = STP_PROCFS_BUFSIZE },\n"
                    "  { .path = \"command\", .read = &stp_probe_2, "
                    ".write = NULL, .mode = 0404, .maxsize = 64 },"))
      << p.out.c_source;
  EXPECT_TRUE(p.has("stp_procfs_set(c, \"x\");"));
  EXPECT_TRUE(p.has("stp_procfs_append(c, \"y\");"));
  EXPECT_TRUE(p.has("stp_procfs_get(c)"));
}

// netfilter: one row per probe with the protocol family, hook and
// priority numbers of the kernel headers; the context variables are the
// runtime's arguments, $verdict is set through the runtime.
TEST(TranslateFamilies, NetfilterHooksAndVerdict) {
  Pass3 p("probe netfilter.hook(\"NF_INET_LOCAL_OUT\").pf(\"NFPROTO_IPV4\") "
          "{ println($skb) $verdict = 0 }\n"
          "probe netfilter.pf(\"NFPROTO_IPV6\").hook(\"NF_IP6_PRE_ROUTING\")"
          ".priority(\"NF_IP6_PRI_FIRST\") {}\n"
          "probe netfilter.hook(\"NF_ARP_OUT\").pf(\"NFPROTO_ARP\")"
          ".priority(\"-7\") {}\n",
          /*guru=*/true);
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_0, .pf = 2, .hooknum = 3, "
                    ".priority = 0 },\n"
                    "  { .probe = &stp_probe_1, .pf = 10, .hooknum = 0, "
                    ".priority = (-2147483647 - 1) },\n"
                    "  { .probe = &stp_probe_2, .pf = 3, .hooknum = 1, "
                    ".priority = -7 },"))
      << p.out.c_source;
  EXPECT_TRUE(p.has("stp_arg(c, 2, 64, false)")) << p.out.c_source;
  EXPECT_TRUE(p.has("stp_netfilter_set_verdict(c, ")) << p.out.c_source;
}

// process.begin/.end/.thread.*: one task-finder row per probe, with the
// canonical executable (the /bin symlink resolved), the PID or neither.
TEST(TranslateFamilies, ProcessLifecycleEmitsTaskFinderRows) {
  Pass3 p("probe process(\"/bin/true\").begin {}\n"
          "probe process(42).thread.end {}\n"
          "probe process.end {}\nprobe process.thread.begin {}");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("static struct stp_task_probe stp_task_probes[] = {"))
      << p.out.c_source;
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_0, .path = \"/usr/bin/true\", "
                    ".pid = 0, .event = STP_PROCESS_BEGIN },"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_1, .path = NULL, .pid = 42, "
                    ".event = STP_THREAD_END },"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_2, .path = NULL, .pid = 0, "
                    ".event = STP_PROCESS_END },"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_3, .path = NULL, .pid = 0, "
                    ".event = STP_THREAD_BEGIN },"));
  EXPECT_TRUE(p.has("{ &stp_provider_task_finder, stp_task_probes, "
                    "ARRAY_SIZE(stp_task_probes) },"));
}

// process.syscall/.syscall.return: one row per probe of the system call
// provider, with the executable, the PID or neither; the variables are
// the task's user registers.
TEST(TranslateFamilies, ProcessSyscallEmitsSyscallRows) {
  Pass3 p("probe process(\"/bin/true\").syscall { println($arg4) }\n"
          "probe process(42).syscall.return { println($return) }\n"
          "probe process.syscall { println($syscall) }");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("static struct stp_syscall_probe stp_syscall_probes[] = {"))
      << p.out.c_source;
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_0, .path = \"/usr/bin/true\", "
                    ".pid = 0, .is_return = false },"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_1, .path = NULL, .pid = 42, "
                    ".is_return = true },"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_2, .path = NULL, .pid = 0, "
                    ".is_return = false },"));
  EXPECT_TRUE(p.has("stp_register(c, \"r10\", false)"));
  EXPECT_TRUE(p.has("stp_register(c, \"orig_ax\", false)"));
  EXPECT_TRUE(p.has("{ &stp_provider_process_syscall, stp_syscall_probes, "
                    "ARRAY_SIZE(stp_syscall_probes) },"));
}

// process("PATH").function: a uprobe row with the canonical path (the
// /lib symlink resolved), the file's build-id and the return flag.
TEST(TranslateFamilies, ProcessFunctionEmitsAUprobeRow) {
  Pass3 p("probe process(\"/lib/x86_64-linux-gnu/libc.so.6\")"
          ".function(\"malloc\").return { println($return) }");
  ASSERT_EQ(p.elab.summary(), "");
  EXPECT_TRUE(p.has("static struct stp_uprobe_probe stp_uprobe_probes[] = {"));
  EXPECT_TRUE(p.has("{ .probe = &stp_probe_0, .path = "
                    "\"/usr/lib/x86_64-linux-gnu/libc.so.6\", .build_id = \""))
      << p.out.c_source;
  EXPECT_TRUE(p.has(", .is_return = true, .optional = false },"));
  EXPECT_TRUE(p.has("stp_register(c, \"rax\", false)"));
  EXPECT_TRUE(p.has("{ &stp_provider_uprobe, stp_uprobe_probes, "
                    "ARRAY_SIZE(stp_uprobe_probes) },"));
}

// Every registered type belongs to a family, and the families are
// registered in enum order.
TEST(TranslateFamilies, RegistryTypesCarryTheirFamily) {
  const auto &types = ProbeRegistry::builtin().types();
  ASSERT_FALSE(types.empty());
  for (size_t i = 1; i < types.size(); ++i)
    EXPECT_LE(types[i - 1].family, types[i].family) << types[i].pattern;
  auto family_of = [&](const std::string &pattern) {
    for (const ProbeType &t : types)
      if (t.pattern == pattern) return std::string(probe_family(t.family).name);
    return std::string("?");
  };
  EXPECT_EQ(family_of("timer.msec(number)"), "timer");
  EXPECT_EQ(family_of("timer.profile.tick"), "timer.profile");
  EXPECT_EQ(family_of("never"), "begin");
  EXPECT_EQ(family_of("kernel.trace(string)"), "kernel.trace");
  EXPECT_EQ(family_of("kprobe.function(string).return"), "kprobe");
  EXPECT_EQ(family_of("process(string).begin"), "process");
  EXPECT_EQ(family_of("netfilter.pf(string).hook(string).priority(string)"),
            "netfilter");
}

}  // namespace
}  // namespace stap

namespace stap {
namespace {

// A sample argument for each parameter of a pattern: any value of the
// right kind; what pass 2 makes of it is the point of the test. `binary`
// has DWARF, a "main" and code at `code_address`.
std::string sample_point(const ProbeType &t, const std::string &binary,
                         uint64_t code_address) {
  std::string out;
  for (size_t i = 0; i < t.components.size(); ++i) {
    const ProbeComponentSpec &c = t.components[i];
    if (!out.empty()) out += ".";
    out += c.name;
    if (c.arg == ProbeArg::none) continue;
    if (c.arg == ProbeArg::number) {
      // randomize(M) must stay below the interval N.
      out += c.name == "randomize" ? "(10)"
             : t.is_process && (c.name == "statement" || c.name == "function")
                 ? "(" + std::to_string(code_address) + ")"
                 : "(100)";
      continue;
    }
    std::string s = "x";
    // netfilter's names come from the kernel headers.
    if (c.name == "hook") s = "NF_INET_LOCAL_OUT";
    if (c.name == "pf") s = "NFPROTO_IPV4";
    if (c.name == "priority") s = "0";
    if (static_cast<int>(i) == t.binary_component)
      s = c.name == "module" ? "ext4" : binary;
    else if (static_cast<int>(i) == t.symbol_component)
      s = t.symbols == SymbolKind::kernel_tracepoint ? "sched_switch"
          : t.symbols == SymbolKind::kernel_data     ? "jiffies"
          : t.is_process                             ? "main"
                                                     : "vfs_read";
    out += "(\"" + s + "\")";
  }
  return out;
}

// The address of `main` in a binary, from its symbol table.
uint64_t main_address(const std::string &binary) {
  std::string cmd = "nm " + binary + " | awk '$3 == \"main\" { print $1 }'";
  FILE *f = popen(cmd.c_str(), "r");
  char buf[64] = {};
  if (!f) return 0;
  if (!fgets(buf, sizeof buf, f)) buf[0] = 0;
  pclose(f);
  return std::strtoull(buf, nullptr, 16);
}

// The walk over --dump-probe-types: whatever -p2 accepts, -p3 builds; a
// point pass 3 cannot build is refused by pass 2 at the point ("-p2 is
// the whole lint"), never by pass 3 and never as an internal error.
TEST(TranslateFamilies, EveryProbeTypePass2AcceptsPass3Builds) {
  std::filesystem::path dir;
  build_test_program("stap-walk", "int main(void) { return 0; }\n", &dir);
  const std::string binary = (dir / "t0").string();
  const uint64_t main_at = main_address(binary);
  ASSERT_NE(main_at, 0u);
  std::set<std::string> built;
  size_t walked = 0, refused_unbuilt = 0;
  std::string dump = dump_probe_types(ProbeRegistry::builtin());
  for (const ProbeType &t : ProbeRegistry::builtin().types()) {
    ASSERT_NE(dump.find(t.pattern), std::string::npos) << t.pattern;
    std::string point = sample_point(t, binary, main_at);
    SCOPED_TRACE(t.pattern + " as " + point);
    Elab elab;
    elab.opts.guru = true;  // kernel.statement(N).absolute needs it
    // Bare process.function(...) probes the -c command's program.
    elab.opts.target_command = binary;
    elab.run("probe " + point + " {}");
    ++walked;
    for (const Diagnostic &d : elab.diags.finalized())
      EXPECT_NE(d.id, DiagId::internal_error) << elab.summary();
    const std::string unsupported =
        "t.stp:1:7: error: probe point '" + point +
        "' is not supported yet (stap cannot build this kind of '" +
        probe_family(t.family).name + "' probe) [STAP3005]\n";
    if (!pass3_implements(t)) {
      // Pass 2 refuses it at the point, naming the family (or, first, for
      // what the family's own rules find wrong with the sample).
      EXPECT_GT(elab.diags.error_count(), 0u);
      EXPECT_EQ(elab.summary().rfind("t.stp:1:", 0), 0u) << elab.summary();
      if (elab.summary() == unsupported)
        ++refused_unbuilt;
      else
        EXPECT_TRUE(t.binary_component >= 0 || t.symbol_component >= 0)
            << elab.summary();
      continue;
    }
    if (elab.diags.error_count() != 0) {
      // Refused by pass 2 (no such symbol here): at the point, and only
      // points naming a file or symbol may be.
      EXPECT_NE(elab.summary().find("t.stp:1:"), std::string::npos)
          << elab.summary();
      EXPECT_TRUE(t.binary_component >= 0 || t.symbol_component >= 0)
          << elab.summary();
      continue;
    }
    Translation out =
        translate(elab.program, TranslateOptions{}, elab.sm, elab.diags);
    EXPECT_EQ(elab.diags.error_count(), 0u) << elab.summary();
    EXPECT_NE(out.c_source, "");
    built.insert(t.pattern);
  }
  std::filesystem::remove_all(dir);
  EXPECT_EQ(walked, ProbeRegistry::builtin().types().size());
  EXPECT_GT(refused_unbuilt, 10u);  // perf, kernel.data, ... so far
  // The points that need no kernel symbols build here, whatever the
  // machine: sessions, timers, and uprobes into the test program.
  for (const char *p : {"begin", "never", "timer.ms(number)", "timer.profile",
                        "process(string).function(string)",
                        "process(string).function(string).return",
                        "process(string).statement(number).absolute"})
    EXPECT_TRUE(built.count(p)) << p;
}

}  // namespace
}  // namespace stap
