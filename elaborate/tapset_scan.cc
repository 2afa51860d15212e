#include "elaborate/tapset_scan.h"

#include <cctype>

namespace stap {

namespace {

struct Tok {
  enum Kind { ident, punct, other, end } kind = end;
  std::string_view text;
};

// Just enough of the lexer to find top-level declarations.
class Scanner {
public:
  explicit Scanner(std::string_view t) : t_(t) {}

  Tok next() {
    skip_space_and_comments();
    if (p_ >= t_.size()) return {Tok::end, {}};
    size_t b = p_;
    char c = t_[p_];
    if (is_ident_start(c)) {
      while (p_ < t_.size() && is_ident_char(t_[p_])) ++p_;
      return {Tok::ident, t_.substr(b, p_ - b)};
    }
    if (c == '"') {
      ++p_;
      while (p_ < t_.size() && t_[p_] != '"') p_ += t_[p_] == '\\' ? 2 : 1;
      ++p_;
      if (p_ > t_.size()) p_ = t_.size();
      return {Tok::other, t_.substr(b, p_ - b)};
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (p_ < t_.size() && std::isalnum(static_cast<unsigned char>(t_[p_])))
        ++p_;
      return {Tok::other, t_.substr(b, p_ - b)};
    }
    if (c == '%' && p_ + 1 < t_.size() && t_[p_ + 1] == '{') {
      size_t close = t_.find("%}", p_ + 2);
      p_ = close == std::string_view::npos ? t_.size() : close + 2;
      return {Tok::other, t_.substr(b, p_ - b)};
    }
    if (c == '+' && p_ + 1 < t_.size() && t_[p_ + 1] == '=') {
      p_ += 2;
      return {Tok::punct, t_.substr(b, 2)};
    }
    ++p_;
    return {Tok::punct, t_.substr(b, 1)};
  }

private:
  static bool is_ident_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
           c == '$' || c == '@' || c == '*';
  }
  static bool is_ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           c == '$' || c == '@' || c == '*';
  }
  void skip_space_and_comments() {
    while (p_ < t_.size()) {
      char c = t_[p_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++p_;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (p_ < t_.size() && t_[p_] != '\n') ++p_;
      } else if (c == '/' && peek(1) == '*') {
        size_t close = t_.find("*/", p_ + 2);
        p_ = close == std::string_view::npos ? t_.size() : close + 2;
      } else {
        return;
      }
    }
  }
  char peek(size_t k) const {
    return p_ + k < t_.size() ? t_[p_ + k] : '\0';
  }
  std::string_view t_;
  size_t p_ = 0;
};

bool is(const Tok &t, std::string_view s) { return t.text == s; }

class DeclScanner {
public:
  explicit DeclScanner(std::string_view text) : sc_(text) { advance(); }

  TapsetDefs run() {
    int depth = 0;
    bool priv = false;
    while (cur_.kind != Tok::end) {
      if (depth == 0 && cur_.kind == Tok::ident) {
        if (is(cur_, "private")) {
          priv = true;
          advance();
          continue;
        }
        if (is(cur_, "function")) { function(priv); priv = false; continue; }
        if (is(cur_, "global")) { global(priv); priv = false; continue; }
        if (is(cur_, "probe")) { probe(); priv = false; continue; }
      }
      priv = false;
      if (is(cur_, "{")) ++depth;
      if (is(cur_, "}") && depth > 0) --depth;
      advance();
    }
    return std::move(out_);
  }

private:
  void advance() { cur_ = sc_.next(); }

  // function NAME[:type] ( p[:type], ... )
  void function(bool priv) {
    advance();
    if (cur_.kind != Tok::ident) return;
    ScannedFunction f{std::string(cur_.text), 0, priv};
    advance();
    if (is(cur_, ":")) { advance(); advance(); }
    if (!is(cur_, "(")) return;
    advance();
    int nest = 0;
    bool any = false;
    while (cur_.kind != Tok::end && !(nest == 0 && is(cur_, ")"))) {
      if (is(cur_, "(")) ++nest;
      if (is(cur_, ")")) --nest;
      if (nest == 0 && is(cur_, ",")) ++f.arity;
      any = true;
      advance();
    }
    if (any) ++f.arity;
    out_.functions.push_back(std::move(f));
  }

  // global NAME[[N]] [= literal] (, NAME ...)*
  void global(bool priv) {
    advance();
    while (cur_.kind == Tok::ident) {
      out_.globals.push_back({std::string(cur_.text), priv});
      advance();
      if (is(cur_, "%")) advance();  // wrap-around arrays: a%[N]
      if (is(cur_, "[")) {
        while (cur_.kind != Tok::end && !is(cur_, "]")) advance();
        advance();
      }
      if (is(cur_, "=")) {
        advance();
        if (is(cur_, "-")) advance();
        advance();
      }
      if (!is(cur_, ",")) return;
      advance();
    }
  }

  // probe point (, point)* followed by `=`/`+=` (an alias) or `{` (a probe)
  void probe() {
    advance();
    std::vector<std::vector<std::string>> names;
    while (cur_.kind == Tok::ident) {
      std::vector<std::string> comps;
      while (cur_.kind == Tok::ident) {
        comps.emplace_back(cur_.text);
        advance();
        if (is(cur_, "(")) skip_parens();
        if (!is(cur_, ".")) break;
        advance();
      }
      while (is(cur_, "?") || is(cur_, "!")) advance();
      names.push_back(std::move(comps));
      if (!is(cur_, ",")) break;
      advance();
    }
    if (is(cur_, "=") || is(cur_, "+=")) {
      for (auto &n : names) out_.aliases.push_back(std::move(n));
      advance();
    }
  }

  void skip_parens() {
    int nest = 0;
    do {
      if (is(cur_, "(")) ++nest;
      if (is(cur_, ")")) --nest;
      advance();
    } while (nest > 0 && cur_.kind != Tok::end);
  }

  Scanner sc_;
  Tok cur_;
  TapsetDefs out_;
};

}  // namespace

TapsetDefs scan_tapset(std::string_view text) {
  return DeclScanner(text).run();
}

}  // namespace stap
