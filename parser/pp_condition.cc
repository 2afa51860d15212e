// Evaluation of the condition in %( COND %? ... %: ... %).
#include <fnmatch.h>

#include <cstdlib>

#include "parser/preprocessor.h"

namespace stap {

namespace {

struct Value {
  enum Kind : uint8_t { number, string, version } kind = number;
  int64_t n = 0;
  std::string s;
  bool literal = false;  // written in the condition (a pattern candidate)
  bool unknown = false;  // an unavailable CONFIG_ value
  // What SystemTap lets the operand be compared with: arch, runtime and
  // systemtap_privilege only by == and != (they are names), $# and $N only
  // with a number.
  std::string_view names_only;
  std::string_view numbers_only;
};

// "6.1.0-26-amd64" style comparison: numeric runs compare as numbers.
int compare_versions(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    auto part = [](std::string_view s, size_t &k) {
      size_t start = k;
      while (k < s.size() && s[k] != '.' && s[k] != '-') ++k;
      std::string_view p = s.substr(start, k - start);
      if (k < s.size()) ++k;
      return p;
    };
    if (i >= a.size()) return -1;
    if (j >= b.size()) return 1;
    std::string_view pa = part(a, i), pb = part(b, j);
    bool na = !pa.empty() && pa.find_first_not_of("0123456789") == pa.npos;
    bool nb = !pb.empty() && pb.find_first_not_of("0123456789") == pb.npos;
    if (na && nb) {
      unsigned long long x = std::strtoull(std::string(pa).c_str(), nullptr, 10);
      unsigned long long y = std::strtoull(std::string(pb).c_str(), nullptr, 10);
      if (x != y) return x < y ? -1 : 1;
    } else if (int c = pa.compare(pb)) {
      return c < 0 ? -1 : 1;
    }
  }
  return 0;
}

bool parse_int(std::string_view s, int64_t *out) {
  if (s.empty()) return false;
  std::string str(s);
  char *end = nullptr;
  errno = 0;
  long long v = std::strtoll(str.c_str(), &end, 0);
  if (errno || *end) return false;
  *out = v;
  return true;
}

class ConditionEvaluator {
public:
  ConditionEvaluator(const std::vector<Token> &toks, const Token &open,
                     const ParseOptions &opts, Diagnostics &diags,
                     const MacroTable &library, const MacroTable &local)
      : toks_(toks), open_(open), opts_(opts), diags_(diags),
        library_(library), local_(local) {}

  bool run() {
    if (toks_.empty()) return fail(open_.loc, "empty preprocessor condition");
    // A malformed token was reported already; the condition is just false.
    for (const Token &t : toks_)
      if (t.kind == Tok::error) {
        failed_ = true;
        return false;
      }
    bool v = or_expr();
    if (failed_) return false;
    if (pos_ < toks_.size())
      return fail(toks_[pos_].loc, "unexpected '" + std::string(toks_[pos_].text) +
                                       "' in preprocessor condition");
    return v;
  }

private:
  const Token *peek() const {
    return pos_ < toks_.size() ? &toks_[pos_] : nullptr;
  }
  bool peek_op(std::string_view op) const {
    return peek() && peek()->is_op(op);
  }
  Location here() const { return peek() ? peek()->loc : toks_.back().loc; }
  bool fail(Location loc, std::string msg) {
    if (!failed_) diags_.error(DiagId::pp_bad_condition, loc, std::move(msg));
    failed_ = true;
    return false;
  }

  bool or_expr() {
    bool v = and_expr();
    while (!failed_ && peek_op("||")) {
      ++pos_;
      bool r = and_expr();
      v = v || r;
    }
    return v;
  }
  bool and_expr() {
    bool v = unary();
    while (!failed_ && peek_op("&&")) {
      ++pos_;
      bool r = unary();
      v = v && r;
    }
    return v;
  }
  bool unary() {
    if (++depth_ > 100) return fail(here(), "preprocessor condition nested too deeply");
    bool v;
    if (peek_op("!")) {
      ++pos_;
      v = !unary();
    } else if (peek_op("(")) {
      ++pos_;
      v = or_expr();
      if (!failed_ && !peek_op(")"))
        return fail(here(), "expected ')' in preprocessor condition");
      ++pos_;
    } else {
      v = comparison();
    }
    --depth_;
    return v;
  }

