#include "elaborate/probe_point_text.h"

#include <cctype>
#include <cstdlib>

namespace stap {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '*' ||
         c == '?' || c == '[' || c == ']' || c == '!' || c == '-';
}

class PointReader {
public:
  PointReader(std::string_view t, AstContext &ctx, FileId f, uint32_t base)
      : t_(t), ctx_(ctx), file_(f), base_(base) {}

  ProbePoint *read(std::string *error) {
    auto *pp = ctx_.make_at<ProbePoint>(loc(0, t_.size()));
    while (true) {
      ProbePointComponent c;
      size_t start = i_;
      // A trailing `?`/`!` after the last component belongs to the point,
      // not to a name; `?` inside a name is a wildcard.
      while (i_ < t_.size() && is_name_char(t_[i_]) &&
             !((t_[i_] == '?' || t_[i_] == '!') && ends_point(i_ + 1)))
        ++i_;
      c.name = std::string(t_.substr(start, i_ - start));
      if (c.name.empty()) return fail(error, "expected a probe point component");
      if (i_ < t_.size() && t_[i_] == '(') {
        ++i_;
        if (!read_arg(&c.arg, error)) return nullptr;
        if (i_ >= t_.size() || t_[i_] != ')')
          return fail(error, "expected ')' after argument");
        ++i_;
      }
      c.loc = loc(start, i_);
      pp->components.push_back(std::move(c));
      if (i_ < t_.size() && t_[i_] == '.') {
        ++i_;
        continue;
      }
      break;
    }
    while (i_ < t_.size() && (t_[i_] == '?' || t_[i_] == '!')) {
      (t_[i_] == '?' ? pp->optional : pp->sufficient) = true;
      ++i_;
    }
    if (i_ != t_.size()) return fail(error, "unexpected text after probe point");
    return pp;
  }

private:
  bool ends_point(size_t j) const {
    while (j < t_.size() && (t_[j] == '?' || t_[j] == '!')) ++j;
    return j == t_.size();
  }

  Location loc(size_t b, size_t e) const {
    if (file_ == kNoFile) return Location{};
    return Location{file_, static_cast<uint32_t>(base_ + b),
                    static_cast<uint32_t>(base_ + e), kNoExpansion};
  }

  ProbePoint *fail(std::string *error, const char *msg) {
    if (error) *error = msg;
    return nullptr;
  }

  bool read_arg(Expr **out, std::string *error) {
    size_t start = i_;
    if (i_ < t_.size() && t_[i_] == '"') {
      auto *s = ctx_.make<StringLit>();
      ++i_;
      while (i_ < t_.size() && t_[i_] != '"') {
        char c = t_[i_++];
        if (c == '\\' && i_ < t_.size()) {
          char e = t_[i_++];
          c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        s->value += c;
      }
      if (i_ >= t_.size()) return fail(error, "unterminated string"), false;
      ++i_;
      s->loc = loc(start, i_);
      *out = s;
      return true;
    }
    bool neg = i_ < t_.size() && t_[i_] == '-';
    if (neg) ++i_;
    size_t digits = i_;
    while (i_ < t_.size() && std::isalnum(static_cast<unsigned char>(t_[i_])))
      ++i_;
    if (digits == i_) return fail(error, "expected a string or number argument"),
                             false;
    std::string num(t_.substr(digits, i_ - digits));
    char *end = nullptr;
    long long v = std::strtoll(num.c_str(), &end, 0);
    if (*end) return fail(error, "malformed number argument"), false;
    auto *n = ctx_.make<NumberLit>();
    n->value = neg ? -v : v;
    n->loc = loc(start, i_);
    *out = n;
    return true;
  }

  std::string_view t_;
  AstContext &ctx_;
  FileId file_;
  uint32_t base_;
  size_t i_ = 0;
};

}  // namespace

ProbePoint *parse_probe_point_text(std::string_view text, AstContext &ctx,
                                   std::string *error, FileId file,
                                   uint32_t base) {
  return PointReader(text, ctx, file, base).read(error);
}

}  // namespace stap
