// Preprocessor: each condition kind, nesting, macros, script arguments.
#include <gtest/gtest.h>

#include "parser/preprocessor.h"

namespace stap {
namespace {

struct Result {
  std::string text;   // token spellings joined by spaces
  std::string diags;  // rendered diagnostics
};

ParseOptions default_options() {
  ParseOptions o;
  o.env.kernel_v = "6.1.0";
  o.env.kernel_vr = "6.1.0-26-amd64";
  o.env.config = [](std::string_view name) -> std::optional<std::string> {
    if (name == "CONFIG_SMP") return "y";
    if (name == "CONFIG_NR_CPUS") return "64";
    return "";
  };
  return o;
}

Result pp(const std::string &text, const ParseOptions &opts,
          MacroTable *library = nullptr) {
  SourceManager sm;
  Diagnostics diags(sm);
  FileId f = sm.add("t.stp", text);
  MacroTable lib, local;
  Preprocessor p(sm, f, diags, opts, library ? *library : lib, local);
  Result r;
  for (Token t = p.next(); t.kind != Tok::eof; t = p.next()) {
    if (!r.text.empty()) r.text += ' ';
    if (t.kind == Tok::string) r.text += "\"" + std::string(t.text) + "\"";
    else r.text += t.text;
  }
  r.diags = diags.render_all();
  return r;
}

Result pp(const std::string &text) { return pp(text, default_options()); }

std::string cond(const std::string &c, const ParseOptions &opts) {
  return pp("%( " + c + " %? yes %: no %)", opts).text;
}
std::string cond(const std::string &c) { return cond(c, default_options()); }

TEST(Preprocessor, KernelVersionComparesAsVersion) {
  EXPECT_EQ(cond("kernel_v >= \"2.6.32\""), "yes");
  EXPECT_EQ(cond("kernel_v < \"6.1.10\""), "yes");
  EXPECT_EQ(cond("kernel_v > \"6.1\""), "yes");
  EXPECT_EQ(cond("kernel_v == \"6.1.*\""), "yes");
  EXPECT_EQ(cond("kernel_v != \"6.1.*\""), "no");
  EXPECT_EQ(cond("kernel_vr == \"6.1.0-26-amd64\""), "yes");
  EXPECT_EQ(cond("kernel_vr >= \"6.1.0-3\""), "yes");
  EXPECT_EQ(cond("systemtap_v >= \"4.0\""), "yes");
}

// The version operand must be a string literal, as the language reference
// says; a bare number is refused at the operator.
TEST(Preprocessor, KernelVersionAgainstNumberIsAnError) {
  Result r = pp("%( kernel_v >= 6 %? yes %: no %)");
  EXPECT_NE(
      r.diags.find("t.stp:1:13: parse error: cannot compare string '6.1.0' "
                   "with a number"),
      std::string::npos)
      << r.diags;
}

TEST(Preprocessor, ArchRuntimePrivilegeGuru) {
  EXPECT_EQ(cond("arch == \"x86_64\""), "yes");
  EXPECT_EQ(cond("arch == \"i?86\""), "no");
  EXPECT_EQ(cond("runtime == \"kernel\""), "yes");
  EXPECT_EQ(cond("systemtap_privilege != \"stapusr\""), "yes");
  EXPECT_EQ(cond("guru_mode == 0"), "yes");
  ParseOptions o = default_options();
  o.env.guru = true;
  o.env.privilege = "stapusr";
  EXPECT_EQ(cond("guru_mode == 1", o), "yes");
  EXPECT_EQ(cond("systemtap_privilege == \"stapusr\"", o), "yes");
}

TEST(Preprocessor, ConfigValues) {
  EXPECT_EQ(cond("CONFIG_SMP == \"y\""), "yes");
  EXPECT_EQ(cond("CONFIG_SMP == \"m\""), "no");
  EXPECT_EQ(cond("CONFIG_NR_CPUS >= 32"), "yes");
  EXPECT_EQ(cond("CONFIG_MISSING == \"y\""), "no");
}

// SystemTap: an unset option is "" and, compared with a number, 0; a
// numeric option compares as a number, not as text.
TEST(Preprocessor, ConfigUnsetIsEmptyAndZero) {
  EXPECT_EQ(cond("CONFIG_MISSING == \"\""), "yes");
  EXPECT_EQ(cond("CONFIG_MISSING == 0"), "yes");
  EXPECT_EQ(cond("CONFIG_MISSING != 0"), "no");
  EXPECT_EQ(cond("CONFIG_MISSING < 1"), "yes");
  EXPECT_EQ(cond("CONFIG_NR_CPUS > 9"), "yes");
  EXPECT_EQ(cond("CONFIG_NR_CPUS == 64"), "yes");
}

// arch, runtime and systemtap_privilege are names: == and != only; $#
// and $N compare with numbers only (SystemTap refuses both at pass 1).
TEST(Preprocessor, ComparisonOfTheWrongKind) {
  ParseOptions o = default_options();
  o.script_args = {"2"};
  EXPECT_NE(pp("%( arch >= \"x\" %? a %)", o)
                .diags.find(
                    "t.stp:1:9: parse error: expected '==' or '!=' to compare "
                    "'arch', not '>=' [STAP1010]"),
            std::string::npos);
  EXPECT_NE(
      pp("%( $# != \"2\" %? a %)", o)
          .diags.find(
              "t.stp:1:7: parse error: expected a number literal to compare "
              "with '$#' [STAP1010]"),
      std::string::npos);
  EXPECT_NE(pp("%( $1 == \"2\" %? a %)", o)
                .diags.find("expected a number literal to compare with '$1'"),
            std::string::npos);
  EXPECT_EQ(pp("%( $# == 1 %? a %)", o).diags, "");
  EXPECT_EQ(pp("%( @1 == \"2\" %? a %)", o).diags, "");
  EXPECT_EQ(pp("%( kernel_v >= \"2.6\" %? a %)", o).diags, "");
}

TEST(Preprocessor, ConfigUnavailableWarnsAndIsFalse) {
  ParseOptions o = default_options();
  o.env.config = [](std::string_view) { return std::optional<std::string>(); };
  Result r = pp("%( CONFIG_SMP == \"y\" %? yes %: no %)", o);
  EXPECT_EQ(r.text, "no");
  EXPECT_EQ(r.diags,
            "t.stp:1:4: warning: kernel configuration unavailable; condition "
            "on 'CONFIG_SMP' is false [STAP1016]\n"
            "  %( CONFIG_SMP == \"y\" %? yes %: no %)\n"
            "     ^~~~~~~~~~\n");
}

TEST(Preprocessor, ArgumentCountAndLogic) {
  ParseOptions o = default_options();
  o.script_args = {"a", "b"};
  EXPECT_EQ(cond("$# == 2", o), "yes");
  EXPECT_EQ(cond("@# == \"2\"", o), "yes");
  EXPECT_EQ(cond("$# > 2 || arch == \"x86_64\"", o), "yes");
  EXPECT_EQ(cond("$# > 2 || (arch == \"x86_64\" && guru_mode)", o), "no");
  EXPECT_EQ(cond("!(arch == \"arm\")", o), "yes");
  EXPECT_EQ(cond("@1 == \"a\" && @2 == \"b\"", o), "yes");
  o.script_args = {"7"};
  EXPECT_EQ(cond("$1 > 5", o), "yes");
  o.script_args = {"x"};
  Result r = pp("%( $1 > 5 %? a %: b %)", o);
  EXPECT_EQ(r.text, "b");
  EXPECT_EQ(r.diags,
            "t.stp:1:4: parse error: script argument '$1' is not a number: 'x' "
            "[STAP1021]\n"
            "  %( $1 > 5 %? a %: b %)\n"
            "     ^~\n");
}

TEST(Preprocessor, ElseIsOptionalAndNestingWorks) {
  EXPECT_EQ(pp("a %( arch == \"x86_64\" %? b %) c").text, "a b c");
  EXPECT_EQ(pp("a %( arch == \"arm\" %? b %) c").text, "a c");
  EXPECT_EQ(pp("%( arch == \"arm\" %? %( 1 == 1 %? x %: y %) %: "
               "%( 1 == 2 %? p %: q %( 2 == 2 %? r %) %) %)")
                .text,
            "q r");
  EXPECT_EQ(pp("%( 1 == 1 %? %( 2 == 2 %? x %: y %) z %: w %)").text, "x z");
}

TEST(Preprocessor, BadConditionIsReportedAndFalse) {
  Result r = pp("%( frobnicate == 1 %? a %: b %)");
  EXPECT_EQ(r.text, "b");
  EXPECT_EQ(
      r.diags,
      "t.stp:1:4: parse error: unknown preprocessor condition 'frobnicate' "
      "[STAP1010]\n"
      "  %( frobnicate == 1 %? a %: b %)\n"
      "     ^~~~~~~~~~\n");
}

TEST(Preprocessor, UnterminatedConditional) {
  Result r = pp("%( 1 == 1 %? a");
  EXPECT_EQ(r.text, "a");
  EXPECT_EQ(
      r.diags,
      "t.stp:1:1: parse error: unterminated preprocessor conditional (missing "
      "'%)') [STAP1011]\n"
      "  %( 1 == 1 %? a\n"
      "  ^~\n");
  EXPECT_EQ(pp("%)").diags,
            "t.stp:1:1: parse error: '%)' outside a preprocessor conditional "
            "[STAP1010]\n"
            "  %)\n"
            "  ^~\n");
}

TEST(Preprocessor, MacrosExpandWithArguments) {
  EXPECT_EQ(pp("@define two %( 2 %) x = @two").text, "x = 2");
  EXPECT_EQ(pp("@define add(a, b) %( (@a + @b) %) @add(f(1, 2), [3])").text,
            "( f ( 1 , 2 ) + [ 3 ] )");
  EXPECT_EQ(pp("@define id(x) %( @x %) @id(@id(7))").text, "7");
  EXPECT_EQ(pp("@define t %( %( 1 == 1 %? yes %: no %) %) @t").text, "yes");
  EXPECT_EQ(pp("@define m %( 1 %) %( defined(@m) %? y %: n %) "
               "%( defined(@q) %? y %: n %)")
                .text,
            "y n");
}

TEST(Preprocessor, MacroRecursionIsAnError) {
  Result r = pp("@define a %( @b %)\n@define b %( @a %)\nx @a");
  // The failed use stays as one Tok::error token, so the parser does not
  // cascade into "expected an expression".
  EXPECT_EQ(r.text, "x @a");
  EXPECT_EQ(
      r.diags,
      "t.stp:2:14: parse error: recursive expansion of macro '@a' [STAP1014]\n"
      "  @define b %( @a %)\n"
      "               ^~\n"
      "t.stp:1:14: note: expanded from macro '@b'\n"
      "  @define a %( @b %)\n"
      "               ^~\n"
      "t.stp:3:3: note: expanded from macro '@a'\n"
      "  x @a\n"
      "    ^~\n");
}

TEST(Preprocessor, MacroErrors) {
  EXPECT_EQ(pp("@nope").diags,
            "t.stp:1:1: parse error: unknown macro '@nope' [STAP1012]\n"
            "  @nope\n"
            "  ^~~~~\n");
  EXPECT_EQ(
      pp("@define f(a) %( @a %) @f(1, 2)").diags,
      "t.stp:1:23: parse error: macro '@f' expects 1 argument(s), 2 given "
      "[STAP1013]\n"
      "  @define f(a) %( @a %) @f(1, 2)\n"
      "                        ^~~~~~~~\n");
  Result r = pp("@define f %( 1 %)\n@define f %( 2 %)");
  EXPECT_EQ(r.diags,
            "t.stp:2:9: parse error: redefinition of macro '@f' [STAP1017]\n"
            "  @define f %( 2 %)\n"
            "          ^\n"
            "t.stp:1:9: note: previous definition is here\n"
            "  @define f %( 1 %)\n"
            "          ^\n");
  // A broken @define is skipped through its body, without follow-on errors.
  Result bad = pp("@define F(a, 1) %( @a %) x");
  EXPECT_EQ(bad.text, "x");
  EXPECT_EQ(bad.diags,
            "t.stp:1:14: parse error: expected a parameter name in '@define F' "
            "[STAP1015]\n"
            "  @define F(a, 1) %( @a %) x\n"
            "               ^\n");
  EXPECT_EQ(pp("@define 5").diags,
            "t.stp:1:9: parse error: expected a macro name after '@define' "
            "[STAP1015]\n"
            "  @define 5\n"
            "          ^\n");
}

TEST(Preprocessor, LibraryMacrosAreVisibleAndShadowed) {
  MacroTable lib;
  SourceManager sm;
  Diagnostics diags(sm);
  FileId lib_file = sm.add("lib.stpm", "@define lib_m %( 42 %)");
  load_macro_library(lib_file, sm, diags, default_options(), lib);
  EXPECT_NE(lib.find("lib_m"), nullptr);
  FileId f = sm.add("t.stp", "@lib_m @define lib_m %( 1 %) @lib_m");
  MacroTable local;
  ParseOptions opts = default_options();
  Preprocessor p(sm, f, diags, opts, lib, local);
  std::string text;
  for (Token t = p.next(); t.kind != Tok::eof; t = p.next())
    text += std::string(t.text) + " ";
  EXPECT_EQ(text, "42 1 ");
  EXPECT_EQ(diags.render_all(), "");
}

TEST(Preprocessor, CodeLeftInLibraryMacroFileIsAnError) {
  MacroTable lib;
  SourceManager sm;
  Diagnostics diags(sm);
  FileId lib_file = sm.add("lib.stpm", "@define lib_m %( 42 %) junk more");
  load_macro_library(lib_file, sm, diags, default_options(), lib);
  EXPECT_NE(lib.find("lib_m"), nullptr);
  EXPECT_EQ(diags.render_all(),
            "lib.stpm:1:24: parse error: unexpected token in library macro "
            "file 'lib.stpm' [STAP1101]\n"
            "  @define lib_m %( 42 %) junk more\n"
            "                         ^~~~\n");
}

TEST(Preprocessor, ScriptArguments) {
  ParseOptions o = default_options();
  o.script_args = {"foo(1)", "bar baz"};
  Result r = pp("$1 @2 $# @#", o);
  EXPECT_EQ(r.text, "foo ( 1 ) \"bar baz\" 2 \"2\"");
  EXPECT_EQ(r.diags, "");
}

TEST(Preprocessor, MissingScriptArgument) {
  Result r = pp("x = $3 . @3");
  EXPECT_EQ(r.text, "x = 0 . \"\"");
  EXPECT_EQ(r.diags,
            "t.stp:1:5: parse error: missing script argument '$3' (0 given) "
            "[STAP1020]\n"
            "  x = $3 . @3\n"
            "      ^~\n"
            "t.stp:1:10: parse error: missing script argument '@3' (0 given) "
            "[STAP1020]\n"
            "  x = $3 . @3\n"
            "           ^~\n");
}

TEST(Preprocessor, ScriptArgumentLocationsCarryTheSite) {
  SourceManager sm;
  Diagnostics diags(sm);
  FileId f = sm.add("t.stp", "a $1");
  MacroTable lib, local;
  ParseOptions o;
  o.script_args = {"xyz"};
  Preprocessor p(sm, f, diags, o, lib, local);
  p.next();
  Token t = p.next();
  EXPECT_EQ(t.text, "xyz");
  ASSERT_NE(t.loc.expansion, kNoExpansion);
  const Expansion &e = sm.expansion(t.loc.expansion);
  EXPECT_EQ(e.kind, ExpansionKind::script_arg);
  EXPECT_EQ(sm.describe(e.site), "t.stp:1:3");
  EXPECT_EQ(sm.file(t.loc.file).name, "<argument 1>");
  EXPECT_EQ(sm.origin(t.loc.file), SourceOrigin::argument);  // user code
}

}  // namespace
}  // namespace stap
