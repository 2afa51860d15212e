// Expressions, lowest to highest precedence: assignment, ternary, binary
// operators by precedence climbing (|| && | ^ & in comparisons shifts . + *),
// unary, postfix, primaries.
#include <limits>

#include "parser/lexer.h"
#include "parser/parser.h"

namespace stap {

namespace {

enum Prec : int {
  kNone = 0, kOr, kAnd, kBitOr, kBitXor, kBitAnd, kIn, kCompare, kShift,
  kConcat, kAdditive, kMultiplicative
};

int binary_prec(const Token &t) {
  if (t.kind == Tok::ident) return t.text == "in" ? kIn : kNone;
  if (t.kind != Tok::op) return kNone;
  std::string_view s = t.text;
  if (s == "||") return kOr;
  if (s == "&&") return kAnd;
  if (s == "|") return kBitOr;
  if (s == "^") return kBitXor;
  if (s == "&") return kBitAnd;
  if (s == "<" || s == "<=" || s == ">" || s == ">=" || s == "==" ||
      s == "!=" || s == "=~" || s == "!~")
    return kCompare;
  if (s == "<<" || s == ">>" || s == ">>>") return kShift;
  if (s == ".") return kConcat;
  if (s == "+" || s == "-") return kAdditive;
  if (s == "*" || s == "/" || s == "%") return kMultiplicative;
  return kNone;
}

bool is_assign_op(const Token &t) {
  if (t.kind != Tok::op) return false;
  static constexpr std::string_view kOps[] = {
      "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=",
      ".=", "<<<"};
  for (auto op : kOps)
    if (t.text == op) return true;
  return false;
}

bool is_print_name(std::string_view n) {
  static constexpr std::string_view kNames[] = {
      "print",  "println",  "printf",  "printd",  "printdln",
      "sprint", "sprintln", "sprintf", "sprintd", "sprintdln"};
  for (auto k : kNames)
    if (n == k) return true;
  return false;
}

bool is_stat_name(std::string_view n) {
  return n == "count" || n == "sum" || n == "min" || n == "max" ||
         n == "avg" || n == "variance";
}

// The built-in @ operators of AtOpExpr and their argument counts.
size_t at_op_arity(std::string_view n) {
  if (n == "kderef" || n == "uderef") return 2;
  if (n == "kregister" || n == "uregister" || n == "const" || n == "perf")
    return 1;
  return 0;
}

// `&` applies to a member access, or to both branches of a conditional
// whose branches are member accesses: `&@choose_defined(a->x, b->y)`
// expands to such a conditional, and SystemTap's tapsets write it.
bool take_address_of(Expr *e) {
  switch (e->kind) {
  case ExprKind::target:
    static_cast<TargetSymbol *>(e)->address_of = true;
    return true;
  case ExprKind::cast:
    static_cast<CastExpr *>(e)->address_of = true;
    return true;
  case ExprKind::atvar:
    static_cast<AtVarExpr *>(e)->address_of = true;
    return true;
  case ExprKind::autocast:
    static_cast<AutocastExpr *>(e)->address_of = true;
    return true;
  case ExprKind::ternary: {
    auto *t = static_cast<TernaryExpr *>(e);
    return take_address_of(t->then_expr) && take_address_of(t->else_expr);
  }
  default: return false;
  }
}

}  // namespace

bool Parser::is_lvalue(const Expr *e) const {
  switch (e->kind) {
  case ExprKind::symbol:
  case ExprKind::index:
  case ExprKind::target:
  case ExprKind::atvar:
  case ExprKind::autocast:
  case ExprKind::cast: return true;
  default: return false;
  }
}

Symbol *Parser::make_symbol(const Token &t) {
  auto *s = ctx_.make_at<Symbol>(t.loc);
  s->name = std::string(t.text);
  return s;
}

Expr *Parser::parse_expr() { return parse_assignment(); }

Expr *Parser::parse_assignment() {
  enter(peek().loc);
  Expr *lhs = parse_ternary();
  if (is_assign_op(peek())) {
    const Token &op = advance();
    if (!is_lvalue(lhs))
      error(DiagId::parse_bad_lvalue, lhs->loc,
            "left side of '" + std::string(op.text) + "' is not assignable");
    auto *a = ctx_.make_at<AssignExpr>(lhs->loc);
    a->op = std::string(op.text);
    a->lhs = lhs;
    a->rhs = parse_assignment();
    a->loc = span_from(lhs->loc);
    lhs = a;
  }
  leave();
  return lhs;
}

Expr *Parser::parse_ternary() {
  Expr *cond = parse_binary(kOr);
  if (!at_op("?")) return cond;
  enter(peek().loc);
  advance();
  auto *t = ctx_.make_at<TernaryExpr>(cond->loc);
  t->cond = cond;
  t->then_expr = parse_expr();
  expect_op(":");
  t->else_expr = parse_ternary();
  t->loc = span_from(cond->loc);
  leave();
  return t;
}

Expr *Parser::parse_binary(int min_prec) {
  Expr *lhs = parse_unary();
  int chain = 0;
  for (;;) {
    const Token &op = peek();
    int prec = binary_prec(op);
    if (prec == kNone || prec < min_prec) return lhs;
    if (depth_ + ++chain > kMaxDepth)
      fail_at(DiagId::parse_unexpected, op.loc,
              "expression is longer than the limit of " +
                  std::to_string(kMaxDepth) + " operators");
    advance();
    Location begin = lhs->loc;
    if (prec == kIn) {
      lhs = parse_in_rhs(false, {lhs}, begin);
      continue;
    }
    if (op.text == "=~" || op.text == "!~") {
      auto *r = ctx_.make_at<RegexExpr>(begin);
      r->negated = op.text == "!~";
      r->lhs = lhs;
      if (peek().kind != Tok::string)
        fail_expected("a string literal (regular expression)");
      r->pattern = parse_string_literal();
      r->loc = span_from(begin);
      lhs = r;
      continue;
    }
    Expr *rhs = parse_binary(prec + 1);
    std::string text(op.text);
    Expr *node;
    if (prec == kOr || prec == kAnd) {
      auto *n = ctx_.make_at<LogicalExpr>(begin);
      n->op = text, n->lhs = lhs, n->rhs = rhs;
      node = n;
    } else if (prec == kCompare) {
      auto *n = ctx_.make_at<CompareExpr>(begin);
      n->op = text, n->lhs = lhs, n->rhs = rhs;
      node = n;
    } else if (prec == kConcat) {
      auto *n = ctx_.make_at<ConcatExpr>(begin);
      n->lhs = lhs, n->rhs = rhs;
      node = n;
    } else {
      auto *n = ctx_.make_at<BinaryExpr>(begin);
      n->op = text, n->lhs = lhs, n->rhs = rhs;
      n->op_loc = op.loc;
      node = n;
    }
    node->loc = span_from(begin);
    lhs = node;
  }
}

Expr *Parser::parse_in_rhs(bool bracketed, std::vector<Expr *> keys,
                           Location begin) {
  auto *in = ctx_.make_at<InExpr>(begin);
  in->keys = std::move(keys);
  in->bracketed = bracketed;
  in->array = make_symbol(expect_ident("an array name"));
  in->loc = span_from(begin);
  return in;
}

Expr *Parser::parse_bracketed_in() {
  Location begin = advance().loc;  // [
  std::vector<Expr *> keys;
  bool wild = allow_wildcard_;
  allow_wildcard_ = true;
  try {
    parse_index_list(keys, true);
  } catch (SyntaxError &) {
    allow_wildcard_ = wild;
    throw;
  }
  allow_wildcard_ = wild;
  if (!at_ident("in")) fail_expected("'in'");
  advance();
  return parse_in_rhs(true, std::move(keys), begin);
}

Expr *Parser::parse_unary() {
  const Token &t = peek();
  enter(t.loc);
  Expr *e;
  if (t.is_op("-") && peek(1).kind == Tok::number) {
    advance();
    const Token &num = advance();
    e = parse_number(num, true);
    e->loc = t.loc.through(num.loc);
  } else if (t.is_op("!") || t.is_op("~") || t.is_op("-") || t.is_op("+")) {
    advance();
    auto *u = ctx_.make_at<UnaryExpr>(t.loc);
    u->op = std::string(t.text);
    u->operand = parse_unary();
    u->loc = span_from(t.loc);
    e = u;
  } else if (t.is_op("++") || t.is_op("--")) {
    advance();
    auto *u = ctx_.make_at<IncDecExpr>(t.loc);
    u->increment = t.text == "++";
    u->prefix = true;
    // No postfix here: "++a\n--b" is two statements.
    u->operand = parse_primary();
    if (!is_lvalue(u->operand))
      error(DiagId::parse_bad_lvalue, u->operand->loc,
            "operand of '" + std::string(t.text) + "' is not assignable");
    u->loc = span_from(t.loc);
    e = u;
  } else if (t.is_op("&")) {
    advance();
    e = parse_postfix();
    if (!take_address_of(e))
      error(DiagId::parse_unexpected, t.loc,
            "'&' can only take the address of a target variable, '@cast' or "
            "'@var'");
    e->loc = t.loc.through(e->loc);
  } else {
    e = parse_postfix();
  }
  leave();
  return e;
}

Expr *Parser::parse_postfix() {
  bool grouped = at_op("(");
  Location begin = peek().loc;
  Expr *e = parse_primary();
  // `->` after a value, or `[` after a group, a call or an element: the
  // members of what the value points to (a name's own `[` is array indexing).
  ExprKind k = e->kind;
  bool member = at_op("->") && (grouped || k == ExprKind::symbol ||
                                k == ExprKind::call || k == ExprKind::index ||
                                k == ExprKind::entry);
  bool element = at_op("[") && (grouped || k == ExprKind::call ||
                                k == ExprKind::index);
  if (member || element) {
    auto *a = ctx_.make_at<AutocastExpr>(begin);
    a->operand = e;
    parse_target_suffix(a->components, a->pretty);
    a->loc = span_from(begin);
    e = a;
  }
  // One postfix operator only: "a--\n++b" is two statements.
  if (at_op("++") || at_op("--")) {
    const Token &op = advance();
    if (!is_lvalue(e))
      error(DiagId::parse_bad_lvalue, e->loc,
            "operand of '" + std::string(op.text) + "' is not assignable");
    auto *u = ctx_.make_at<IncDecExpr>(e->loc);
    u->increment = op.text == "++";
    u->prefix = false;
    u->operand = e;
    u->loc = e->loc.through(op.loc);
    e = u;
  }
  return e;
}

Expr *Parser::parse_number(const Token &t, bool negative) {
  auto *n = ctx_.make_at<NumberLit>(t.loc);
  std::string_view s = t.text;
  unsigned base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
  }
  uint64_t v = 0;
  bool overflow = false;
  for (char c : s) {
    unsigned d = c >= '0' && c <= '9' ? c - '0'
                 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                        : c - 'A' + 10;
    if (v > (std::numeric_limits<uint64_t>::max() - d) / base) overflow = true;
    v = v * base + d;
  }
  // Any literal up to 2^64-1 is a 64-bit pattern, as in SystemTap:
  // 18446744073709551615 is -1 and 9223372036854775808 is INT64_MIN.
  if (overflow) {
    error(DiagId::lex_number_overflow, t.loc,
          "integer literal '" + std::string(negative ? "-" : "") +
              std::string(t.text) + "' does not fit in 64 bits");
    v = 0;
  }
  n->value = negative ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return n;
}

