#include "elaborate/probe_listing.h"
#include "elaborate/probe_point_text.h"
#include "host_symbol_paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

// Symbols that see nothing of the host kernel: every kernel path points into
// an empty scratch directory.
struct NoKernel {
  fs::path dir;
  SymbolSource symbols;
  NoKernel() : dir(make_dir()), symbols(paths()) {}
  ~NoKernel() { fs::remove_all(dir); }
  static fs::path make_dir() {
    char tmpl[] = "/tmp/stap-listing-XXXXXX";
    return mkdtemp(tmpl);
  }
  // Writes NAME.c and builds it with gcc -g -O0 into NAME; false on failure.
  bool build(const std::string &name, const std::string &text) const {
    std::ofstream(dir / (name + ".c")) << text;
    return std::system(("gcc -g -O0 -o " + (dir / name).string() + " " +
                        (dir / (name + ".c")).string())
                           .c_str()) == 0;
  }
  KernelSymbolPaths paths() const {
    KernelSymbolPaths p;
    p.release = "9.9.9-test";
    p.running_release = "9.9.9-test";
    p.kallsyms = (dir / "none").string();
    p.boot_dir = (dir / "none").string();
    p.btf_vmlinux = (dir / "none").string();
    p.tracefs = {};
    p.modules_root = (dir / "none").string();
    return p;
  }
};

const std::vector<std::string> kAliases = {
    "syscall.read", "syscall.read.return", "syscall.write", "perf.hw.cpu_cycles",
    "nd_syscall.read"};

std::string join(const std::vector<std::string> &v) {
  std::string out;
  for (const std::string &s : v) out += s + "\n";
  return out;
}

TEST(ProbeListing, AliasesByPattern) {
  NoKernel k;
  std::vector<std::string> msgs;
  EXPECT_EQ(join(list_probe_points("syscall.*", kAliases, ProbeRegistry::builtin(),
                                   k.symbols, {}, &msgs)),
            "syscall.read\nsyscall.write\n");
  EXPECT_EQ(join(list_probe_points("syscall.**", kAliases, ProbeRegistry::builtin(),
                                   k.symbols, {}, &msgs)),
            "syscall.read\nsyscall.read.return\nsyscall.write\n");
  EXPECT_EQ(join(list_probe_points("*.read", kAliases, ProbeRegistry::builtin(),
                                   k.symbols, {}, &msgs)),
            "nd_syscall.read\nprocfs.read\nsyscall.read\n");
  EXPECT_TRUE(msgs.empty());
}

TEST(ProbeListing, BuiltinPointsWithoutSymbols) {
  NoKernel k;
  std::vector<std::string> msgs;
  EXPECT_EQ(join(list_probe_points("timer.*", kAliases, ProbeRegistry::builtin(),
                                   k.symbols, {}, &msgs)),
            "timer.profile\n");
  EXPECT_EQ(join(list_probe_points("kernel.function(\"vfs_*\")", kAliases,
                                   ProbeRegistry::builtin(), k.symbols, {}, &msgs)),
            "kernel.function(\"vfs_*\")\n");
  ASSERT_EQ(msgs.size(), 1u);
  // What was tried: the symbol tables, then the BTF in the boot image.
  EXPECT_TRUE(msgs[0].starts_with(
      "warning: cannot expand 'vfs_*': no symbol table for kernel 9.9.9-test; "
      "no BTF for kernel 9.9.9-test: cannot read "))
      << msgs[0];
  EXPECT_TRUE(msgs[0].ends_with(
      "/vmlinuz-9.9.9-test; keeping the probe point unexpanded"))
      << msgs[0];
}

TEST(ProbeListing, MalformedPattern) {
  NoKernel k;
  std::vector<std::string> msgs;
  EXPECT_TRUE(list_probe_points("kernel.function(\"x\"", kAliases,
                                ProbeRegistry::builtin(), k.symbols, {}, &msgs)
                  .empty());
  EXPECT_EQ(join(msgs), "error: malformed probe point pattern "
                        "'kernel.function(\"x\"': expected ')' after argument\n");
}

TEST(ProbeListing, ProcessFunctionsWithVariables) {
  NoKernel k;
  fs::path src = k.dir / "p.c", exe = k.dir / "p";
  ASSERT_TRUE(k.build("p", "int add_two(int a, long b) { return a + (int)b; }\n"
                           "int main(void) { return add_two(1, 2); }\n"));
  std::string pat = "process(\"" + exe.string() + "\").function(\"[am]*\")";
  std::vector<std::string> msgs;
  std::string p = "process(\"" + exe.string() + "\").function(";
  EXPECT_EQ(join(list_probe_points(pat, {}, ProbeRegistry::builtin(), k.symbols,
                                   {}, &msgs)),
            p + "\"add_two\")\n" + p + "\"main\")\n");
  EXPECT_EQ(
      join(list_probe_points(pat + ".return", {}, ProbeRegistry::builtin(),
                             k.symbols, {.with_vars = true}, &msgs)),
      p + "\"add_two@" + src.string() +
          ":1\").return $return:int $a:int $b:long int\n" + p + "\"main@" +
          src.string() + ":2\").return $return:int\n");
  EXPECT_EQ(join(list_probe_points(pat, {}, ProbeRegistry::builtin(), k.symbols,
                                   {.with_vars = true}, &msgs)),
            p + "\"add_two@" + src.string() + ":1\") $a:int $b:long int\n" + p +
                "\"main@" + src.string() + ":2\")\n");
  EXPECT_TRUE(msgs.empty());
}

