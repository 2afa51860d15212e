#include "elaborate/probe_point_text.h"
#include "elaborate/symbols.h"
#include "elaborate/wildcard_expand.h"
#include "host_symbol_paths.h"
#include "symbols/glob.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/stap-symbols-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string &rel, const std::string &text) {
    fs::path p = path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};

constexpr const char *kDebianStub =
    "ffffffffffffffff B The real System.map is in the linux-image-<version>"
    "-dbg package\n";

// A kallsyms-like table: 120 "fn_N" functions plus the names tests use.
std::string fake_map(bool with_modules) {
  std::string s;
  for (int i = 0; i < 120; ++i)
    s += "ffffffff81000000 T fn_" + std::to_string(i) + "\n";
  s += "0000000000000000 T vfs_read\n0000000000000000 t vfs_write\n"
       "0000000000000000 t vfs_read.cold\n0000000000000000 T __pfx_vfs_read\n"
       "0000000000000000 D jiffies\n0000000000000000 D __tracepoint_sched_switch\n"
       "0000000000000000 d __tracepoint_sched_wakeup\n";
  if (with_modules)
    s += "0000000000000000 t ext4_readdir\t[ext4]\n"
         "0000000000000000 T ext4_sync_fs\t[ext4]\n";
  return s;
}

// Every kernel file of the run inside `d`; release "" targets `running`.
KernelSymbolPaths paths_in(const TempDir &d, const std::string &release,
                           const std::string &running) {
  KernelSymbolPaths p;
  p.release = release.empty() ? running : release;
  p.running_release = running;
  p.build_dir = (d.path / "modules" / p.release / "build").string();
  p.kallsyms = (d.path / "kallsyms").string();
  p.boot_dir = (d.path / "boot").string();
  p.btf_vmlinux = (d.path / "btf").string();
  p.tracefs = {(d.path / "tracing").string()};
  p.modules_root = (d.path / "modules").string();
  p.debug_vmlinux = (d.path / "debug/boot/vmlinux-").string() + p.release;
  p.debug_modules_dir = (d.path / "debug/lib/modules" / p.release).string();
  p.debug_package = "linux-image-" + p.release + "-dbg";
  return p;
}

TEST(KernelSymbols, DebianStubSystemMapIsIgnored) {
  KernelSymbolTable t;
  EXPECT_FALSE(parse_symbol_map(kDebianStub, t));
  TempDir d;
  d.write("boot/System.map-6.1.0-26-amd64", kDebianStub);
  std::string why;
  EXPECT_FALSE(load_kernel_symbols(paths_in(d, "6.1.0-26-amd64", "6.18.0"), &why));
  EXPECT_EQ(why, "no symbol table for kernel 6.1.0-26-amd64 (" +
                     (d.path / "kallsyms").string() +
                     " describes the running kernel 6.18.0; " +
                     (d.path / "boot/System.map-6.1.0-26-amd64").string() +
                     " is a stub)");
}

TEST(KernelSymbols, BuildDirSystemMapForOtherRelease) {
  TempDir d;
  d.write("boot/System.map-6.1.0-26-amd64", kDebianStub);
  d.write("kallsyms", fake_map(true));  // the running kernel's: not used
  std::string map = d.write("modules/6.1.0-26-amd64/build/System.map",
                            fake_map(false));
  auto t = load_kernel_symbols(paths_in(d, "6.1.0-26-amd64", "6.18.0"), nullptr);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->origin, map);
  EXPECT_TRUE(t->modules.empty());
}

TEST(KernelSymbols, KallsymsForRunningKernel) {
  TempDir d;
  std::string ks = d.write("kallsyms", fake_map(true));
  auto t = load_kernel_symbols(paths_in(d, "", "6.18.0"), nullptr);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->origin, ks);
  EXPECT_EQ(t->functions.size(), 122u);  // clones and __pfx_ dropped
  EXPECT_EQ(t->tracepoints,
            (std::vector<std::string>{"sched_switch", "sched_wakeup"}));
  ASSERT_EQ(t->modules.size(), 1u);
  EXPECT_EQ(t->modules[0].first, "ext4");
  EXPECT_EQ(t->modules[0].second,
            (std::vector<std::string>{"ext4_readdir", "ext4_sync_fs"}));
  // tracefs wins for tracepoints when readable.
  fs::create_directories(d.path / "tracing/events/irq/irq_handler_entry");
  auto t2 = load_kernel_symbols(paths_in(d, "", "6.18.0"), nullptr);
  EXPECT_EQ(t2->tracepoints, (std::vector<std::string>{"irq_handler_entry"}));
}