StringLit *Parser::parse_string_literal() {
  const Token &first = peek();
  if (first.kind != Tok::string) fail_expected("a string literal");
  auto *s = ctx_.make_at<StringLit>(first.loc);
  // Adjacent literals concatenate: "a" "b" is "ab".
  while (peek().kind == Tok::string) {
    const Token &t = advance();
    s->value += t.raw_string ? std::string(t.text) : decode_string(t.text);
  }
  s->loc = span_from(first.loc);
  return s;
}

void Parser::parse_index_list(std::vector<Expr *> &out, bool allow_wildcard) {
  if (at_op("]")) fail_expected("an index expression");
  for (;;) {
    if (allow_wildcard && at_op("*") &&
        (peek(1).is_op(",") || peek(1).is_op("]"))) {
      advance();
      out.push_back(nullptr);
    } else {
      out.push_back(parse_expr());
    }
    if (!accept_op(",")) break;
  }
  expect_op("]");
}

void Parser::parse_call_args(std::vector<Expr *> &out) {
  expect_op("(");
  if (accept_op(")")) return;
  for (;;) {
    out.push_back(parse_expr());
    if (!accept_op(",")) break;
  }
  expect_op(")");
}

Expr *Parser::parse_primary() {
  const Token &t = peek();
  switch (t.kind) {
  case Tok::number: advance(); return parse_number(t, false);
  case Tok::string: return parse_string_literal();
  case Tok::embedded: {
    auto *e = ctx_.make_at<EmbeddedExpr>(t.loc);
    e->code = std::string(t.text);
    advance();
    return e;
  }
  case Tok::error: {  // a failed macro use, reported by the preprocessor
    advance();
    return ctx_.make_at<NumberLit>(t.loc);
  }
  case Tok::target: return parse_target();
  case Tok::at_name: return parse_at_expr();
  case Tok::ident:
    if (is_keyword(t)) break;
    return parse_ident_expr();
  case Tok::op:
    if (t.text == "(") {
      advance();
      bool wild = allow_wildcard_;
      allow_wildcard_ = false;
      Expr *e = parse_expr();
      allow_wildcard_ = wild;
      expect_op(")");
      return e;
    }
    if (t.text == "[") return parse_bracketed_in();
    break;
  default: break;
  }
  fail_expected("an expression");
}

