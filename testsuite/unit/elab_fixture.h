// Runs passes 1-2 on a script held in memory, for the pass-2 unit tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "elaborate/elaborate.h"
#include "host_symbol_paths.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {

struct Elab {
  SourceManager sm;
  AstContext ctx;
  Diagnostics diags{sm};
  MacroTable macros;
  // This machine's kernel, as `stap` would target it.
  ElaborateOptions opts{.symbol_paths = host_symbol_paths()};
  Program program;

  Elab() = default;
  explicit Elab(const std::string &text, bool optimize = false) {
    run(text, optimize);
  }

  void run(const std::string &text, bool optimize = false) {
    opts.optimize = optimize;
    FileId f = sm.add("t.stp", text);
    ParsedFile *pf = parse_file(f, sm, ctx, diags, opts.parse, macros);
    program = elaborate(pf, sm, ctx, diags, opts, macros);
  }

  // First line of each diagnostic and its notes.
  std::string summary() const {
    std::string out;
    for (const Diagnostic &d : diags.finalized()) {
      std::string r = diags.render(d);
      size_t start = 0;
      while (start < r.size()) {
        size_t nl = r.find('\n', start);
        std::string line = r.substr(start, nl - start);
        // "parse error: " and "semantic error: " too
        if (line.find(" error: ") != std::string::npos ||
            line.find(": warning: ") != std::string::npos ||
            line.find(": note: ") != std::string::npos ||
            line.rfind("error: ", 0) == 0 || line.rfind("warning: ", 0) == 0)
          out += line + "\n";
        start = nl == std::string::npos ? r.size() : nl + 1;
      }
    }
    return out;
  }
};

// A tapset tree in a temporary directory, removed afterwards.
class TapsetDir : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("stap-tapset-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void write(const std::string &rel, const std::string &text) {
    std::filesystem::path p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::filesystem::path root_;
};

}  // namespace stap