// Without a symbol table (Debian's System.map is a stub) the target
// kernel's BTF names its functions and tracepoints: here each installed
// kernel's, read from /boot/vmlinuz-RELEASE.
TEST(KernelSymbols, BtfWhenNoSymbolTable) {
  std::error_code ec;
  int seen = 0;
  for (const auto &e : fs::directory_iterator("/lib/modules", ec)) {
    std::string release = e.path().filename().string();
    if (!fs::exists("/boot/vmlinuz-" + release)) continue;
    ++seen;
    KernelSymbolPaths p = host_symbol_paths(release);
    p.running_release = "not-" + release;  // read the image, not sysfs
    SymbolSource src(p);
    std::string why;
    const KernelSymbolTable *k = src.kernel(&why);
    ASSERT_TRUE(k) << why;
    EXPECT_NE(k->origin.find("/boot/vmlinuz-" + release), std::string::npos);
    EXPECT_TRUE(std::binary_search(k->functions.begin(), k->functions.end(),
                                   "vfs_read"));
    EXPECT_TRUE(std::binary_search(k->tracepoints.begin(),
                                   k->tracepoints.end(), "sched_switch"));
    auto params = src.kernel_function_params("vfs_read");
    ASSERT_TRUE(params);
    ASSERT_EQ(params->size(), 4u);
    EXPECT_EQ((*params)[2].name, "count");
    EXPECT_EQ((*params)[2].type, "size_t");
    SymbolMatches m = src.glob(SymbolKind::kernel_function, "", "vfs_rea*");
    EXPECT_EQ(m.status, SymbolStatus::ok);
    EXPECT_NE(std::find(m.names.begin(), m.names.end(), "vfs_readv"),
              m.names.end());
  }
  if (!seen) GTEST_SKIP() << "no kernel with /boot/vmlinuz-RELEASE installed";
}

TEST(Symbols, SplitFunctionSpec) {
  FunctionSpec s = split_function_spec("vfs_*@fs/read_write.c:460");
  EXPECT_EQ(s.name, "vfs_*");
  EXPECT_EQ(s.file, "fs/read_write.c");
  EXPECT_EQ(s.line, "460");
  EXPECT_EQ(split_function_spec("main").file, "");
  s = split_function_spec("f@a+b.c+3");
  EXPECT_EQ(s.file, "a+b.c");
  EXPECT_EQ(s.line, "+3");
  EXPECT_EQ(split_function_spec("f@a+b.c").file, "a+b.c");
}

// A tiny C program built with gcc -g once for the suite.
class ElfSymbolsTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::string src = dir_->write("prog.c",
        "#include <stdio.h>\n"
        "int helper_one(void) { return 1; }\n"
        "int helper_two(int fd, const char *name) {\n"
        "  int local = fd + 1;\n"
        "  return local + (name != 0);\n"
        "}\n"
        "int main(void) { puts(\"x\"); return helper_one() + helper_two(1, 0); }\n"
        // One SDT marker note, as <sys/sdt.h> would lay it out.
        "__asm__(\".pushsection .note.stapsdt,\\\"\\\",\\\"note\\\"\\n\"\n"
        "  \".balign 4\\n.4byte 992f-991f, 994f-993f, 3\\n\"\n"
        "  \"991: .asciz \\\"stapsdt\\\"\\n992: .balign 4\\n\"\n"
        "  \"993: .8byte 0, 0, 0\\n.asciz \\\"myprov\\\"\\n\"\n"
        "  \".asciz \\\"mymark\\\"\\n.asciz \\\"\\\"\\n994: .balign 4\\n\"\n"
        "  \".popsection\\n\");\n");
    exe_ = (dir_->path / "prog").string();
    std::string cmd = "gcc -g -O0 -o " + exe_ + " " + src;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir *dir_;
  static std::string exe_;
};
TempDir *ElfSymbolsTest::dir_;
std::string ElfSymbolsTest::exe_;