Expr *Parser::parse_ident_expr() {
  const Token &name = advance();
  bool wild = allow_wildcard_;
  allow_wildcard_ = false;
  if (at_op("(")) {
    if (is_print_name(name.text)) {
      auto *p = ctx_.make_at<PrintExpr>(name.loc);
      p->name = std::string(name.text);
      parse_call_args(p->args);
      if (p->has_format() &&
          (p->args.empty() || p->args[0]->kind != ExprKind::string))
        error(DiagId::parse_bad_format, p->args.empty() ? name.loc : p->args[0]->loc,
              "format of '" + p->name + "' must be a string literal");
      // printd(DELIM, ...): SystemTap wants the delimiter as a literal.
      if (p->name.find("printd") != std::string::npos &&
          (p->args.empty() || p->args[0]->kind != ExprKind::string))
        error(DiagId::parse_bad_format,
              p->args.empty() ? name.loc : p->args[0]->loc,
              "delimiter of '" + p->name + "' must be a string literal");
      // ... and two or more values after it (stap(1)).
      else if (p->name.find("printd") != std::string::npos &&
               p->args.size() < 3)
        error(DiagId::parse_bad_format, name.loc,
              "'" + p->name + "' needs two or more values after its delimiter");
      p->loc = span_from(name.loc);
      return p;
    }
    auto *c = ctx_.make_at<CallExpr>(name.loc);
    c->name = std::string(name.text);
    parse_call_args(c->args);
    c->loc = span_from(name.loc);
    return c;
  }
  Symbol *sym = make_symbol(name);
  if (!accept_op("[")) return sym;
  auto *ix = ctx_.make_at<IndexExpr>(name.loc);
  ix->base = sym;
  parse_index_list(ix->indices, wild);
  ix->loc = span_from(name.loc);
  return ix;
}