// As SystemTap 4.8 lists them: one point per line of the function, the
// file as the line table names it, and the variables visible at the line,
// the loop's block-scoped $i first.
TEST(ProbeListing, ProcessStatementsWithVariables) {
  NoKernel k;
  fs::path src = k.dir / "p.c", exe = k.dir / "p";
  ASSERT_TRUE(k.build("p", "int sum_to(int n) {\n"
                           "  int total = 0;\n"
                           "  for (int i = 1; i <= n; i++)\n"
                           "    total += i;\n"
                           "\n\n\n\n"
                           "  return total;\n"
                           "}\n"
                           "int main(void) { return sum_to(3) != 6; }\n"));
  std::string p = "process(\"" + exe.string() + "\").statement(\"sum_to@" +
                  src.string() + ":";
  auto list = [&](const std::string &spec) {
    std::vector<std::string> msgs;
    std::string out = join(list_probe_points(
        "process(\"" + exe.string() + "\").statement(\"" + spec + "\")", {},
        ProbeRegistry::builtin(), k.symbols, {.with_vars = true}, &msgs));
    EXPECT_TRUE(msgs.empty()) << join(msgs);
    return out;
  };
  // Line 10 after line 9: numbers in order, not text order.
  EXPECT_EQ(list("sum_to@p.c:*"),
            p + "1\") $n:int $total:int\n" + p + "2\") $n:int $total:int\n" +
                p + "3\") $i:int $n:int $total:int\n" + p +
                "4\") $i:int $n:int $total:int\n" + p +
                "9\") $n:int $total:int\n" + p + "10\") $n:int $total:int\n");
  EXPECT_EQ(list("sum_to@p.c:2-3,9"), p + "2\") $n:int $total:int\n" + p +
                                          "3\") $i:int $n:int $total:int\n" +
                                          p + "9\") $n:int $total:int\n");
  // +N counts from the declaration line; main (line 11) has no line 12.
  EXPECT_EQ(list("*@p.c+1"), p + "2\") $n:int $total:int\n");
  EXPECT_EQ(list("sum_*@*.c:4"), p + "4\") $i:int $n:int $total:int\n");
}

// .label("*") as SystemTap 4.8 lists it: the label's line in the function
// part, the variables visible at the label (the block's $t first).
TEST(ProbeListing, ProcessLabelsWithVariables) {
  NoKernel k;
  fs::path src = k.dir / "l.c", exe = k.dir / "l";
  ASSERT_TRUE(k.build("l", "int count(int n) {\n"
                           "  int k = 0;\n"
                           "again:\n"
                           "  k++;\n"
                           "  if (k < n) goto again;\n"
                           "  { int t = k * 2;\n"
                           "done:\n"
                           "    k += t;\n"
                           "  }\n"
                           "  return k;\n"
                           "}\n"
                           "int main(void) { return count(3) != 9; }\n"));
  std::string p = "process(\"" + exe.string() + "\").function(\"count@" +
                  src.string() + ":";
  std::vector<std::string> msgs;
  EXPECT_EQ(
      join(list_probe_points(
          "process(\"" + exe.string() + "\").function(\"count\").label(\"*\")",
          {}, ProbeRegistry::builtin(), k.symbols, {.with_vars = true}, &msgs)),
      p + "3\").label(\"again\") $n:int $k:int\n" + p +
          "7\").label(\"done\") $t:int $n:int $k:int\n");
  EXPECT_TRUE(msgs.empty()) << join(msgs);
}

TEST(ProbeListing, KernelVarsNeedDebuginfo) {
  NoKernel k;
  std::vector<std::string> msgs;
  list_probe_points("kernel.function(\"vfs_read\")", {}, ProbeRegistry::builtin(),
                    k.symbols, {.with_vars = true}, &msgs);
  EXPECT_EQ(join(msgs), "note: kernel target variables need the kernel's "
                        "debuginfo or BTF, which is not available; listing "
                        "points without them\n");
}

