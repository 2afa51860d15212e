#include "parser/lexer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace stap {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Longest spellings first so that maximal munch is a linear scan.
constexpr std::array<std::string_view, 3> kOps3 = {"<<<", ">>>", "<<="};
constexpr std::array<std::string_view, 1> kOps3b = {">>="};
constexpr std::array<std::string_view, 23> kOps2 = {
    "->", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", ".=",
    "==", "!=", "<=", ">=", "=~", "!~", "&&", "||", "<<", ">>", "%}"};
constexpr std::string_view kOps1 = "{}()[];,.=+-*/%<>!~&|^?:";

// The escapes a string may contain, besides octal and \x.
bool simple_escape(char c, char *decoded) {
  switch (c) {
  case 'n': *decoded = '\n'; return true;
  case 't': *decoded = '\t'; return true;
  case 'r': *decoded = '\r'; return true;
  case 'a': *decoded = '\a'; return true;
  case 'b': *decoded = '\b'; return true;
  case 'f': *decoded = '\f'; return true;
  case 'v': *decoded = '\v'; return true;
  case '\\': *decoded = '\\'; return true;
  case '"': *decoded = '"'; return true;
  case '\'': *decoded = '\''; return true;  // C's \' and \? too: no warning
  case '?': *decoded = '?'; return true;
  // Not C's ESC: SystemTap 4.8 makes "\e" an 'e', silently, and scripts
  // written for it ("\e[1m") run unchanged.
  case 'e': *decoded = 'e'; return true;
  default: return false;
  }
}

// An octal or hex escape, read as C reads it: SystemTap 4.8 hands the
// literal to C as written, so "\x0041" is 'A' and "\x414" fails its build.
struct NumericEscape {
  size_t end = 0;                 // one past the escape's last digit
  int value = 0;                  // the byte, when `problem` is null
  const char *problem = nullptr;  // C's words when it refuses the escape
};

// `i` is at the character after the backslash, an octal digit or 'x'.
NumericEscape numeric_escape(std::string_view raw, size_t i) {
  NumericEscape e;
  if (raw[i] != 'x') {
    size_t k = i;
    for (; k < raw.size() && k < i + 3 && is_octal(raw[k]); ++k)
      e.value = e.value * 8 + (raw[k] - '0');
    e.end = k;
    if (e.value > 0xff) e.problem = "octal escape sequence out of range";
    return e;
  }
  size_t k = i + 1;
  for (; k < raw.size() && is_hex(raw[k]); ++k)
    e.value = std::min(e.value * 16 + hex_value(raw[k]), 0x100);
  e.end = k;
  if (k == i + 1)
    e.problem = "\\x used with no following hex digits";
  else if (e.value > 0xff)
    e.problem = "hex escape sequence out of range";
  return e;
}

}  // namespace

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

Lexer::Lexer(const SourceManager &sm, FileId file, Diagnostics &diags)
    : text_(sm.text(file)), file_(file), diags_(diags) {}

Location Lexer::at(uint32_t begin, uint32_t end) const {
  Location l;
  l.file = file_;
  l.begin = begin;
  l.end = end;
  return l;
}

bool Lexer::follows_arrow(uint32_t begin) const {
  uint32_t i = begin;
  while (i > 0 && std::isspace(static_cast<unsigned char>(text_[i - 1]))) --i;
  return i >= 2 && text_[i - 2] == '-' && text_[i - 1] == '>';
}

Token Lexer::make(Tok kind, uint32_t begin, uint32_t end) {
  Token t;
  t.kind = kind;
  t.text = text_.substr(begin, end - begin);
  t.loc = at(begin, end);
  return t;
}

void Lexer::skip_space_and_comments() {
  const uint32_t n = text_.size();
  while (pos_ < n) {
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      ++pos_;
    } else if (c == '#' ||
               (c == '/' && pos_ + 1 < n && text_[pos_ + 1] == '/')) {
      while (pos_ < n && text_[pos_] != '\n') ++pos_;
    } else if (c == '/' && pos_ + 1 < n && text_[pos_ + 1] == '*') {
      uint32_t begin = pos_;
      size_t close = text_.find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        diags_.error(DiagId::lex_unterminated_comment, at(begin, begin + 2),
                     "unterminated comment");
        pos_ = n;
      } else {
        pos_ = static_cast<uint32_t>(close + 2);
      }
    } else {
      return;
    }
  }
}