void Parser::parse_target_suffix(std::vector<TargetComponent> &comps,
                                 PrettySuffix &pretty) {
  for (;;) {
    if (at_op("->")) {
      Location begin = advance().loc;
      if (peek().kind != Tok::ident) fail_expected("a field name");
      TargetComponent c;
      c.kind = TargetComponent::field;
      c.name = std::string(advance().text);
      c.loc = span_from(begin);
      comps.push_back(std::move(c));
    } else if (at_op("[")) {
      Location begin = advance().loc;
      TargetComponent c;
      if (peek().kind == Tok::number && peek(1).is_op("]")) {
        c.kind = TargetComponent::index_literal;
        c.literal = static_cast<NumberLit *>(parse_number(advance(), false))->value;
      } else {
        c.kind = TargetComponent::index_expr;
        c.index = parse_expr();
      }
      expect_op("]");
      c.loc = span_from(begin);
      comps.push_back(std::move(c));
    } else {
      break;
    }
  }
  if (at_op("$")) {
    advance();
    pretty = PrettySuffix::one;
  } else if (at_op("$$")) {
    advance();
    pretty = PrettySuffix::two;
  }
}

Expr *Parser::parse_target() {
  const Token &t = advance();
  auto *e = ctx_.make_at<TargetSymbol>(t.loc);
  e->name = std::string(t.text);
  parse_target_suffix(e->components, e->pretty);
  e->loc = span_from(t.loc);
  return e;
}