// -L against each installed kernel's BTF (/boot/vmlinuz-RELEASE, as a
// non-running release): SystemTap's format, "$return:TYPE" first in a
// return probe, then the parameters.
class InstalledKernelListing : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/stap-listing-btf-XXXXXX";
    cache_ = mkdtemp(tmpl);
  }
  static void TearDownTestSuite() { fs::remove_all(cache_); }
  static std::vector<std::string> releases() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto &e : fs::directory_iterator("/lib/modules", ec))
      if (fs::exists("/boot/vmlinuz-" + e.path().filename().string()))
        out.push_back(e.path().filename().string());
    return out;
  }
  // The -L lines of `pattern` and the notes, for `release`.
  static std::pair<std::string, std::string> list(const std::string &release,
                                                  const std::string &pattern) {
    KernelSymbolPaths p = host_symbol_paths(release);
    p.running_release = "not-" + release;
    p.btf_cache_dir = cache_.string();
    p.tracefs = {};
    SymbolSource symbols(p);
    std::vector<std::string> msgs;
    auto lines = list_probe_points(pattern, {}, ProbeRegistry::builtin(),
                                   symbols, {.with_vars = true}, &msgs);
    return {join(lines), join(msgs)};
  }
  static inline fs::path cache_;
};

TEST_F(InstalledKernelListing, ReturnProbeShowsReturnThenParameters) {
  if (releases().empty()) GTEST_SKIP() << "no /boot/vmlinuz-RELEASE installed";
  for (const std::string &r : releases()) {
    SCOPED_TRACE(r);
    auto [out, notes] = list(r, "kernel.function(\"vfs_read\").return");
    EXPECT_EQ(out, "kernel.function(\"vfs_read\").return $return:ssize_t "
                   "$file:struct file* $buf:char* $count:size_t "
                   "$pos:loff_t*\n");
    EXPECT_EQ(notes, "");
    // void: no $return.
    std::tie(out, notes) = list(r, "kernel.function(\"schedule\").return");
    EXPECT_EQ(out, "kernel.function(\"schedule\").return\n");
    EXPECT_EQ(notes, "");
    // A module's function, from its split BTF.
    std::tie(out, notes) =
        list(r, "module(\"ext4\").function(\"ext4_file_write_iter\").return");
    EXPECT_EQ(out,
              "module(\"ext4\").function(\"ext4_file_write_iter\").return "
              "$return:ssize_t $iocb:struct kiocb* $from:struct iov_iter*\n");
    EXPECT_EQ(notes, "");
  }
}

// BTF has no prototype for the syscall wrappers: the point is listed
// bare and the note says so, instead of claiming there is no BTF.
TEST_F(InstalledKernelListing, FunctionWithoutPrototype) {
  if (releases().empty()) GTEST_SKIP() << "no /boot/vmlinuz-RELEASE installed";
  for (const std::string &r : releases()) {
    SCOPED_TRACE(r);
    auto [out, notes] = list(r, "kernel.function(\"__x64_sys_getppid\")");
    EXPECT_EQ(out, "kernel.function(\"__x64_sys_getppid\")\n");
    EXPECT_EQ(notes, "note: the BTF of the kernel has no prototype for "
                     "'__x64_sys_getppid'; listing it without target "
                     "variables\n");
  }
}

// "kmem:*" lists the kmem events only: the events whose group no header
// names are not put in "kmem" (they were, all 1,000 of them).
TEST_F(InstalledKernelListing, TracepointGroupWildcard) {
  if (releases().empty()) GTEST_SKIP() << "no /boot/vmlinuz-RELEASE installed";
  for (const std::string &r : releases()) {
    SCOPED_TRACE(r);
    auto [out, notes] = list(r, "kernel.trace(\"kmem:*\")");
    EXPECT_NE(out.find("kernel.trace(\"kmem:kmalloc\") "
                       "$call_site:long unsigned int $ptr:void const* "
                       "$bytes_req:size_t $bytes_alloc:size_t "
                       "$gfp_flags:gfp_t $node:int\n"),
              std::string::npos)
        << out;
    std::istringstream lines(out);
    int n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
      std::string event = line.substr(0, line.find('"', 19));
      EXPECT_TRUE(event.starts_with("kernel.trace(\"kmem:k") ||
                  event.starts_with("kernel.trace(\"kmem:mm_") ||
                  event == "kernel.trace(\"kmem:rss_stat")
          << line;
    }
    EXPECT_GE(n, 10);
    EXPECT_LE(n, 20);
    // A literal group with a literal name is still taken at its word.
    std::tie(out, notes) = list(r, "kernel.trace(\"sched:sched_switch\")");
    EXPECT_TRUE(
        out.starts_with("kernel.trace(\"sched:sched_switch\") $preempt:bool"))
        << out;
  }
}

TEST(ProbePointText, ParsesArgumentsAndSuffixes) {
  AstContext ctx;
  std::string err;
  ProbePoint *pp =
      parse_probe_point_text("kernel.function(\"a\\\"b\").return?", ctx, &err);
  ASSERT_NE(pp, nullptr) << err;
  EXPECT_TRUE(pp->optional);
  EXPECT_EQ(pp->to_string(), "kernel.function(\"a\\\"b\").return?");
  pp = parse_probe_point_text("timer.ms(0x10)", ctx, &err);
  ASSERT_NE(pp, nullptr);
  EXPECT_EQ(pp->to_string(), "timer.ms(16)");
  EXPECT_EQ(parse_probe_point_text("a..b", ctx, &err), nullptr);
  EXPECT_EQ(err, "expected a probe point component");
}

}  // namespace
}  // namespace stap
