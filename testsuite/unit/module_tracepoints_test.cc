// The index of module tracepoints (symbols/module_tracepoints.h): groups
// and classes followed through the relocations of a real relocatable ELF
// object shaped like a module's trace events, and the per-release cache.
#include "symbols/module_tracepoints.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "parser/file_text.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

// A module with two groups, as kvm.ko has: "alpha" for one_event (class
// shared_class) and "beta" for two_event (its own class), and a
// tracepoint without an event. Each event's `class` pointer sits at byte
// 16, each class's `system` pointer at byte 0 (the layout passed below).
constexpr const char *kModuleSource = R"(
struct tracepoint { long x[4]; };
struct event_class { const char *system; long rest; };
struct event_call { void *list[2]; struct event_class *class; };
static const char str__alpha__trace_system_name[] = "alpha";
static const char str__beta__trace_system_name[] = "beta";
static struct event_class event_class_shared_class
    __attribute__((used)) = { str__alpha__trace_system_name };
static struct event_class event_class_two_event
    __attribute__((used)) = { str__beta__trace_system_name };
static struct event_call event_one_event __attribute__((used)) =
    { {0, 0}, &event_class_shared_class };
static struct event_call event_two_event __attribute__((used)) =
    { {0, 0}, &event_class_two_event };
struct tracepoint __tracepoint_one_event
    __attribute__((section("__tracepoints")));
struct tracepoint __tracepoint_two_event
    __attribute__((section("__tracepoints")));
struct tracepoint __tracepoint_no_event
    __attribute__((section("__tracepoints")));
)";

class ModuleTracepointsTest : public ::testing::Test {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/stap-modtp-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The object file, or "" when there is no gcc.
  std::string build_module() {
    std::ofstream(dir_ + "/mod.c") << kModuleSource;
    std::string cmd =
        "gcc -c -O0 -o " + dir_ + "/mod.ko " + dir_ + "/mod.c 2>/dev/null";
    return std::system(cmd.c_str()) == 0 ? dir_ + "/mod.ko" : "";
  }

  std::string dir_;
  TraceEventLayout layout_{.class_offset = 16, .system_offset = 0};
};

TEST_F(ModuleTracepointsTest, FollowsEventsToTheirGroupAndClass) {
  std::string ko = build_module();
  if (ko.empty()) GTEST_SKIP() << "no gcc";
  auto image = read_regular_file(ko);
  ASSERT_TRUE(image);
  auto tps = scan_module_tracepoints(*image, "my_mod", layout_);
  ASSERT_EQ(tps.size(), 3u);
  std::map<std::string, std::pair<std::string, std::string>> got;
  for (const auto &t : tps) {
    EXPECT_EQ(t.module, "my_mod");
    got[t.name] = {t.group, t.event_class};
  }
  EXPECT_EQ(got["one_event"],
            (std::pair<std::string, std::string>{"alpha", "shared_class"}));
  EXPECT_EQ(got["two_event"],
            (std::pair<std::string, std::string>{"beta", "two_event"}));
  // Two groups in the module: one without an event has none.
  EXPECT_EQ(got["no_event"], (std::pair<std::string, std::string>{"", ""}));
}

TEST_F(ModuleTracepointsTest, BuildsOnceThenReadsTheCache) {
  std::string ko = build_module();
  if (ko.empty()) GTEST_SKIP() << "no gcc";
  std::string cache = dir_ + "/cache/R/module-tracepoints-1";
  std::map<std::string, std::string> files = {{"my_mod", ko}};
  auto built = module_tracepoint_index(files, layout_, cache);
  ASSERT_EQ(built.size(), 3u);
  // Sorted by group, then name: the groupless one first.
  EXPECT_EQ(built[0].name, "no_event");
  EXPECT_EQ(built[1].group + ":" + built[1].name, "alpha:one_event");
  EXPECT_EQ(built[2].group + ":" + built[2].name, "beta:two_event");
  auto text = read_regular_file(cache);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "stap module tracepoints 1\n"
                   "- no_event my_mod -\n"
                   "alpha one_event my_mod shared_class\n"
                   "beta two_event my_mod two_event\n");
  // The module is gone: what is listed now comes from the cache.
  fs::remove(ko);
  auto warm = module_tracepoint_index(files, layout_, cache);
  ASSERT_EQ(warm.size(), 3u);
  EXPECT_EQ(warm[0].group, "");
  EXPECT_EQ(warm[1].event_class, "shared_class");
  // A cache file in another format is rebuilt (here: nothing left).
  std::ofstream(cache) << "stap module tracepoints 0\nx y z w\n";
  EXPECT_TRUE(module_tracepoint_index(files, layout_, cache).empty());
}

TEST_F(ModuleTracepointsTest, CacheKeyFollowsModulesDep) {
  EXPECT_EQ(module_tracepoint_cache_file("", dir_, "R"), "");
  EXPECT_EQ(module_tracepoint_cache_file(dir_ + "/c", dir_, "R"), "");
  fs::create_directories(dir_ + "/R");
  std::ofstream(dir_ + "/R/modules.dep") << "a.ko:\n";
  std::string key = module_tracepoint_cache_file(dir_ + "/c", dir_, "R");
  EXPECT_TRUE(key.starts_with(dir_ + "/c/R/module-tracepoints-6-")) << key;
}

}  // namespace
}  // namespace stap
