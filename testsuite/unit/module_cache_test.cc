#include "kbuild/module_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

CacheKeyInputs sample() {
  return {.translator_version = "1",
          .script_text = "probe begin { exit() }",
          .tapset_texts = {"function f() {}"},
          .options = {"-DMAXACTION=10"},
          .kernel_release = "6.1.0-1-amd64",
          .kernel_build_dir = "/nonexistent"};
}

TEST(ModuleCache, KeyCoversEveryInput) {
  std::string base = module_cache_key(sample());
  EXPECT_EQ(base, module_cache_key(sample()));
  auto changed = [&](auto edit) {
    CacheKeyInputs in = sample();
    edit(in);
    return module_cache_key(in);
  };
  EXPECT_NE(base, changed([](auto &in) { in.script_text += " "; }));
  EXPECT_NE(base, changed([](auto &in) { in.tapset_texts.push_back(""); }));
  EXPECT_NE(base, changed([](auto &in) { in.options[0] = "-DMAXACTION=11"; }));
  EXPECT_NE(base, changed([](auto &in) { in.kernel_release = "6.1.0-2-amd64"; }));
  EXPECT_NE(base, changed([](auto &in) { in.translator_version = "2"; }));
}

TEST(ModuleCache, StoreThenLookupAndIgnoreSymlinks) {
  fs::path dir = fs::temp_directory_path() / ("stapcache-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "m.ko") << "module bytes";
  ModuleCache cache((dir / "cache").string());
  std::string key = module_cache_key(sample());
  EXPECT_FALSE(cache.lookup(key));
  std::string err;
  auto stored = cache.store(key, (dir / "m.ko").string(), "/* c */", &err);
  ASSERT_TRUE(stored) << err;
  auto hit = cache.lookup(key);
  ASSERT_TRUE(hit);
  EXPECT_EQ(*hit, *stored);
  EXPECT_EQ(fs::path(*hit).filename(), module_name_for_key(key) + ".ko");
  // A planted symlink in place of an entry is never a hit.
  std::string other = std::string(64, 'a');
  fs::create_directories(dir / "cache" / "aa" / other);
  fs::create_symlink(dir / "m.ko", dir / "cache" / "aa" / other /
                                       (module_name_for_key(other) + ".ko"));
  EXPECT_FALSE(cache.lookup(other));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace stap
