// Lexer: token kinds and spellings, escapes, numbers, comments, errors.
#include <gtest/gtest.h>

#include "parser/lexer.h"

namespace stap {
namespace {

struct Lexed {
  std::vector<std::string> tokens;  // "kind:text"
  std::string diags;
};

const char *kind_name(Tok k) {
  switch (k) {
  case Tok::eof: return "eof";
  case Tok::ident: return "id";
  case Tok::number: return "num";
  case Tok::string: return "str";
  case Tok::embedded: return "c";
  case Tok::op: return "op";
  case Tok::target: return "tgt";
  case Tok::at_name: return "at";
  case Tok::arg_dollar: return "arg$";
  case Tok::arg_at: return "arg@";
  case Tok::argc_dollar: return "argc$";
  case Tok::argc_at: return "argc@";
  case Tok::pp_open: return "pp(";
  case Tok::pp_then: return "pp?";
  case Tok::pp_else: return "pp:";
  case Tok::pp_close: return "pp)";
  case Tok::error: return "err";
  }
  return "?";
}

Lexed lex(const std::string &text) {
  SourceManager sm;
  Diagnostics diags(sm);
  FileId f = sm.add("t.stp", text);
  Lexer lexer(sm, f, diags);
  Lexed out;
  for (Token t = lexer.next(); t.kind != Tok::eof; t = lexer.next())
    out.tokens.push_back(std::string(kind_name(t.kind)) + ":" +
                         std::string(t.text));
  out.diags = diags.render_all();
  return out;
}

using V = std::vector<std::string>;

TEST(Lexer, IdentifiersNumbersOperators) {
  auto r = lex("foo_1 = 0x1F + 017 - 42 <<< a >>>= b");
  EXPECT_EQ(r.tokens, (V{"id:foo_1", "op:=", "num:0x1F", "op:+", "num:017",
                         "op:-", "num:42", "op:<<<", "id:a", "op:>>>",
                         "op:=", "id:b"}));
  EXPECT_EQ(r.diags, "");
}

TEST(Lexer, LongestOperatorsWin) {
  auto r = lex("a<<=b>>c->d!=e!~f=~g.=h&&i||j++ --k");
  EXPECT_EQ(r.tokens,
            (V{"id:a", "op:<<=", "id:b", "op:>>", "id:c", "op:->", "id:d",
               "op:!=", "id:e", "op:!~", "id:f", "op:=~", "id:g", "op:.=",
               "id:h", "op:&&", "id:i", "op:||", "id:j", "op:++", "op:--",
               "id:k"}));
}

TEST(Lexer, CommentsAreSkipped) {
  auto r = lex("#! shebang\na // line\n/* block\n x */ b # hash\nc");
  EXPECT_EQ(r.tokens, (V{"id:a", "id:b", "id:c"}));
}

TEST(Lexer, StringKeepsEscapesUntilDecoded) {
  auto r = lex(R"("a\n\"b\x41\101\\")");
  EXPECT_EQ(r.tokens, (V{R"(str:a\n\"b\x41\101\\)"}));
  EXPECT_EQ(decode_string(R"(a\n\"b\x41\101\\)"), "a\n\"bAA\\");
  EXPECT_EQ(decode_string(R"(\t\r\a\b\f\v\0)"),
            std::string("\t\r\a\b\f\v\0", 7));
}

TEST(Lexer, TargetsArgsAndAtNames) {
  auto r = lex("$fd $$parms $var$ $v$$ $1 @2 $# @# @cast @foo");
  EXPECT_EQ(r.tokens, (V{"tgt:$fd", "tgt:$$parms", "tgt:$var", "op:$",
                         "tgt:$v", "op:$$", "arg$:$1", "arg@:@2", "argc$:$#",
                         "argc@:@#", "at:@cast", "at:@foo"}));
}

// SystemTap's SDT tapsets write `$$$$provider` and `$$$arg3`: one target
// token whatever the run of '$' before the name.
TEST(Lexer, LongDollarRunBeforeANameIsOneTarget) {
  auto r = lex("$$$$provider $$$arg3 $v$$ x");
  EXPECT_EQ(r.tokens,
            (V{"tgt:$$$$provider", "tgt:$$$arg3", "tgt:$v", "op:$$", "id:x"}));
}

TEST(Lexer, PreprocessorAndEmbedded) {
  auto r = lex("%( %? %: %) %{ int x; %} a%[3]");
  EXPECT_EQ(r.tokens, (V{"pp(:%(", "pp?:%?", "pp::%:", "pp):%)",
                         "c: int x; ", "id:a", "op:%", "op:[", "num:3",
                         "op:]"}));
}

TEST(Lexer, UnterminatedString) {
  auto r = lex("x = \"abc");
  EXPECT_EQ(r.diags,
            "t.stp:1:5: parse error: unterminated string literal [STAP1002]\n"
            "  x = \"abc\n"
            "      ^\n");
}

TEST(Lexer, UnterminatedCommentAndEmbedded) {
  EXPECT_EQ(lex("a /* b").diags,
            "t.stp:1:3: parse error: unterminated comment [STAP1003]\n"
            "  a /* b\n"
            "    ^~\n");
  EXPECT_EQ(
      lex("%{ int").diags,
      "t.stp:1:1: parse error: unterminated embedded C code ('%{' without "
      "'%}') [STAP1007]\n"
      "  %{ int\n"
      "  ^~\n");
}

TEST(Lexer, BadEscapeCharAndNumber) {
  // An unknown escape is its character, silently (SystemTap 4.8); what C
  // refuses, where 4.8 hands the literal to C, is refused at the escape.
  EXPECT_EQ(lex(R"("\q\8")").diags, "");
  EXPECT_EQ(decode_string(R"(\q\8\9)"), "q89");
  EXPECT_EQ(lex(R"("a\xq")").diags,
            "t.stp:1:3: parse error: \\x used with no following hex digits "
            "[STAP1004]\n"
            "  \"a\\xq\"\n"
            "    ^~\n");
  EXPECT_EQ(decode_string(R"(\x0041\1018)"), "AA8");
  EXPECT_EQ(lex("a ` b").diags,
            "t.stp:1:3: parse error: unexpected character '`' [STAP1001]\n"
            "  a ` b\n"
            "    ^\n");
  auto r = lex("12ab 09 0x");
  // Reported once, then carried as error tokens so the parser stays quiet.
  EXPECT_EQ(r.tokens, (V{"err:12ab", "err:09", "err:0x"}));
  EXPECT_NE(
      r.diags.find("t.stp:1:1: parse error: invalid number '12ab' [STAP1006]"),
      std::string::npos);
  EXPECT_NE(
      r.diags.find("t.stp:1:6: parse error: invalid number '09' [STAP1006]"),
      std::string::npos);
  EXPECT_NE(
      r.diags.find("t.stp:1:9: parse error: invalid number '0x' [STAP1006]"),
      std::string::npos);
}

TEST(Lexer, LocationsAreByteRanges) {
  SourceManager sm;
  Diagnostics diags(sm);
  FileId f = sm.add("t.stp", "ab  \"x\"");
  Lexer lexer(sm, f, diags);
  Token a = lexer.next();
  Token s = lexer.next();
  EXPECT_EQ(a.loc.begin, 0u);
  EXPECT_EQ(a.loc.end, 2u);
  EXPECT_EQ(s.loc.begin, 4u);
  EXPECT_EQ(s.loc.end, 7u);
  EXPECT_EQ(lexer.next().kind, Tok::eof);
  EXPECT_EQ(lexer.next().kind, Tok::eof);
}

}  // namespace
}  // namespace stap
