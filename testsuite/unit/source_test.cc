#include "parser/diagnostics.h"
#include "parser/file_text.h"
#include "parser/source.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace stap {
namespace {

TEST(SourceManager, LineAndColumn) {
  SourceManager sm;
  FileId f = sm.add("a.stp", "probe begin {\n  x = 1\n}\n");
  LineCol lc = sm.line_col(f, 16);
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.col, 3u);
  EXPECT_EQ(sm.line_text(f, 2), "  x = 1");
}

// A FIFO where a file is expected is refused at once: opening it for
// reading would block until a writer came.
TEST(SourceManager, LoadsOnlyRegularFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("stap-source-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "t.stp") << "probe begin {}\n";
  ASSERT_EQ(mkfifo((dir / "fifo.stp").c_str(), 0600), 0);
  EXPECT_EQ(read_regular_file((dir / "t.stp").string()), "probe begin {}\n");
  EXPECT_EQ(read_regular_file((dir / "fifo.stp").string()), std::nullopt);
  EXPECT_EQ(read_regular_file(dir.string()), std::nullopt);
  EXPECT_EQ(read_regular_file((dir / "missing").string()), std::nullopt);
  SourceManager sm;
  std::string error;
  FileId f = sm.load((dir / "t.stp").string(), SourceOrigin::library, &error);
  ASSERT_NE(f, kNoFile);
  EXPECT_TRUE(sm.is_library(Location{f, 0, 1}));
  EXPECT_EQ(sm.load((dir / "fifo.stp").string(), SourceOrigin::library, &error),
            kNoFile);
  EXPECT_EQ(error, "cannot read '" + (dir / "fifo.stp").string() + "'");
  fs::remove_all(dir);
}

TEST(Diagnostics, RendersCaretUnderRange) {
  SourceManager sm;
  FileId f = sm.add("a.stp", "probe begin {\n  x = 1\n}\n");
  Diagnostics diags(sm);
  diags.error(DiagId::sem_unresolved_variable, Location{f, 16, 17},
              "unresolved variable 'x'");
  EXPECT_EQ(diags.render_all(),
            "a.stp:2:3: semantic error: unresolved variable 'x' [STAP2002]\n"
            "    x = 1\n"
            "    ^\n");
}

TEST(Diagnostics, LongLinesShowAWindowAroundTheCaret) {
  SourceManager sm;
  std::string line(1000, 'a');
  line[700] = 'X';
  FileId f = sm.add("long.stp", line);
  Diagnostics diags(sm);
  diags.error(DiagId::lex_bad_char, Location{f, 700, 701}, "bad");
  std::string out = diags.render_all();
  EXPECT_NE(out.find("long.stp:1:701: parse error: bad"), std::string::npos);
  // The shown line is cut to a window and the caret still sits under 'X'.
  size_t shown = out.find('\n') + 1;
  std::string src = out.substr(shown, out.find('\n', shown) - shown);
  std::string caret = out.substr(out.find('\n', shown) + 1);
  EXPECT_LE(src.size(), 2u + 320u);
  EXPECT_EQ(src[caret.find('^')], 'X');
}

TEST(Diagnostics, WarningsSuppressedOrPromoted) {
  SourceManager sm;
  FileId f = sm.add("a.stp", "x");
  Diagnostics quiet(sm, {.suppress_warnings = true});
  quiet.report(DiagId::sem_unused_global, Location{f, 0, 1}, "unused");
  EXPECT_TRUE(quiet.all().empty());
  Diagnostics strict(sm, {.warnings_are_errors = true});
  strict.report(DiagId::sem_unused_global, Location{f, 0, 1}, "unused");
  EXPECT_EQ(strict.error_count(), 1u);
}

}  // namespace
}  // namespace stap
