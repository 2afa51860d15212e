// The module tracepoint scan against the real modules of every release
// under /lib/modules with a /boot/vmlinuz-RELEASE (plain .ko on 6.1,
// .ko.xz on 6.12): which modules are scanned first for a group, and the
// scan on several threads finding exactly what one module at a time does.
#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "elaborate/symbols.h"
#include "host_symbol_paths.h"
#include "parser/file_text.h"
#include "symbols/decompress.h"
#include "symbols/kernel_btf.h"
#include "symbols/module_tracepoints.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> releases_with_images() {
  std::vector<std::string> out = host_releases();
  std::erase_if(out, [](const std::string &r) {
    return !fs::exists("/boot/vmlinuz-" + r);
  });
  return out;
}

class InstalledModules : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/stap-modtp-real-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    cache_ = tmpl;
    KernelBtfPaths p = kernel_btf_paths(host_symbol_paths(GetParam()));
    p.cache_dir = cache_;
    std::string why;
    btf_ = KernelBtf::load(p, &why);
    ASSERT_TRUE(btf_) << why;
  }
  void TearDown() override { fs::remove_all(cache_); }

  std::string cache_;
  std::unique_ptr<KernelBtf> btf_;
};

using Row = std::tuple<std::string, std::string, std::string, std::string>;

std::vector<Row> rows(const std::vector<ModuleTracepoint> &tps) {
  std::vector<Row> out;
  for (const auto &t : tps)
    out.emplace_back(t.group, t.name, t.module, t.event_class);
  return out;
}

TEST_P(InstalledModules, GroupNamesTheModulesScannedFirst) {
  const auto &files = btf_->module_files();
  auto kvm = modules_named_like(files, "kvm");
  for (const char *m : {"kvm", "kvm_amd", "kvm_intel"})
    EXPECT_TRUE(kvm.count(m)) << m;
  EXPECT_FALSE(kvm.count("ext4"));
  for (const auto &[module, path] : kvm) {
    EXPECT_NE(module.find("kvm"), std::string::npos) << module;
    EXPECT_EQ(path, files.at(module));
  }
  // The module's name holds the group, with '-' read as '_'.
  EXPECT_TRUE(modules_named_like(files, "hda_intel").count("snd_hda_intel"));
  EXPECT_TRUE(modules_named_like(files, "hda-intel").count("snd_hda_intel"));
  // The group holds the module's name as whole words only: "ch" and
  // "sg" are modules, not words of this group.
  auto qla = modules_named_like(files, "qla2xxx_such_sg");
  EXPECT_TRUE(qla.count("qla2xxx"));
  EXPECT_TRUE(qla.count("sg"));
  EXPECT_FALSE(qla.count("ch"));
  EXPECT_TRUE(modules_named_like(files, "").empty());
  EXPECT_TRUE(modules_named_like(files, "no_such_group_anywhere").empty());

  // Scanning only those finds kvm:kvm_exit in kvm, with its class.
  auto found =
      rows(scan_module_files(kvm, trace_event_layout(btf_->vmlinux())));
  EXPECT_NE(std::find(found.begin(), found.end(),
                      Row{"kvm", "kvm_exit", "kvm", "kvm_exit"}),
            found.end());
}

TEST_P(InstalledModules, ThreadsFindWhatOneModuleAtATimeFinds) {
  std::map<std::string, std::string> fs_modules;
  for (const auto &[module, path] : btf_->module_files())
    if (path.find("/kernel/fs/") != std::string::npos)
      fs_modules.emplace(module, path);
  ASSERT_GT(fs_modules.size(), 20u);
  TraceEventLayout layout = trace_event_layout(btf_->vmlinux());
  std::vector<Row> one_by_one;
  for (const auto &[module, path] : fs_modules) {
    auto image = read_regular_file(path);
    ASSERT_TRUE(image) << path;
    std::string why;
    if (compression_of(*image) != Compression::none)
      image =
          decompress(*image, compression_of(*image), size_t(128) << 20, &why);
    ASSERT_TRUE(image) << path << ": " << why;
    for (const Row &r : rows(scan_module_tracepoints(*image, module, layout)))
      one_by_one.push_back(r);
  }
  std::sort(one_by_one.begin(), one_by_one.end());
  std::vector<Row> threaded = rows(scan_module_files(fs_modules, layout));
  EXPECT_EQ(threaded, one_by_one);
  // ext4's own events are among them, in their group.
  EXPECT_NE(std::find(threaded.begin(), threaded.end(),
                      Row{"ext4", "ext4_sync_file_enter", "ext4",
                          "ext4_sync_file_enter"}),
            threaded.end());
}

// An exact module point is found by scanning the modules named like its
// group, cached per group; the release's whole index (seconds on 6.12,
// built by a pattern or a miss) is not: its cache file stays absent.
TEST_P(InstalledModules, ExactModulePointNeedsNoIndex) {
  KernelSymbolPaths paths = host_symbol_paths(GetParam());
  paths.btf_cache_dir = cache_;
  std::string index =
      module_tracepoint_cache_file(cache_, paths.modules_root, GetParam());
  ASSERT_FALSE(index.empty());
  for (int run = 0; run < 2; ++run) {  // scanned, then from the group's cache
    SymbolSource symbols(paths);
    SymbolMatches m =
        symbols.glob(SymbolKind::kernel_tracepoint, "", "kvm:kvm_exit");
    ASSERT_EQ(m.status, SymbolStatus::ok) << m.detail;
    EXPECT_EQ(m.names, std::vector<std::string>{"kvm:kvm_exit"});
    EXPECT_EQ(symbols.kernel_tracepoint_module("kvm:kvm_exit"), "kvm");
    EXPECT_TRUE(fs::exists(index + "-group-kvm"));
    EXPECT_FALSE(fs::exists(index));
  }
}

INSTANTIATE_TEST_SUITE_P(Real, InstalledModules,
                         ::testing::ValuesIn(releases_with_images()),
                         [](const auto &info) {
                           return release_test_name(info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(InstalledModules);

}  // namespace
}  // namespace stap
