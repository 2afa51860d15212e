// Pass 4 against the installed kernel headers: the runtime is compiled once
// and linked in prebuilt afterwards, and a broken prebuilt object costs a
// rebuild, never the module.
#include "kbuild/build_module.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

std::string headers_tree() {
  std::error_code ec;
  for (const auto &e : fs::directory_iterator("/lib/modules", ec))
    if (fs::exists(e.path() / "build/Makefile", ec)) return (e.path() / "build").string();
  return "";
}

// The smallest module the runtime accepts: no probes at all.
const char *kProgram =
    "#include \"stap_features.h\"\n#include \"stap_runtime.h\"\n"
    "STP_PRIVILEGE(\"stapdev\", \"\");\n"
    "const size_t stp_locals_size = 8;\n"
    "const struct stp_provider_use stp_provider_uses[] = { { NULL, NULL, 0 } };\n"
    "const unsigned int stp_provider_use_count = 0;\n"
    "int stp_globals_init(void) { return 0; }\n"
    "void stp_globals_free(void) { }\n"
    "#ifndef STAP_RUNTIME_SEPARATE\n#include \"stap_runtime.c\"\n#endif\n";

TEST(BuildModule, RuntimeIsPrebuiltOnceAndRebuiltWhenBroken) {
  std::string kdir = headers_tree();
  if (kdir.empty()) GTEST_SKIP() << "no kernel headers under /lib/modules";
  fs::path tmp = fs::temp_directory_path() / ("stapbm-" + std::to_string(getpid()));
  ModuleBuildRequest req;
  req.module_name = "stap_bmtest";
  req.c_source = kProgram;
  req.kernel_build_dir = kdir;
  req.runtime_dir = std::string(STAP_SOURCE_DIR) + "/runtime";
  req.cache_dir = (tmp / "cache").string();

  auto build = [&](const char *dir) {
    req.work_dir = (tmp / dir).string();
    return build_module(req);
  };
  ModuleBuildResult first = build("one");
  ASSERT_TRUE(first.ok) << first.error << "\n" << first.log;
  EXPECT_FALSE(first.runtime_from_cache);
  ModuleBuildResult second = build("two");
  ASSERT_TRUE(second.ok) << second.error << "\n" << second.log;
  EXPECT_TRUE(second.runtime_from_cache);

  for (const auto &e : fs::directory_iterator(tmp / "cache"))
    if (e.path().extension() == ".o") std::ofstream(e.path()) << "not an object";
  ModuleBuildResult third = build("three");
  ASSERT_TRUE(third.ok) << third.error << "\n" << third.log;
  EXPECT_FALSE(third.runtime_from_cache);
  EXPECT_TRUE(fs::exists(third.ko_path));
  fs::remove_all(tmp);
}

// Pass 4 refuses what staprun would refuse to load: one bound, two sides.
TEST(BuildModule, ModuleSizeBoundIsStapruns) {
  EXPECT_EQ(module_size_error(64u << 20), "");
  EXPECT_EQ(module_size_error((64u << 20) + 1),
            "the module is 67108865 bytes, over the limit of 64 MiB that "
            "staprun loads (fewer probes or less code)");
}

}  // namespace
}  // namespace stap
