#include "parser/diagnostics.h"
#include "parser/source.h"

#include <gtest/gtest.h>

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

TEST(Diagnostics, RendersCaretUnderRange) {
  SourceManager sm;
  FileId f = sm.add("a.stp", "probe begin {\n  x = 1\n}\n");
  Diagnostics diags(sm);
  diags.error(DiagId::sem_unresolved_variable, Location{f, 16, 17},
              "unresolved variable 'x'");
  EXPECT_EQ(diags.render_all(),
            "a.stp:2:3: error: unresolved variable 'x' [STAP2002]\n"
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
  EXPECT_NE(out.find("long.stp:1:701: error: bad"), std::string::npos);
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