TEST_F(ElfSymbolsTest, FunctionsFromSymtabAndDwarf) {
  std::string err;
  auto info = read_binary_info(exe_, &err);
  ASSERT_TRUE(info) << err;
  EXPECT_TRUE(info->has_dwarf);
  std::vector<std::string> helpers;
  for (const ElfFunction &f : info->functions)
    if (f.name.starts_with("helper_"))
      helpers.push_back(f.name + "@" + f.decl_file.substr(f.decl_file.rfind('/') + 1) +
                        ":" + std::to_string(f.decl_line));
  EXPECT_EQ(helpers, (std::vector<std::string>{"helper_one@prog.c:2",
                                               "helper_two@prog.c:3"}));
  EXPECT_NE(std::find(info->plt.begin(), info->plt.end(), "puts"), info->plt.end());
}

TEST_F(ElfSymbolsTest, GlobWithFileQualifier) {
  SymbolSource s(KernelSymbolPaths{});  // user space only
  EXPECT_EQ(s.glob(SymbolKind::process_function, exe_, "helper_*").names,
            (std::vector<std::string>{"helper_one", "helper_two"}));
  EXPECT_EQ(s.glob(SymbolKind::process_function, exe_, "helper_t*@prog.c:4").names,
            (std::vector<std::string>{"helper_two@prog.c:4"}));
  EXPECT_TRUE(s.glob(SymbolKind::process_function, exe_, "helper_*@other.c")
                  .names.empty());
  EXPECT_EQ(s.glob(SymbolKind::process_plt, exe_, "pu*").names,
            (std::vector<std::string>{"puts"}));
}

