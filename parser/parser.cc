// The parser's token cursor, error reporting and recovery helpers.
#include "parser/parser.h"

#include <algorithm>

namespace stap {

namespace {

constexpr std::string_view kKeywords[] = {
    "probe", "global", "function", "private", "if",     "else",
    "while", "for",    "foreach",  "in",      "limit",  "break",
    "continue", "next", "return",  "delete",  "try",    "catch"};

}  // namespace

Parser::Parser(std::vector<Token> tokens, AstContext &ctx, Diagnostics &diags,
               FileId file, bool is_tapset, bool guru)
    : toks_(std::move(tokens)), ctx_(ctx), diags_(diags), file_(file),
      is_tapset_(is_tapset), guru_(guru) {
  if (toks_.empty() || toks_.back().kind != Tok::eof) {
    Token eof;
    eof.loc.file = file;
    toks_.push_back(eof);
  }
}

const Token &Parser::peek(size_t ahead) const {
  size_t i = std::min(pos_ + ahead, toks_.size() - 1);
  return toks_[i];
}

const Token &Parser::advance() {
  const Token &t = toks_[pos_];
  if (pos_ + 1 < toks_.size()) ++pos_;
  return t;
}

Location Parser::prev_loc() const {
  return pos_ > 0 ? toks_[pos_ - 1].loc : toks_[0].loc;
}

bool Parser::accept_op(std::string_view op) {
  if (!at_op(op)) return false;
  advance();
  return true;
}

const Token &Parser::expect_op(std::string_view op) {
  if (!at_op(op)) fail_expected("'" + std::string(op) + "'");
  return advance();
}

const Token &Parser::expect_ident(const char *what) {
  if (peek().kind != Tok::ident || is_keyword(peek())) fail_expected(what);
  return advance();
}

std::string Parser::describe(const Token &t) {
  if (t.kind == Tok::eof) return "end of input";
  std::string text;
  switch (t.kind) {
  case Tok::string: text = "\"" + std::string(t.text) + "\""; break;
  case Tok::embedded: text = "%{"; break;
  default: text = std::string(t.text);
  }
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "'" + text + "'";
}

void Parser::error(DiagId id, Location loc, std::string msg) {
  if (gave_up_) return;
  diags_.error(id, loc, std::move(msg));
  if (++errors_ >= kMaxErrors) {
    diags_.error(DiagId::parse_too_many_errors, loc,
                 "too many errors, stopping here");
    gave_up_ = true;
  }
}

void Parser::fail_at(DiagId id, Location loc, std::string msg) {
  error(id, loc, std::move(msg));
  throw SyntaxError{};
}

void Parser::fail_expected(std::string_view what) {
  // A token the lexer or preprocessor already reported: recover silently.
  if (peek().kind == Tok::error) throw SyntaxError{};
  fail_at(DiagId::parse_expected, peek().loc,
          "expected " + std::string(what) + " but found " + describe(peek()));
}

bool Parser::is_keyword(const Token &t) const {
  if (t.kind != Tok::ident) return false;
  return std::find(std::begin(kKeywords), std::end(kKeywords), t.text) !=
         std::end(kKeywords);
}

bool Parser::at_top_level_keyword() const {
  const Token &t = peek();
  return t.is_ident("probe") || t.is_ident("global") ||
         t.is_ident("function") || t.is_ident("private");
}

void Parser::enter(Location loc) {
  if (++depth_ > kMaxDepth)
    fail_at(DiagId::parse_unexpected, loc,
            "nesting is deeper than the limit of " + std::to_string(kMaxDepth));
}

bool Parser::starts_line(size_t i) const {
  if (i == 0 || i >= toks_.size()) return false;
  const Location &a = toks_[i - 1].loc, &b = toks_[i].loc;
  if (a.file != b.file || a.file == kNoFile || b.begin < a.end) return false;
  std::string_view between =
      diags_.sources().text(a.file).substr(a.end, b.begin - a.end);
  return between.find('\n') != std::string_view::npos;
}

void Parser::recover_statement() {
  // Skip to the end of the broken statement: a ';' or '}' at this level, or
  // a statement keyword or a name opening a later line (semicolons are optional, so
  // without this one error would swallow the rest of the block).
  static constexpr std::string_view kStarters[] = {
      "if", "while", "for", "foreach", "delete", "return", "try", "break",
      "continue", "next"};
  int braces = 0, parens = 0;
  while (peek().kind != Tok::eof && !gave_up_) {
    if (at_top_level_keyword()) return;
    if (braces == 0 && at_op(";")) {
      advance();
      return;
    }
    if (braces == 0 && at_op("}")) return;
    if (braces == 0 && parens <= 0 && starts_line(pos_)) {
      if (peek().kind == Tok::target) return;
      if (peek().kind == Tok::ident && !is_keyword(peek())) return;
      if (peek().kind == Tok::ident)
        for (auto k : kStarters)
          if (peek().text == k) return;
    }
    if (at_op("{")) ++braces;
    if (at_op("}")) --braces;
    if (at_op("(") || at_op("[")) ++parens;
    if (at_op(")") || at_op("]")) --parens;
    advance();
  }
}

void Parser::recover_top_level() {
  while (peek().kind != Tok::eof && !gave_up_) {
    if (at_top_level_keyword() || peek().kind == Tok::embedded) return;
    advance();
  }
}

ParsedFile *Parser::parse() {
  out_ = ctx_.make<ParsedFile>();
  out_->file = file_;
  while (peek().kind != Tok::eof && !gave_up_) {
    size_t start = pos_;
    int depth = depth_;
    try {
      parse_declaration();
    } catch (SyntaxError &) {
      depth_ = depth;
      if (pos_ == start) advance();
      recover_top_level();
    }
  }
  return out_;
}

}  // namespace stap
