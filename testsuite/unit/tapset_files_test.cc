// Every file of the shipped tapset library parses without a diagnostic,
// macro libraries first (as the elaborator loads them), and each public
// embedded-C function carries a doc comment.
#include "parser/macros.h"
#include "parser/parse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace stap {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> library_files(const std::string &ext) {
  std::vector<std::string> out;
  for (const auto &e :
       fs::recursive_directory_iterator(std::string(STAP_SOURCE_DIR) + "/tapsets"))
    if (e.path().extension() == ext) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(TapsetFiles, EveryFileParsesCleanly) {
  SourceManager sm;
  AstContext ctx;
  Diagnostics diags(sm);
  MacroTable macros;
  ParseOptions opts;
  opts.env.kernel_v = "6.1.0";
  opts.env.kernel_vr = "6.1.0-26-amd64";
  std::vector<std::string> macro_files = library_files(".stpm");
  std::vector<std::string> tapset_files = library_files(".stp");
  EXPECT_GE(macro_files.size(), 2u);
  EXPECT_GE(tapset_files.size(), 35u);
  std::string err;
  for (const std::string &p : macro_files) {
    FileId f = sm.load(p, SourceOrigin::library, &err);
    ASSERT_NE(f, kNoFile) << err;
    load_macro_library(f, sm, diags, opts, macros);
  }
  size_t functions = 0, aliases = 0;
  for (const std::string &p : tapset_files) {
    FileId f = sm.load(p, SourceOrigin::library, &err);
    ASSERT_NE(f, kNoFile) << err;
    ParsedFile *pf = parse_file(f, sm, ctx, diags, opts, macros);
    functions += pf->functions.size();
    aliases += pf->aliases.size();
    EXPECT_FALSE(pf->functions.empty() && pf->aliases.empty() &&
                 pf->globals.empty())
        << p << " defines nothing";
  }
  EXPECT_EQ(diags.render_all(), "");
  EXPECT_GE(functions, 150u);
  EXPECT_GE(aliases, 60u);
}

}  // namespace
}  // namespace stap
