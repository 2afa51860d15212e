// Every entry of parser/diagnostics.def is emitted somewhere in the
// translator's sources, and every stable code is unique: a dead entry or a
// reused code would mislead users and CI rules that key on the codes.
#include "parser/diagnostics.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

std::string all_sources() {
  std::string text;
  for (const char *dir : {"parser", "elaborate", "privilege", "codegen", "driver"})
    for (const auto &e : fs::recursive_directory_iterator(
             fs::path(STAP_SOURCE_DIR) / dir)) {
      auto ext = e.path().extension();
      if (ext != ".cc" && ext != ".h") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      text += ss.str();
    }
  return text;
}

TEST(DiagnosticsCatalogue, EveryIdIsUsed) {
  std::string sources = all_sources();
  std::vector<std::string> unused;
  for (size_t i = 0; i < static_cast<size_t>(DiagId::count_); ++i) {
    std::string name = diag_info(static_cast<DiagId>(i)).name;
    if (sources.find("DiagId::" + name) == std::string::npos)
      unused.push_back(name);
  }
  EXPECT_TRUE(unused.empty()) << "never emitted: " << ::testing::PrintToString(unused);
}

TEST(DiagnosticsCatalogue, CodesAreUnique) {
  std::set<std::string> codes;
  for (size_t i = 0; i < static_cast<size_t>(DiagId::count_); ++i)
    EXPECT_TRUE(codes.insert(diag_info(static_cast<DiagId>(i)).code).second)
        << diag_info(static_cast<DiagId>(i)).code << " is used twice";
}

}  // namespace
}  // namespace stap