  bool comparison() {
    const Token *t = peek();
    if (t && t->is_ident("defined")) {
      ++pos_;
      if (!peek_op("(")) return fail(here(), "expected '(' after 'defined'");
      ++pos_;
      const Token *m = peek();
      if (!m || m->kind != Tok::at_name)
        return fail(here(), "expected a macro name like '@NAME' in 'defined()'");
      ++pos_;
      if (!peek_op(")")) return fail(here(), "expected ')' after macro name");
      ++pos_;
      std::string_view name = m->text.substr(1);
      return local_.find(name) || library_.find(name);
    }
    Value lhs;
    if (!operand(&lhs)) return false;
    const Token *op = peek();
    static constexpr std::string_view kOps[] = {"==", "!=", "<", "<=", ">", ">="};
    bool is_cmp = false;
    if (op && op->kind == Tok::op)
      for (auto o : kOps) is_cmp |= op->text == o;
    if (!is_cmp) {
      if (lhs.unknown) return false;
      if (lhs.kind == Value::number) return lhs.n != 0;
      return fail(op ? op->loc : here(),
                  "expected a comparison operator in preprocessor condition");
    }
    ++pos_;
    Value rhs;
    if (!operand(&rhs)) return false;
    if (lhs.unknown || rhs.unknown) return false;
    return compare(lhs, op->text, rhs, op->loc);
  }

  bool compare(Value &a, std::string_view op, Value &b, Location loc) {
    int c = 0;
    bool equality = op == "==" || op == "!=";
    for (const Value *v : {&a, &b}) {
      const Value &other = v == &a ? b : a;
      if (!v->names_only.empty() && !equality)
        return fail(loc, "expected '==' or '!=' to compare '" +
                             std::string(v->names_only) + "', not '" +
                             std::string(op) + "'");
      if (!v->numbers_only.empty() && other.literal &&
          other.kind != Value::number)
        return fail(loc, "expected a number literal to compare with '" +
                             std::string(v->numbers_only) + "'");
    }
    // The language reference wants a string literal after kernel_v:
    // `kernel_v >= 3` is refused below rather than guessed at.
    if (a.kind == Value::number && b.kind == Value::number) {
      c = a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
    } else if (a.kind == Value::number || b.kind == Value::number) {
      // A CONFIG_ value or argument next to a number compares numerically.
      Value &s = a.kind == Value::number ? b : a;
      int64_t v = 0;
      // An unset CONFIG_ option is "" and, next to a number, 0 (SystemTap).
      bool unset = !s.literal && s.s.empty();
      if (!unset && !parse_int(s.s, &v)) {
        fail(loc, "cannot compare string '" + s.s + "' with a number");
        return false;
      }
      int64_t x = a.kind == Value::number ? a.n : v;
      int64_t y = b.kind == Value::number ? b.n : v;
      c = x < y ? -1 : x > y ? 1 : 0;
    } else if (equality) {
      // The literal side is a glob pattern ("2.6.*", "i?86").
      const std::string &pattern = b.literal || !a.literal ? b.s : a.s;
      const std::string &subject = b.literal || !a.literal ? a.s : b.s;
      bool match = fnmatch(pattern.c_str(), subject.c_str(), 0) == 0;
      return op == "==" ? match : !match;
    } else if (a.kind == Value::version || b.kind == Value::version) {
      c = compare_versions(a.s, b.s);
    } else {
      c = a.s.compare(b.s);
    }
    if (op == "==") return c == 0;
    if (op == "!=") return c != 0;
    if (op == "<") return c < 0;
    if (op == "<=") return c <= 0;
    if (op == ">") return c > 0;
    return c >= 0;
  }