Token Lexer::next() {
  for (;;) {
    skip_space_and_comments();
    const uint32_t n = text_.size();
    if (pos_ >= n) return make(Tok::eof, n, n);
    uint32_t begin = pos_;
    char c = text_[pos_];
    char c1 = pos_ + 1 < n ? text_[pos_ + 1] : '\0';

    if (is_ident_start(c)) {
      // The Language Reference allows '$' in identifiers (`dtv$p$val`,
      // `a$`); after `->` a trailing '$' or '$$' is the member's
      // pretty-print suffix instead (`->field$`).
      while (pos_ < n && (is_ident_char(text_[pos_]) || text_[pos_] == '$'))
        ++pos_;
      if (follows_arrow(begin))
        while (text_[pos_ - 1] == '$') --pos_;
      return make(Tok::ident, begin, pos_);
    }
    if (is_digit(c)) return lex_number(begin);
    if (c == '"') return lex_string(begin);
    if (c == '$') return lex_dollar(begin);
    if (c == '@') return lex_at(begin);
    if (c == '%') {
      switch (c1) {
      case '{': return lex_embedded(begin);
      case '(': pos_ += 2; return make(Tok::pp_open, begin, pos_);
      case '?': pos_ += 2; return make(Tok::pp_then, begin, pos_);
      case ':': pos_ += 2; return make(Tok::pp_else, begin, pos_);
      case ')': pos_ += 2; return make(Tok::pp_close, begin, pos_);
      default: break;
      }
    }
    std::string_view rest = text_.substr(pos_);
    for (std::string_view op : kOps3)
      if (rest.starts_with(op)) {
        pos_ += 3;
        return make(Tok::op, begin, pos_);
      }
    for (std::string_view op : kOps3b)
      if (rest.starts_with(op)) {
        pos_ += 3;
        return make(Tok::op, begin, pos_);
      }
    for (std::string_view op : kOps2)
      if (rest.starts_with(op)) {
        pos_ += 2;
        return make(Tok::op, begin, pos_);
      }
    if (kOps1.find(c) != std::string_view::npos) {
      ++pos_;
      return make(Tok::op, begin, pos_);
    }
    ++pos_;
    std::string shown;
    if (static_cast<unsigned char>(c) >= 0x20 &&
        static_cast<unsigned char>(c) < 0x7f)
      shown = std::string(1, c);
    else {
      static const char digits[] = "0123456789abcdef";
      shown = "\\x";
      shown += digits[(static_cast<unsigned char>(c) >> 4) & 15];
      shown += digits[static_cast<unsigned char>(c) & 15];
    }
    diags_.error(DiagId::lex_bad_char, at(begin, pos_),
                 "unexpected character '" + shown + "'");
  }
}

Token Lexer::lex_number(uint32_t begin) {
  const uint32_t n = text_.size();
  bool hex = text_[pos_] == '0' && pos_ + 1 < n &&
             (text_[pos_ + 1] == 'x' || text_[pos_ + 1] == 'X');
  if (hex) {
    pos_ += 2;
    while (pos_ < n && is_hex(text_[pos_])) ++pos_;
  } else {
    while (pos_ < n && is_digit(text_[pos_])) ++pos_;
  }
  // A letter glued to the digits ("12ab", "0x") makes the whole word bad.
  bool bad = hex && pos_ == begin + 2;
  while (pos_ < n && is_ident_char(text_[pos_])) {
    ++pos_;
    bad = true;
  }
  Token t = make(Tok::number, begin, pos_);
  if (!bad && !hex && t.text.size() > 1 && t.text[0] == '0')
    for (char d : t.text)
      if (!is_octal(d)) bad = true;
  if (bad) {
    diags_.error(DiagId::lex_bad_number, t.loc,
                 "invalid number '" + std::string(t.text) + "'");
    t.kind = Tok::error;  // reported: the parser takes it without a word
  }
  return t;
}