Expr *Parser::parse_at_expr() {
  const Token &t = advance();
  std::string_view name = t.text.substr(1);
  Location begin = t.loc;
  if (name == "cast") {
    auto *c = ctx_.make_at<CastExpr>(begin);
    expect_op("(");
    c->operand = parse_expr();
    expect_op(",");
    c->type_name = parse_string_literal()->value;
    if (accept_op(",")) c->module = parse_string_literal()->value;
    expect_op(")");
    parse_target_suffix(c->components, c->pretty);
    c->loc = span_from(begin);
    return c;
  }
  if (name == "var") {
    auto *v = ctx_.make_at<AtVarExpr>(begin);
    expect_op("(");
    v->name = parse_string_literal()->value;
    if (accept_op(",")) v->module = parse_string_literal()->value;
    expect_op(")");
    parse_target_suffix(v->components, v->pretty);
    v->loc = span_from(begin);
    return v;
  }
  auto single = [&]() {
    expect_op("(");
    Expr *e = parse_expr();
    expect_op(")");
    return e;
  };
  if (name == "entry" || name == "defined" || name == "probewrite") {
    Expr *operand = single();
    Expr *e;
    if (name == "entry") {
      auto *n = ctx_.make_at<EntryExpr>(begin);
      n->operand = operand;
      e = n;
    } else if (name == "defined") {
      auto *n = ctx_.make_at<DefinedExpr>(begin);
      n->operand = operand;
      e = n;
    } else {
      auto *n = ctx_.make_at<ProbeWriteExpr>(begin);
      n->operand = operand;
      e = n;
    }
    e->loc = span_from(begin);
    return e;
  }
  if (auto arity = at_op_arity(name)) {
    auto *op = ctx_.make_at<AtOpExpr>(begin);
    op->op = std::string(name);
    if (op->guru_only() && !guru_ && !is_tapset_)
      error(DiagId::parse_needs_guru, t.loc,
            "using @" + op->op + " operator not permitted; need stap -g");
    if (op->op == "kregister" || op->op == "uregister") {
      // A register number is a literal: SystemTap 4.8 says so in pass 1.
      expect_op("(");
      bool negative = peek().is_op("-");
      if (peek(negative ? 1 : 0).kind != Tok::number) fail_expected("number");
      op->args.push_back(parse_unary());
      expect_op(")");
    } else {
      parse_call_args(op->args);
    }
    op->loc = span_from(begin);
    if (op->args.size() != arity)
      error(DiagId::parse_unexpected, op->loc,
            "'@" + op->op + "' takes " + std::to_string(arity) +
                " argument(s), " + std::to_string(op->args.size()) + " given");
    bool literal_first = op->op == "const" || op->op == "perf";
    if (literal_first && !op->args.empty() &&
        op->args[0]->kind != ExprKind::string)
      error(DiagId::parse_unexpected, op->args[0]->loc,
            "'@" + op->op + "' needs a string literal");
    return op;
  }
  if (is_stat_name(name)) {
    auto *s = ctx_.make_at<StatExpr>(begin);
    s->op = std::string(name);
    if (name != "variance") {
      s->operand = single();
    } else {
      expect_op("(");
      s->operand = parse_expr();
      if (accept_op(",")) {
        // The shift is fixed per variable at translation: a literal (a
        // negative one is pass 2's range error, as in SystemTap).
        bool negative = peek().is_op("-") && peek(1).kind == Tok::number;
        if (negative) advance();
        if (peek().kind != Tok::number) fail_expected("a number (bit shift)");
        s->shift =
            static_cast<NumberLit *>(parse_number(advance(), negative))->value;
      }
      expect_op(")");
    }
    s->loc = span_from(begin);
    return s;
  }
  if (name == "hist_log" || name == "hist_linear") {
    auto *h = ctx_.make_at<HistExpr>(begin);
    h->linear = name == "hist_linear";
    expect_op("(");
    h->operand = parse_expr();
    if (h->linear)
      for (int i = 0; i < 3; ++i) {
        expect_op(",");
        h->params.push_back(parse_expr());
      }
    expect_op(")");
    h->loc = span_from(begin);
    if (!accept_op("[")) return h;
    auto *ix = ctx_.make_at<IndexExpr>(begin);
    ix->base = h;
    parse_index_list(ix->indices, false);
    ix->loc = span_from(begin);
    return ix;
  }
  fail_at(DiagId::parse_unexpected, t.loc,
          "'" + std::string(t.text) + "' cannot be used here");
}

}  // namespace stap