  bool operand(Value *v) {
    const Token *t = peek();
    if (!t) return fail(here(), "expected an operand in preprocessor condition");
    ++pos_;
    const PreprocessorEnv &env = opts_.env;
    switch (t->kind) {
    case Tok::number: {
      v->literal = true;
      if (!parse_int(t->text, &v->n))
        return fail(t->loc, "invalid number in preprocessor condition");
      return true;
    }
    case Tok::string: {
      v->kind = Value::string;
      v->literal = true;
      v->s = t->raw_string ? std::string(t->text) : decode_string(t->text);
      while (peek() && peek()->kind == Tok::string) {
        v->s += peek()->raw_string ? std::string(peek()->text)
                                   : decode_string(peek()->text);
        ++pos_;
      }
      return true;
    }
    case Tok::op:
      if (t->text == "-" && peek() && peek()->kind == Tok::number) {
        Value inner;
        if (!operand(&inner)) return false;
        v->literal = true;
        v->n = -inner.n;
        return true;
      }
      break;
    case Tok::argc_dollar:
    case Tok::argc_at:
      v->n = static_cast<int64_t>(opts_.script_args.size());
      if (t->kind == Tok::argc_dollar) v->numbers_only = t->text;
      if (t->kind == Tok::argc_at) {
        v->kind = Value::string;
        v->s = std::to_string(v->n);
      }
      return true;
    case Tok::arg_dollar:
    case Tok::arg_at: {
      size_t n = std::strtoul(std::string(t->text.substr(1)).c_str(), nullptr, 10);
      if (n == 0 || n > opts_.script_args.size()) {
        diags_.error(DiagId::arg_missing, t->loc,
                     "missing script argument '" + std::string(t->text) + "' (" +
                         std::to_string(opts_.script_args.size()) + " given)");
        failed_ = true;
        return false;
      }
      const std::string &arg = opts_.script_args[n - 1];
      if (t->kind == Tok::arg_dollar) {
        // $N pastes tokens; in a condition only a number makes sense.
        v->numbers_only = t->text;
        if (parse_int(arg, &v->n)) return true;
        diags_.error(DiagId::arg_not_number, t->loc,
                     "script argument '" + std::string(t->text) + "' is not a "
                     "number: '" + arg + "'");
        failed_ = true;
        return false;
      }
      v->kind = Value::string;
      v->s = arg;
      return true;
    }
    case Tok::ident: {
      std::string_view id = t->text;
      v->kind = Value::string;
      if (id == "kernel_v" || id == "kernel_vr" || id == "systemtap_v") {
        v->kind = Value::version;
        v->s = id == "kernel_v"    ? env.kernel_v
               : id == "kernel_vr" ? env.kernel_vr
                                   : env.systemtap_v;
        return true;
      }
      if (id == "arch" || id == "runtime" || id == "systemtap_privilege") {
        v->names_only = t->text;
        v->s = id == "arch"      ? env.arch
               : id == "runtime" ? env.runtime
                                 : env.privilege;
        return true;
      }
      if (id == "guru_mode") {
        v->kind = Value::number;
        v->n = env.guru ? 1 : 0;
        return true;
      }
      if (id.starts_with("CONFIG_")) {
        std::optional<std::string> value;
        if (env.config) value = env.config(id);
        if (!value) {
          diags_.report(DiagId::pp_config_unknown, t->loc,
                        "kernel configuration unavailable; condition on '" +
                            std::string(id) + "' is false");
          v->unknown = true;
          return true;
        }
        v->s = *value;
        return true;
      }
      return fail(t->loc, "unknown preprocessor condition '" + std::string(id) + "'");
    }
    default: break;
    }
    return fail(t->loc, "unexpected '" + std::string(t->text) +
                            "' in preprocessor condition");
  }

  const std::vector<Token> &toks_;
  const Token &open_;
  const ParseOptions &opts_;
  Diagnostics &diags_;
  const MacroTable &library_;
  const MacroTable &local_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
};

}  // namespace

bool Preprocessor::evaluate_condition(const std::vector<Token> &toks,
                                      const Token &open) {
  return ConditionEvaluator(toks, open, opts_, diags_, library_, local_).run();
}

}  // namespace stap