Token Lexer::lex_string(uint32_t begin) {
  const uint32_t n = text_.size();
  ++pos_;  // opening quote
  while (pos_ < n && text_[pos_] != '"') {
    if (text_[pos_] != '\\') {
      ++pos_;
      continue;
    }
    uint32_t esc = pos_++;
    if (pos_ >= n) break;
    char e = text_[pos_];
    if (is_octal(e) || e == 'x') {
      NumericEscape num = numeric_escape(text_, pos_);
      if (num.problem)
        diags_.error(DiagId::lex_bad_escape, at(esc, num.end), num.problem);
      pos_ = num.end;
    } else {
      // Any other character stands for itself, silently as in SystemTap
      // 4.8: "\q" is "q", "\8" is "8", "\u00e9" is "u00e9".
      ++pos_;
    }
  }
  if (pos_ >= n) {
    diags_.error(DiagId::lex_unterminated_string, at(begin, begin + 1),
                 "unterminated string literal");
    Token t = make(Tok::string, begin, n);
    t.text = text_.substr(begin + 1, n - begin - 1);
    return t;
  }
  ++pos_;  // closing quote
  Token t = make(Tok::string, begin, pos_);
  t.text = text_.substr(begin + 1, pos_ - begin - 2);
  return t;
}

Token Lexer::lex_embedded(uint32_t begin) {
  size_t close = text_.find("%}", begin + 2);
  if (close == std::string_view::npos) {
    diags_.error(DiagId::lex_unterminated_embedded, at(begin, begin + 2),
                 "unterminated embedded C code ('%{' without '%}')");
    pos_ = text_.size();
    Token t = make(Tok::embedded, begin, pos_);
    t.text = text_.substr(begin + 2);
    return t;
  }
  pos_ = static_cast<uint32_t>(close + 2);
  Token t = make(Tok::embedded, begin, pos_);
  t.text = text_.substr(begin + 2, close - begin - 2);
  return t;
}

Token Lexer::lex_dollar(uint32_t begin) {
  const uint32_t n = text_.size();
  ++pos_;
  if (pos_ < n && text_[pos_] == '#') {
    ++pos_;
    return make(Tok::argc_dollar, begin, pos_);
  }
  if (pos_ < n && is_digit(text_[pos_])) {
    while (pos_ < n && is_digit(text_[pos_])) ++pos_;
    return make(Tok::arg_dollar, begin, pos_);
  }
  if (pos_ < n && text_[pos_] == '$') {
    // `$$parms`, and as in SystemTap any longer run of '$' before a name
    // (`$$$$provider` in its SDT tapsets) is one target token.
    uint32_t name = pos_;
    while (name < n && text_[name] == '$') ++name;
    if (name < n && is_ident_start(text_[name])) {
      pos_ = name;
      while (pos_ < n && is_ident_char(text_[pos_])) ++pos_;
      return make(Tok::target, begin, pos_);
    }
    ++pos_;
    return make(Tok::op, begin, pos_);  // "$$" pretty-print suffix
  }
  if (pos_ < n && is_ident_start(text_[pos_])) {
    while (pos_ < n && is_ident_char(text_[pos_])) ++pos_;
    return make(Tok::target, begin, pos_);
  }
  return make(Tok::op, begin, pos_);  // "$" pretty-print suffix
}

Token Lexer::lex_at(uint32_t begin) {
  const uint32_t n = text_.size();
  ++pos_;
  if (pos_ < n && text_[pos_] == '#') {
    ++pos_;
    return make(Tok::argc_at, begin, pos_);
  }
  if (pos_ < n && is_digit(text_[pos_])) {
    while (pos_ < n && is_digit(text_[pos_])) ++pos_;
    return make(Tok::arg_at, begin, pos_);
  }
  if (pos_ < n && is_ident_start(text_[pos_])) {
    while (pos_ < n && is_ident_char(text_[pos_])) ++pos_;
    return make(Tok::at_name, begin, pos_);
  }
  return make(Tok::op, begin, pos_);  // a lone '@': the parser reports it
}

std::string decode_string(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      continue;
    }
    char e = raw[++i];
    char d;
    if (simple_escape(e, &d)) {
      out += d;
    } else if (is_octal(e) || e == 'x') {
      // The lexer refused the malformed ones; their digits stay as text.
      NumericEscape num = numeric_escape(raw, i);
      if (num.problem) {
        out += raw.substr(i - 1, num.end - i + 1);
      } else {
        out += static_cast<char>(num.value);
      }
      i = num.end - 1;
    } else {
      out += e;
    }
  }
  return out;
}

}  // namespace stap
