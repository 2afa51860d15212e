// Runs real test compiles against the installed Debian kernel headers.
#include "kbuild/kbuild.h"
#include "kbuild/kernel_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/utsname.h>

namespace stap {
namespace {

namespace fs = std::filesystem;

// The first headers tree under /lib/modules in name order (so runs repeat),
// or "" when none is installed.
std::string any_headers_tree() {
  std::vector<std::string> trees;
  std::error_code ec;
  for (const auto &e : fs::directory_iterator("/lib/modules", ec))
    if (fs::exists(e.path() / "build/Makefile", ec))
      trees.push_back((e.path() / "build").string());
  std::sort(trees.begin(), trees.end());
  return trees.empty() ? "" : trees.front();
}

bool contains(const std::vector<std::string> &v, const std::string &s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(KernelFeatures, DetectsAndCaches) {
  std::string kdir = any_headers_tree();
  if (kdir.empty()) GTEST_SKIP() << "no kernel headers under /lib/modules";
  fs::path tmp = fs::temp_directory_path() / ("stapfeat-" + std::to_string(getpid()));
  FeatureReport first = detect_kernel_features(kdir, (tmp / "cache").string(),
                                               (tmp / "work").string());
  ASSERT_TRUE(first.error.empty()) << first.error;
  EXPECT_FALSE(first.from_cache);
  // APIs every kernel we target (5.8 and later) has: a probe body that
  // forgets a header its test needs would report them missing.
  for (const char *always : {"STAPCONF_ACCESS_OK_2ARGS", "STAPCONF_STRSCPY",
                             "STAPCONF_KTIME_GET_REAL_TS64", "STAPCONF_MMAP_READ_LOCK",
                             "STAPCONF_PROC_OPS"})
    EXPECT_TRUE(contains(first.present, always)) << always;
  EXPECT_NE(first.header.find("#define STAPCONF_ACCESS_OK_2ARGS 1"),
            std::string::npos);
  // runtime/compat.h stops the build (#error) unless one API of each of
  // these pairs is found. (run.scripts builds on every installed kernel.)
  EXPECT_TRUE(contains(first.present, "STAPCONF_PROC_OPS"));
  EXPECT_TRUE(contains(first.present, "STAPCONF_TIMER_DELETE_SYNC") ||
              contains(first.present, "STAPCONF_DEL_TIMER_SYNC"));
  EXPECT_TRUE(contains(first.present, "STAPCONF_HRTIMER_SETUP") ||
              contains(first.present, "STAPCONF_HRTIMER_INIT"));
  // The header says, for every probe, whether it passed.
  for (const auto &name : kernel_feature_names())
    EXPECT_NE(first.header.find(name), std::string::npos) << name;
  // Not everything passes: a probe must be able to fail.
  EXPECT_LT(first.present.size(), kernel_feature_names().size());

  FeatureReport second = detect_kernel_features(
      kdir, (tmp / "cache").string(), (tmp / "work2").string());
  EXPECT_TRUE(second.from_cache);
  EXPECT_EQ(second.header, first.header);
  EXPECT_EQ(second.present, first.present);
  fs::remove_all(tmp);
}

// Every installed headers tree (Debian's 6.1 and the backported 6.12):
// the uprobe API generation each really has.
std::vector<fs::path> headers_trees() {
  std::vector<fs::path> trees;
  std::error_code ec;
  for (const auto &e : fs::directory_iterator("/lib/modules", ec))
    if (fs::exists(e.path() / "build/Makefile", ec)) trees.push_back(e.path());
  std::sort(trees.begin(), trees.end());
  return trees;
}

// The uprobe handler's signature: `__u64 *data` came in 6.13 (no such
// kernel here, so both trees must say "no data", and the probe that says
// so must really pass), uprobe_register() returning the uprobe in 6.12.
TEST(KernelFeatures, UprobeApiGenerationOfEachInstalledKernel) {
  std::vector<fs::path> trees = headers_trees();
  if (trees.empty()) GTEST_SKIP() << "no kernel headers under /lib/modules";
  for (const fs::path &release : trees) {
    SCOPED_TRACE(release.string());
    std::string name = release.filename().string();
    int major = 0, minor = 0;
    ASSERT_EQ(sscanf(name.c_str(), "%d.%d", &major, &minor), 2);
    fs::path tmp = fs::temp_directory_path() /
                   ("stapfeat-uprobe-" + std::to_string(getpid()));
    FeatureReport r = detect_kernel_features((release / "build").string(),
                                             (tmp / "cache").string(),
                                             (tmp / "work").string());
    ASSERT_TRUE(r.error.empty()) << r.error;
    bool v6_13 = major > 6 || (major == 6 && minor >= 13);
    bool v6_12 = major > 6 || (major == 6 && minor >= 12);
    EXPECT_EQ(contains(r.present, "STAPCONF_UPROBE_HANDLER_DATA"), v6_13);
    EXPECT_EQ(contains(r.present, "STAPCONF_UPROBE_HANDLER_NO_DATA"), !v6_13);
    EXPECT_EQ(contains(r.present, "STAPCONF_UPROBE_REGISTER_RETURNS_UPROBE"),
              v6_12);
    fs::remove_all(tmp);
  }
}

// A tree kbuild cannot build in at all must not read as "no API present":
// that verdict would be cached and break every later build for the tree.
TEST(KernelFeatures, BrokenTreeIsAnErrorAndNotCached) {
  fs::path tmp = fs::temp_directory_path() / ("stapfeat-broken-" + std::to_string(getpid()));
  fs::create_directories(tmp / "tree");
  std::ofstream(tmp / "tree" / "Makefile") << "%:\n\t@exit 2\n";
  FeatureReport r = detect_kernel_features((tmp / "tree").string(),
                                           (tmp / "cache").string(),
                                           (tmp / "work").string());
  EXPECT_NE(r.error.find("cannot compile even an empty object"), std::string::npos)
      << r.error;
  EXPECT_TRUE(r.present.empty());
  std::error_code ec;
  EXPECT_TRUE(!fs::exists(tmp / "cache", ec) || fs::is_empty(tmp / "cache", ec));
  fs::remove_all(tmp);
}

TEST(Kbuild, MissingTreeIsNamed) {
  KbuildJob job{.kernel_build_dir = "/nonexistent/build",
                .work_dir = "/tmp/unused",
                .module_name = "m"};
  KbuildOutcome r = run_kbuild(job);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("'/nonexistent/build' not found"), std::string::npos);
}

TEST(Kbuild, BuildsAndReportsCompilerErrors) {
  std::string kdir = any_headers_tree();
  if (kdir.empty()) GTEST_SKIP() << "no kernel headers under /lib/modules";
  fs::path tmp = fs::temp_directory_path() / ("stapkb-" + std::to_string(getpid()));
  KbuildJob job{.kernel_build_dir = kdir,
                .work_dir = (tmp / "ok").string(),
                .module_name = "stap_kbtest",
                .sources = {{"main.c",
                             "#include <linux/module.h>\n"
                             "static int __init i(void) { return 0; }\n"
                             "module_init(i);\nMODULE_LICENSE(\"GPL\");\n"}}};
  KbuildOutcome ok = run_kbuild(job);
  ASSERT_TRUE(ok.ok) << ok.error << "\n" << ok.log;
  EXPECT_TRUE(fs::exists(ok.ko_path));
  job.work_dir = (tmp / "bad").string();
  job.sources = {{"main.c", "int f(void) { return undeclared_thing; }\n"}};
  KbuildOutcome bad = run_kbuild(job);
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.log.find("undeclared_thing"), std::string::npos);
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace stap
