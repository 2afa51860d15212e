// The command line (driver/options.h) and the kernel target
// (driver/kernel_target.h).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "driver/kernel_target.h"
#include "driver/options.h"

namespace stap {
namespace {

ParsedOptions parse(std::vector<std::string> args) {
  return parse_options(args);
}

std::string errors_of(const ParsedOptions &p) {
  std::string s;
  for (const OptionError &e : p.errors) s += e.message + "\n";
  return s;
}

TEST(Options, ScriptFileAndArguments) {
  ParsedOptions p = parse({"-p2", "x.stp", "a", "b"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.source, ScriptSource::file);
  EXPECT_EQ(p.options.script_path, "x.stp");
  EXPECT_EQ(p.options.script_args, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p.options.last_pass, 2);
}

TEST(Options, InlineScriptTakesNoFile) {
  ParsedOptions p = parse({"-e", "probe begin {}", "x.stp"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.source, ScriptSource::inline_);
  EXPECT_EQ(p.options.script_text, "probe begin {}");
  EXPECT_EQ(p.options.script_args, std::vector<std::string>{"x.stp"});
  EXPECT_EQ(p.options.script_display_name(), "<input>");
}

TEST(Options, DashReadsStdin) {
  ParsedOptions p = parse({"-", "arg"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.options.source, ScriptSource::stdin_);
  EXPECT_EQ(p.options.script_args, std::vector<std::string>{"arg"});
}

TEST(Options, ClustersAndSeparateArguments) {
  ParsedOptions p = parse({"-vvv", "-wv", "-p", "1", "-e", "x"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.verbose, 4);
  EXPECT_TRUE(p.options.suppress_warnings);
  EXPECT_EQ(p.options.last_pass, 1);

  p = parse({"-vp2", "-Ifoo", "-I", "bar", "-e", "x"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.verbose, 1);
  EXPECT_EQ(p.options.last_pass, 2);
  EXPECT_EQ(p.options.include_dirs, (std::vector<std::string>{"foo", "bar"}));
}

TEST(Options, OptionsAfterScriptArguments) {
  ParsedOptions p = parse({"x.stp", "a", "-p1", "--", "-b"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.last_pass, 1);
  EXPECT_EQ(p.options.script_args, (std::vector<std::string>{"a", "-b"}));
}

TEST(Options, PrivilegeMayComeLast) {
  ParsedOptions p = parse({"-e", "x", "--privilege=stapusr"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.options.privilege, Level::stapusr);
  EXPECT_TRUE(p.options.privilege_given);

  p = parse({"--unprivileged", "-e", "x"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.options.privilege, Level::stapusr);
  EXPECT_TRUE(p.options.unprivileged_flag);

  p = parse({"--privilege", "stapsys", "--unprivileged", "-e", "x"});
  EXPECT_EQ(errors_of(p),
            "'--unprivileged' conflicts with '--privilege=stapsys'\n");
}

// --privilege=LEVEL+action is parsed once, into the typed set the passes
// use; an action the catalogue does not know is an option error.
TEST(Options, PrivilegeExtrasAreTyped) {
  ParsedOptions p =
      parse({"-e", "x", "--privilege=stapusr+probe.kernel.trace"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.privilege, Level::stapusr);
  EXPECT_EQ(p.options.privilege_extras.to_string(), "probe.kernel.trace");
  EXPECT_EQ(
      errors_of(parse({"--privilege=stapusr+code.everything", "-e", "x"})),
      "invalid '--privilege=stapusr+code.everything': unknown privilege "
      "action 'code.everything'\n");
}

TEST(Options, LongOptionPrefixes) {
  ParsedOptions p = parse({"--priv=stapsys", "--dump-f"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  EXPECT_EQ(p.options.privilege, Level::stapsys);
  EXPECT_TRUE(p.options.dump_functions);
  EXPECT_EQ(errors_of(parse({"--dump", "-e", "x"})),
            "ambiguous option '--dump'\n");
}

TEST(Options, RecordsEverything) {
  ParsedOptions p = parse({"-g", "-u", "-k", "-t", "-W", "-DFOO=1", "-D", "BAR",
                           "-G", "x=5", "-r", "6.1.0-26-amd64", "-m", "mod",
                           "-o", "out", "-c", "ls", "-R", "rt", "-B", "V=1",
                           "-s", "8", "--remote=vm", "--sarif", "-e", "x"});
  ASSERT_TRUE(p.ok()) << errors_of(p);
  const Options &o = p.options;
  EXPECT_TRUE(o.guru && o.unoptimized && o.keep_temps && o.probe_timing &&
              o.warnings_are_errors);
  EXPECT_EQ(o.macro_defines, (std::vector<std::string>{"FOO=1", "BAR"}));
  ASSERT_EQ(o.global_inits.size(), 1u);
  EXPECT_EQ(o.global_inits[0].first, "x");
  EXPECT_EQ(o.global_inits[0].second, "5");
  EXPECT_EQ(o.kernel_release, "6.1.0-26-amd64");
  EXPECT_EQ(o.module_name, "mod");
  EXPECT_EQ(o.output_file, "out");
  EXPECT_EQ(o.target_command, "ls");
  EXPECT_EQ(o.runtime_dir, "rt");
  EXPECT_EQ(o.kbuild_options, std::vector<std::string>{"V=1"});
  EXPECT_EQ(o.buffer_mb, 8);
  EXPECT_EQ(o.remotes, std::vector<std::string>{"vm"});
  EXPECT_EQ(o.lint_format, "sarif");
}

TEST(Options, BuildTreeForR) {
  ParsedOptions p = parse({"-r", "/tmp/linux", "-e", "x"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.options.kernel_build_dir, "/tmp/linux");
  EXPECT_EQ(p.options.kernel_release, "");
}

TEST(Options, Errors) {
  EXPECT_EQ(errors_of(parse({"-y", "-e", "x"})), "unknown option '-y'\n");
  EXPECT_EQ(errors_of(parse({"--frob", "-e", "x"})), "unknown option '--frob'\n");
  EXPECT_EQ(errors_of(parse({"-p", "7", "-e", "x"})),
            "invalid pass number '7' (expected 1 to 5)\n");
  EXPECT_EQ(errors_of(parse({"-e", "x", "-p"})),
            "option '-p' requires an argument\n");
  EXPECT_EQ(errors_of(parse({"--help=1"})),
            "option '--help' does not take an argument\n");
  EXPECT_EQ(errors_of(parse({"--privilege=root", "-e", "x"})),
            "invalid privilege level 'root' (expected stapusr, stapsys or "
            "stapdev)\n");
  EXPECT_EQ(errors_of(parse({"-c", "ls", "-x", "12", "-e", "x"})),
            "'-c' and '-x' cannot both be given\n");
  EXPECT_EQ(errors_of(parse({"-x", "abc", "-e", "x"})),
            "invalid process id 'abc'\n");
  EXPECT_EQ(errors_of(parse({"-m", "a-b", "-e", "x"})),
            "invalid module name 'a-b' (use letters, digits and underscores)\n");
  EXPECT_EQ(errors_of(parse({"-G", "x", "-e", "x"})),
            "invalid '-G x' (expected NAME=VALUE)\n");
  EXPECT_EQ(errors_of(parse({"-s", "0", "-e", "x"})),
            "invalid buffer size '0' (expected 1 to 4095 MB)\n");
  EXPECT_EQ(errors_of(parse({"-l", "begin", "x.stp"})),
            "unexpected argument 'x.stp' with '-l'\n");
  EXPECT_EQ(errors_of(parse({"-L", "begin", "-e", "x"})),
            "'-L' cannot be combined with a script\n");
  EXPECT_EQ(errors_of(parse({"-e", "a", "-e", "b"})),
            "only one '-e' script may be given\n");
  ParsedOptions none = parse({"-v"});
  ASSERT_EQ(none.errors.size(), 1u);
  EXPECT_EQ(none.errors[0].id, DiagId::opt_no_script);
  EXPECT_EQ(none.errors[0].message, "no script specified");
}

TEST(Options, QueriesNeedNoScript) {
  EXPECT_TRUE(parse({"-l", "begin"}).ok());
  EXPECT_TRUE(parse({"-L", "begin"}).options.list_with_vars);
  EXPECT_TRUE(parse({"--dump-probe-types"}).ok());
  EXPECT_TRUE(parse({"-V"}).options.show_version);
  EXPECT_TRUE(parse({"--help"}).options.show_help);
}

TEST(KernelTarget, ReleaseVersionAndArch) {
  EXPECT_EQ(release_version("6.1.0-26-amd64"), "6.1.0");
  EXPECT_EQ(release_version("6.18.44-fc-v769"), "6.18.44");
  EXPECT_EQ(release_version("5.10"), "5.10");
  EXPECT_EQ(normalize_arch("x86_64"), "x86_64");
  EXPECT_EQ(normalize_arch("i686"), "i386");
  EXPECT_EQ(normalize_arch("aarch64"), "arm64");
  EXPECT_EQ(normalize_arch("ppc64le"), "powerpc");
}

TEST(KernelTarget, MissingTreeAnswersUnknown) {
  KernelTarget t = KernelTarget::from("0.0.0-none", "/nonexistent/build", "x86_64");
  EXPECT_FALSE(t.has_build_dir());
  EXPECT_EQ(t.version(), "0.0.0");
  EXPECT_EQ(t.config("CONFIG_SMP"), std::nullopt);
  EXPECT_EQ(t.config_lookup()("CONFIG_SMP"), std::nullopt);
}

TEST(KernelTarget, ReadsConfigOfABuildTree) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "stap-kernel-target-test";
  fs::create_directories(dir / "include/config");
  std::ofstream(dir / ".config") << "# comment\nCONFIG_SMP=y\nCONFIG_HZ=250\n"
                                    "CONFIG_LOCALVERSION=\"-x\"\n"
                                    "# CONFIG_FOO is not set\n";
  std::ofstream(dir / "include/config/kernel.release") << "6.1.0-9-test\n";
  Options o;
  o.kernel_build_dir = dir.string();
  KernelTarget t = KernelTarget::resolve(o);
  EXPECT_TRUE(t.is_custom_tree());
  EXPECT_TRUE(t.has_build_dir());
  EXPECT_EQ(t.release(), "6.1.0-9-test");
  EXPECT_EQ(t.version(), "6.1.0");
  EXPECT_EQ(t.config("CONFIG_SMP"), "y");
  EXPECT_EQ(t.config("CONFIG_HZ"), "250");
  EXPECT_EQ(t.config("CONFIG_LOCALVERSION"), "-x");
  EXPECT_EQ(t.config("CONFIG_FOO"), "");
  EXPECT_EQ(t.config_path(), (dir / ".config").string());
  fs::remove_all(dir);
}

// Each value of `flag` is refused with a message that starts with
// `refusal` (the value filled in for %).
void expect_refused(const std::string &flag, std::vector<std::string> values,
                    const std::string &refusal) {
  for (const std::string &bad : values) {
    ParsedOptions p = parse({flag, bad, "-e", "x"});
    ASSERT_FALSE(p.ok()) << bad;
    std::string want = refusal;
    want.replace(want.find('%'), 1, bad);
    EXPECT_TRUE(p.errors[0].message.starts_with(want)) << p.errors[0].message;
  }
}

// -r NAME becomes /lib/modules/NAME/build: no way out of /lib/modules.
TEST(Options, ReleaseNameStaysUnderLibModules) {
  EXPECT_EQ(parse({"-r", "6.1.0-57-amd64", "-e", "x"}).options.kernel_release,
            "6.1.0-57-amd64");
  EXPECT_EQ(parse({"-r", "6.12.9+bpo-amd64", "-e", "x"}).options.kernel_release,
            "6.12.9+bpo-amd64");
  expect_refused("-r", {"..", ".", "", "6.1 x", "$(x)"},
                 "invalid kernel release '%' for '-r'");
}

// -a becomes a tapset subdirectory: only names SystemTap knows, kept in
// SystemTap's spelling; a path never.
TEST(Options, ArchMustBeKnown) {
  EXPECT_EQ(parse({"-a", "arm64", "-e", "x"}).options.arch, "arm64");
  EXPECT_EQ(parse({"-a", "aarch64", "-e", "x"}).options.arch, "arm64");
  EXPECT_EQ(parse({"-a", "i686", "-e", "x"}).options.arch, "i386");
  expect_refused("-a", {"../../tmp/evil", "arm/../../x", "nosuch", "", "x86_64/"},
                 "unknown architecture '%' for '-a'");
}

TEST(Options, OnlyTheVmRemoteIsSupported) {
  ParsedOptions p = parse_options({"--remote=ssh://h", "-e", "x"});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.errors[0].message,
            "unsupported remote 'ssh://h' (only --remote=vm is supported)");
}

}  // namespace
}  // namespace stap
