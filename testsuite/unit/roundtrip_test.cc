// The printer's contract: print(parse(print(x))) == print(x), checked over
// every script of the corpus under testsuite/**/ok/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/macros.h"
#include "parser/parse.h"
#include "parser/printer.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

bool in_ok_dir(const fs::path &p) {
  for (const auto &part : p)
    if (part == "ok") return true;
  return false;
}

// "# stap-args: a 'b c'" -> {"a", "b c"}
std::vector<std::string> script_args(const std::string &text) {
  std::vector<std::string> args;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::string key = "# stap-args:";
    if (line.rfind(key, 0) != 0) continue;
    std::string cur;
    bool any = false;
    char quote = 0;
    for (char c : line.substr(key.size())) {
      if (quote) {
        if (c == quote) quote = 0;
        else cur += c;
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (c == ' ' || c == '\t') {
        if (any || !cur.empty()) args.push_back(cur);
        cur.clear();
        any = false;
      } else {
        cur += c;
      }
    }
    if (any || !cur.empty()) args.push_back(cur);
  }
  return args;
}

bool has_error(const Diagnostics &d, DiagId id) {
  for (const auto &x : d.all())
    if (x.id == id) return true;
  return false;
}

TEST(Roundtrip, EveryOkScriptPrintsToAFixedPoint) {
  fs::path root = fs::path(STAP_SOURCE_DIR) / "testsuite";
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus at " << root;
  SourceManager sm;
  Diagnostics lib_diags(sm);
  MacroTable macros;
  ParseOptions base;
  base.env.kernel_v = "6.1.0";
  base.env.kernel_vr = "6.1.0-26-amd64";
  fs::path tapsets = fs::path(STAP_SOURCE_DIR) / "tapsets";
  if (fs::exists(tapsets))
    for (const auto &e : fs::recursive_directory_iterator(tapsets))
      if (e.path().extension() == ".stpm") {
        std::string err;
        FileId f = sm.load(e.path().string(), SourceOrigin::library, &err);
        if (f != kNoFile) load_macro_library(f, sm, lib_diags, base, macros);
      }

  size_t checked = 0, skipped = 0;
  std::vector<fs::path> scripts;
  for (const auto &e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".stp" &&
        in_ok_dir(e.path().lexically_relative(root)))
      scripts.push_back(e.path());
  std::sort(scripts.begin(), scripts.end());
  for (const fs::path &path : scripts) {
    std::string err;
    FileId f = sm.load(path.string(), SourceOrigin::script, &err);
    ASSERT_NE(f, kNoFile) << err;
    ParseOptions opts = base;
    opts.script_args = script_args(std::string(sm.text(f)));
    opts.env.guru = std::string(sm.text(f)).find("# stap-options:") !=
                        std::string::npos &&
                    std::string(sm.text(f)).find(" -g") != std::string::npos;
    AstContext ctx;
    Diagnostics diags(sm);
    ParsedFile *first = parse_file(f, sm, ctx, diags, opts, macros);
    if (diags.has_errors()) {
      // Scripts that need arguments we cannot guess are skipped.
      if (has_error(diags, DiagId::arg_missing)) {
        ++skipped;
        continue;
      }
      ADD_FAILURE() << path << " does not parse:\n" << diags.render_all();
      continue;
    }
    std::string once = print_file(*first);
    FileId again = sm.add(path.string() + " (printed)", once);
    Diagnostics diags2(sm);
    ParsedFile *second = parse_file(again, sm, ctx, diags2, opts, macros);
    EXPECT_FALSE(diags2.has_errors())
        << path << ": the printed form does not parse:\n"
        << diags2.render_all() << once;
    EXPECT_EQ(print_file(*second), once) << path;
    ++checked;
  }
  std::cout << "[ roundtrip ] checked " << checked << " scripts, skipped "
            << skipped << " that need script arguments\n";
  if (!scripts.empty()) {
    EXPECT_GE(checked, 1u);
  }
}

}  // namespace
}  // namespace stap
