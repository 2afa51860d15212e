// The one place generated C is written through: an indenting writer with
// RAII block scopes, so emitted code is readable and braces always balance.
//
//   CWriter w;
//   { auto fn = w.block("static void probe_1(struct context *c)");
//     w.line("c->x = 1;"); }
#pragma once

#include <string>
#include <string_view>

namespace stap {

class CWriter {
public:
  class Scope {
  public:
    Scope(CWriter &w, std::string_view close) : w_(&w), close_(close) {}
    Scope(Scope &&o) noexcept : w_(o.w_), close_(std::move(o.close_)) {
      o.w_ = nullptr;
    }
    Scope(const Scope &) = delete;
    ~Scope() {
      if (!w_) return;
      --w_->depth_;
      w_->line(close_);
    }

  private:
    CWriter *w_;
    std::string close_;
  };

  // Writes `text` (may be empty) at the current indentation.
  void line(std::string_view text);
  // Writes a line verbatim, without indentation (preprocessor lines).
  void raw(std::string_view text);
  // `head {` ... `}` + close_suffix (e.g. ";" for struct definitions).
  [[nodiscard]] Scope block(std::string_view head,
                            std::string_view close_suffix = "");
  // A `/* file.stp:3:5 */`-style comment line; `text` goes through
  // c_escape, so it cannot end the comment or the line.
  void comment(std::string_view text);

  const std::string &str() const { return out_; }
  std::string take() { return std::move(out_); }

private:
  std::string out_;
  int depth_ = 0;
};

// True for a C identifier ([A-Za-z_][A-Za-z0-9_]*): text that may be
// written into C, or onto a make line, as it is.
bool is_c_identifier(std::string_view s);

// The one escaping function for text that reaches the generated C (script
// paths, probe points, names, strings, option values). The result is
// printable ASCII with no newline, quote, trigraph, line splice, `/*` or
// `*/`: the same text is safe inside a string literal and inside a comment,
// and in a literal it still means the original bytes.
std::string c_escape(std::string_view bytes);

// `"` + c_escape(bytes) + `"`.
std::string c_string_literal(std::string_view bytes);

// `/* ` + c_escape(text) + ` */`: a comment that ends where we end it.
std::string c_comment(std::string_view text);

}  // namespace stap