// Source lines of helper_two (prog.c lines 3-6) from the line table.
TEST_F(ElfSymbolsTest, StatementLines) {
  SymbolSource s(KernelSymbolPaths{});  // user space only
  std::string src = (dir_->path / "prog.c").string();
  auto lines = [&](const char *pattern) {
    std::vector<std::string> out;
    for (const std::string &n :
         s.glob(SymbolKind::process_statement, exe_, pattern).names)
      out.push_back(n.substr(n.rfind(':') + 1));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(
      s.glob(SymbolKind::process_statement, exe_, "helper_two@prog.c:4").names,
      V{"helper_two@" + src + ":4"});
  EXPECT_EQ(lines("helper_two@prog.c:*"), (V{"3", "4", "5", "6"}));
  EXPECT_EQ(lines("helper_two@prog.c:4-5"), (V{"4", "5"}));
  EXPECT_EQ(lines("helper_two@prog.c:1,5-9"), (V{"5", "6"}));
  EXPECT_EQ(lines("helper_two@prog.c+1"), (V{"4"}));
  EXPECT_EQ(lines("helper_t?o@*:5"), (V{"5"}));
  EXPECT_EQ(lines("helper_two@other.c:4"), V{});
  // Nothing at line 9: the nearest line of the function is suggested.
  SymbolMatches m =
      s.glob(SymbolKind::process_statement, exe_, "helper_two@prog.c:9");
  EXPECT_TRUE(m.names.empty());
  EXPECT_EQ(m.detail, "helper_two@prog.c:6");
  // .nearest takes that line instead, and the nearest for each range
  // without code (line 1 is before the function: its first line, 3).
  EXPECT_EQ(s.glob(SymbolKind::process_statement, exe_, "helper_two@prog.c:9",
                   "nearest")
                .names,
            V{"helper_two@" + src + ":6"});
  auto nearest = s.glob(SymbolKind::process_statement, exe_,
                        "helper_two@prog.c:1,5", "nearest");
  EXPECT_EQ(nearest.names,
            (V{"helper_two@" + src + ":3", "helper_two@" + src + ":5"}));
  m = s.glob(SymbolKind::process_statement, exe_, "helper_two@prog.c:4-x");
  EXPECT_EQ(m.status, SymbolStatus::bad_pattern);
  EXPECT_EQ(m.detail, "malformed line number '4-x' (expected \"N\", \"N-M\", "
                      "\"N,M\", \"+N\" or \"*\")");
}

TEST_F(ElfSymbolsTest, SdtMarks) {
  SymbolSource s(KernelSymbolPaths{});  // user space only
  EXPECT_EQ(s.glob(SymbolKind::process_mark, exe_, "my*").names,
            (std::vector<std::string>{"mymark"}));
  EXPECT_EQ(s.glob(SymbolKind::process_mark, exe_, "*", "myprov").names,
            (std::vector<std::string>{"mymark"}));
  EXPECT_TRUE(s.glob(SymbolKind::process_mark, exe_, "*", "other").names.empty());
}

TEST_F(ElfSymbolsTest, ModuleFunctionsFromKoFile) {
  // A .ko is a relocatable ELF object; a plain gcc -c output stands in.
  std::string ko = (dir_->path / "modules/9.9.9/kernel/fs/my-fs.ko").string();
  fs::create_directories(fs::path(ko).parent_path());
  std::string cmd = "gcc -c -o " + ko + " " + (dir_->path / "prog.c").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  KernelSymbolPaths p;
  p.modules_root = (dir_->path / "modules").string();
  auto fns = module_functions_from_ko(p, "9.9.9", "my_fs");
  ASSERT_TRUE(fns);
  EXPECT_EQ(*fns, (std::vector<std::string>{"helper_one", "helper_two", "main"}));
  EXPECT_FALSE(module_functions_from_ko(p, "9.9.9", "nosuch"));
}

TEST_F(ElfSymbolsTest, TargetVariables) {
  std::string vars;
  for (const TargetVariable &v : function_target_variables(exe_, "helper_two"))
    vars += " $" + v.name + ":" + v.type;
  EXPECT_EQ(vars, " $fd:int $name:char const* $local:int");
}

TEST(ElfSymbols, BadBinaries) {
  SymbolSource s(KernelSymbolPaths{});  // user space only
  SymbolMatches m = s.glob(SymbolKind::process_function, "/nonexistent/x", "*");
  EXPECT_EQ(m.status, SymbolStatus::bad_binary);
  EXPECT_EQ(m.detail, "cannot open '/nonexistent/x': No such file or directory");
  TempDir d;
  std::string txt = d.write("notelf", "hello\n");
  m = s.glob(SymbolKind::process_function, txt, "*");
  EXPECT_EQ(m.detail, "'" + txt + "' is not an ELF file");
}

TEST(ElfSymbols, DynsymOfSystemBinary) {
  // /bin/true is stripped: its functions come from .dynsym imports.
  std::string err;
  auto info = read_binary_info("/bin/true", &err);
  ASSERT_TRUE(info) << err;
  EXPECT_NE(std::find(info->plt.begin(), info->plt.end(), "exit"), info->plt.end());
}

// Wildcard expansion against fake kernel tables.
struct ExpandFixture {
  TempDir dir;
  SourceManager sm;
  AstContext ctx;
  Diagnostics diags{sm};
  std::unique_ptr<SymbolSource> symbols;
  explicit ExpandFixture(bool with_kallsyms) {
    if (with_kallsyms) dir.write("kallsyms", fake_map(true));
    symbols = std::make_unique<SymbolSource>(paths_in(dir, "", "6.18.0"));
  }
  std::string expand(const std::string &text) {
    FileId f = sm.add("t.stp", text);
    std::string err;
    ProbePoint *pp = parse_probe_point_text(text, ctx, &err, f);
    EXPECT_NE(pp, nullptr) << err;
    std::string out;
    for (const ExpandedPoint &e : expand_probe_point(
             *pp, ProbeRegistry::builtin(), *symbols, ctx, diags))
      out += e.point->to_string() + (e.unexpanded ? " (unexpanded)" : "") + "\n";
    return out;
  }
};

// A source line without code is a pass-2 error that names the nearest
// line; a malformed line part is one too.
TEST_F(ElfSymbolsTest, StatementWithoutCodeSuggestsNearestLine) {
  ExpandFixture f(false);
  std::string point =
      "process(\"" + exe_ + "\").statement(\"helper_two@prog.c:";
  EXPECT_EQ(f.expand(point + "9\")"), "");
  EXPECT_EQ(f.expand(point + "2-1\")"), "");
  ASSERT_EQ(f.diags.all().size(), 2u);
  EXPECT_EQ(f.diags.all()[0].message,
            "no process statement matches 'helper_two@prog.c:9' in probe "
            "point '" +
                point + "9\")'; did you mean 'helper_two@prog.c:6'?");
  EXPECT_EQ(f.diags.all()[0].loc.begin, point.size() - 19);  // the argument
  EXPECT_EQ(f.diags.all()[1].message,
            "malformed line number '2-1' (expected \"N\", \"N-M\", \"N,M\", "
            "\"+N\" or \"*\") in probe point '" +
                point + "2-1\")'");
  EXPECT_EQ(f.expand(point + "4\")"),
            "process(\"" + exe_ + "\").statement(\"helper_two@" +
                (dir_->path / "prog.c").string() + ":4\")\n");
}

// A bare .plt is every PLT entry; a label that does not exist is a pass-2
// error naming the closest one.
TEST_F(ElfSymbolsTest, BarePltAndLabels) {
  ExpandFixture f(false);
  std::string exe = "process(\"" + exe_ + "\")";
  EXPECT_EQ(f.expand(exe + ".plt"), exe + ".plt(\"puts\")\n");
  EXPECT_EQ(f.expand(exe + ".plt.return"), exe + ".plt(\"puts\").return\n");
  std::string src =
      dir_->write("lab.c", "int count(int n) {\n"
                           "  int k = 0;\n"
                           "again:\n"
                           "  if (++k < n) goto again;\n"
                           "  return k;\n"
                           "}\n"
                           "int main(void) { return count(3); }\n");
  std::string lab = (dir_->path / "lab").string();
  ASSERT_EQ(std::system(("gcc -g -O0 -o " + lab + " " + src).c_str()), 0);
  std::string fn = "process(\"" + lab + "\").function(\"count\")";
  EXPECT_EQ(f.expand(fn + ".label(\"ag*\")"), fn + ".label(\"again\")\n");
  EXPECT_EQ(f.diags.all().size(), 0u);
  EXPECT_EQ(f.expand(fn + ".label(\"agian\")"), "");
  ASSERT_EQ(f.diags.all().size(), 1u);
  EXPECT_EQ(f.diags.all()[0].message,
            "no label matches 'agian' in probe point '" + fn +
                ".label(\"agian\")'; did you mean 'again'?");
}

TEST(WildcardExpand, KernelFunctionsAndComponents) {
  ExpandFixture f(true);
  EXPECT_EQ(f.expand("kernel.function(\"vfs_*\").return"),
            "kernel.function(\"vfs_read\").return\n"
            "kernel.function(\"vfs_write\").return\n");
  // .callee and .callees need the kernel's DWARF, which is absent.
  EXPECT_EQ(f.expand("kernel.function(\"vfs_read\").c*"),
            "kernel.function(\"vfs_read\").call\n");
  EXPECT_EQ(f.expand("module(\"ext4\").function(\"*sync*\")"),
            "module(\"ext4\").function(\"ext4_sync_fs\")\n");
  EXPECT_EQ(f.expand("kernel.trace(\"sched_*\")"),
            "kernel.trace(\"sched_switch\")\nkernel.trace(\"sched_wakeup\")\n");
  EXPECT_EQ(f.diags.all().size(), 0u);
}

// Tracepoint groups come from the TRACE_SYSTEM of the release's trace
// headers; both parts of "GROUP:NAME" are globbed, and a miss suggests the
// closest event in GROUP:NAME form.
TEST(WildcardExpand, TracepointGroupsFromHeaders) {
  ExpandFixture f(true);
  f.dir.write("modules/6.18.0/source/include/trace/events/sched.h",
              "#undef TRACE_SYSTEM\n#define TRACE_SYSTEM sched\n"
              "TRACE_EVENT(sched_switch,\n"
              "DECLARE_EVENT_CLASS(sched_wakeup_template,\n"
              "DEFINE_EVENT(sched_wakeup_template, sched_wakeup,\n");
  EXPECT_EQ(f.expand("kernel.trace(\"s*:*\")"),
            "kernel.trace(\"sched:sched_switch\")\n"
            "kernel.trace(\"sched:sched_wakeup\")\n");
  EXPECT_EQ(f.expand("kernel.trace(\"sched_wakeup\")"),
            "kernel.trace(\"sched:sched_wakeup\")\n");
  EXPECT_EQ(f.diags.all().size(), 0u);
  EXPECT_EQ(f.expand("kernel.trace(\"irq:sched_switch\")"), "");
  EXPECT_EQ(f.expand("kernel.trace(\"sched:sched_swich\")"), "");
  ASSERT_EQ(f.diags.all().size(), 2u);
  EXPECT_EQ(f.diags.all()[0].message,
            "no kernel tracepoint matches 'irq:sched_switch' in probe point "
            "'kernel.trace(\"irq:sched_switch\")'");
  EXPECT_EQ(f.diags.all()[1].message,
            "no kernel tracepoint matches 'sched:sched_swich' in probe point "
            "'kernel.trace(\"sched:sched_swich\")'; did you mean "
            "'sched:sched_switch'?");
}

// Functions the kernel is known to refuse: an error when named (unless
// optional), left out of a wildcard.
TEST(WildcardExpand, RefusedKernelFunctions) {
  ExpandFixture f(true);
  f.dir.write("kallsyms", fake_map(true) + "0000000000000000 T notify_die\n"
                                           "0000000000000000 T notify_dummy\n");
  f.symbols = std::make_unique<SymbolSource>(paths_in(f.dir, "", "6.18.0"));
  EXPECT_EQ(f.expand("kernel.function(\"notify_d*\")"),
            "kernel.function(\"notify_dummy\")\n");
  EXPECT_EQ(f.expand("kernel.function(\"notify_die\")?"), "");
  EXPECT_EQ(f.diags.all().size(), 0u);
  EXPECT_EQ(f.expand("kprobe.function(\"notify_die\")"), "");
  ASSERT_EQ(f.diags.all().size(), 1u);
  EXPECT_EQ(f.diags.all()[0].message,
            "the kernel refuses kprobes on 'notify_die': it is marked "
            "NOKPROBE_SYMBOL (probe point 'kprobe.function(\"notify_die\")')");
}

// Each DWARF-only kernel form names the package that would place it,
// for the target release; optional points are left out quietly.
TEST(WildcardExpand, KernelDwarfFormsNeedDebuginfo) {
  const std::pair<const char *, const char *> forms[] = {
      {"kernel.function(\"*@fs/read_write.c\")", "a source file"},
      {"kernel.statement(\"vfs_read@fs/read_write.c:450\")", "a source line"},
      {"kernel.function(\"vfs_read\").inline", "'.inline'"},
      {"kernel.function(\"vfs_read\").callee(\"rw_verify_area\")", "'.callee'"},
      {"kernel.function(\"vfs_read\").callees", "'.callees'"},
      {"kernel.function(\"vfs_read\").label(\"out\")", "'.label'"},
  };
  for (auto [point, form] : forms) {
    ExpandFixture f(true);
    EXPECT_EQ(f.expand(point + std::string("?")), "");
    EXPECT_EQ(f.diags.all().size(), 0u) << point;
    EXPECT_EQ(f.expand(point), "");
    ASSERT_EQ(f.diags.all().size(), 1u) << point;
    EXPECT_EQ(f.diags.all()[0].message,
              "probe point '" + std::string(point) + "' (" + form +
                  ") needs the kernel's debuginfo: install "
                  "linux-image-6.18.0-dbg (not found: " +
                  (f.dir.path / "debug/boot/vmlinux-6.18.0").string() + ")");
  }
  // A module's form needs the module's debuginfo, named from the path of
  // its (compressed) .ko; a module the kernel lacks is said so.
  for (const char *point :
       {"module(\"ext4\").function(\"ext4_*\").inline",
        "module(\"ext4\").statement(\"ext4_sync_fs@fs/ext4/super.c:*\")"}) {
    ExpandFixture m(true);
    m.dir.write("modules/6.18.0/kernel/fs/ext4/ext4.ko.xz", "");
    EXPECT_EQ(m.expand(point), "");
    ASSERT_EQ(m.diags.all().size(), 1u) << point;
    EXPECT_EQ(m.diags.all()[0].message,
              "probe point '" + std::string(point) + "' (" +
                  (std::string(point).find("inline") != std::string::npos
                       ? "'.inline'"
                       : "a source line") +
                  ") needs the debuginfo of module 'ext4': install "
                  "linux-image-6.18.0-dbg (not found: " +
                  (m.dir.path / "debug/lib/modules/6.18.0/kernel/fs/ext4/"
                                "ext4.ko")
                      .string() +
                  ")");
  }
  {
    ExpandFixture m(true);
    EXPECT_EQ(m.expand("module(\"nope\").function(\"f@f.c\")"), "");
    ASSERT_EQ(m.diags.all().size(), 1u);
    EXPECT_EQ(m.diags.all()[0].message,
              "probe point 'module(\"nope\").function(\"f@f.c\")' (a source "
              "file) needs the debuginfo of module 'nope', and kernel 6.18.0 "
              "has no such module (no nope.ko under " +
                  (m.dir.path / "modules").string() + "/6.18.0/kernel)");
  }
  // A function entry needs no DWARF.
  ExpandFixture f(true);
  EXPECT_EQ(f.expand("kernel.function(\"vfs_read\")"),
            "kernel.function(\"vfs_read\")\n");
  EXPECT_EQ(f.diags.all().size(), 0u);
}

// With a debuginfo file there, a file qualifier is placed through its
// line table; a file that is no DWARF is an error naming it.
TEST(WildcardExpand, KernelFileQualifierWithDebuginfo) {
  ExpandFixture f(true);
  f.dir.write("debug/boot/vmlinux-6.18.0", "");
  // The file is there (so the point is not refused as needing it) but
  // is no DWARF: the point cannot be placed, and says why.
  EXPECT_EQ(f.expand("kernel.function(\"vfs_read@fs/read_write.c\")"), "");
  ASSERT_EQ(f.diags.all().size(), 1u);
  EXPECT_EQ(f.diags.all()[0].id, DiagId::probe_needs_debuginfo);
  const std::string &m = f.diags.all()[0].message;
  EXPECT_TRUE(m.starts_with("cannot place probe point "
                            "'kernel.function(\"vfs_read@fs/read_write.c\")': "
                            "'/"))
      << m;
  EXPECT_TRUE(m.ends_with("/debug/boot/vmlinux-6.18.0' is not an ELF file"))
      << m;
  EXPECT_TRUE(f.symbols->glob(SymbolKind::kernel_function, "", "*@fs/a.c")
                  .detail.ends_with("' is not an ELF file"));
}

TEST(WildcardExpand, NoMatchIsAnErrorUnlessOptional) {
  ExpandFixture f(true);
  EXPECT_EQ(f.expand("kernel.function(\"nosuch_*\")?"), "");
  EXPECT_EQ(f.diags.all().size(), 0u);
  EXPECT_EQ(f.expand("kernel.function(\"nosuch_*\")"), "");
  EXPECT_EQ(f.diags.render_all(),
            "t.stp:1:17: semantic error: no kernel function matches 'nosuch_*' "
            "in probe "
            "point 'kernel.function(\"nosuch_*\")' [STAP2103]\n"
            "  kernel.function(\"nosuch_*\")\n"
            "                  ^~~~~~~~~~\n");
}

TEST(WildcardExpand, UnavailableSymbolsWarnOnceAndKeepPoint) {
  ExpandFixture f(false);
  EXPECT_EQ(f.expand("kernel.function(\"vfs_*\")"),
            "kernel.function(\"vfs_*\") (unexpanded)\n");
  EXPECT_EQ(f.expand("kernel.function(\"do_*\")"),
            "kernel.function(\"do_*\") (unexpanded)\n");
  ASSERT_EQ(f.diags.all().size(), 1u);
  EXPECT_EQ(f.diags.all()[0].id, DiagId::probe_symbols_unavailable);
  const std::string &m = f.diags.all()[0].message;
  EXPECT_TRUE(m.starts_with("cannot expand 'vfs_*': no symbol table for kernel "
                            "6.18.0; no BTF for kernel 6.18.0: cannot read "))
      << m;
  EXPECT_TRUE(m.ends_with("/boot/vmlinuz-6.18.0; keeping the probe point "
                          "unexpanded"))
      << m;
  EXPECT_FALSE(f.diags.has_errors());
}

TEST(WildcardExpand, TimerIntervalMustBePositive) {
  ExpandFixture f(true);
  EXPECT_EQ(f.expand("timer.ms(0)"), "");
  EXPECT_EQ(f.diags.render_all(), "t.stp:1:10: semantic error: 'ms' needs a "
                                  "positive number, not 0 in probe "
                                  "point 'timer.ms(0)' [STAP2102]\n"
                                  "  timer.ms(0)\n"
                                  "           ^\n");
}

TEST(WildcardExpand, BadBinaryNamesThePath) {
  ExpandFixture f(true);
  EXPECT_EQ(f.expand("process(\"/nonexistent/prog\").function(\"*\")"), "");
  EXPECT_EQ(f.diags.render_all(),
            "t.stp:1:9: semantic error: cannot open '/nonexistent/prog': No "
            "such file or "
            "directory [STAP2107]\n"
            "  process(\"/nonexistent/prog\").function(\"*\")\n"
            "          ^~~~~~~~~~~~~~~~~~~\n");
}

}  // namespace
}  // namespace stap
