// Constant folding for the optimize step.
#include <cstdint>

#include "elaborate/optimize.h"

namespace stap {

namespace {

NumberLit *as_number(Expr *e) {
  return e && e->kind == ExprKind::number ? static_cast<NumberLit *>(e) : nullptr;
}
StringLit *as_string(Expr *e) {
  return e && e->kind == ExprKind::string ? static_cast<StringLit *>(e) : nullptr;
}

class Folder {
public:
  explicit Folder(AstContext &ctx) : ctx_(ctx) {}

  Expr *number(const Expr *at, int64_t v) {
    auto *n = ctx_.make_at<NumberLit>(at->loc);
    n->value = v;
    n->type = Type::long_;
    return n;
  }

  // Wrapping arithmetic, as the generated C does with int64_t.
  static int64_t wrap(uint64_t v) { return static_cast<int64_t>(v); }

  bool binary(const std::string &op, int64_t a, int64_t b, int64_t &r) {
    uint64_t ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
    if (op == "+") r = wrap(ua + ub);
    else if (op == "-") r = wrap(ua - ub);
    else if (op == "*") r = wrap(ua * ub);
    else if (op == "/" || op == "%") {
      if (b == 0 || (a == INT64_MIN && b == -1)) return false;
      r = op == "/" ? a / b : a % b;
    } else if (op == "<<" || op == ">>" || op == ">>>") {
      if (b < 0 || b > 63) return false;
      if (op == "<<") r = wrap(ua << b);
      else if (op == ">>") r = a >> b;
      else r = wrap(ua >> b);
    } else if (op == "&") r = a & b;
    else if (op == "|") r = a | b;
    else if (op == "^") r = a ^ b;
    else return false;
    return true;
  }

  template <typename T> static bool compare(const std::string &op, const T &a, const T &b) {
    if (op == "<") return a < b;
    if (op == "<=") return a <= b;
    if (op == ">") return a > b;
    if (op == ">=") return a >= b;
    if (op == "==") return a == b;
    return a != b;
  }

  Expr *fold(Expr *e) {
    if (!e) return e;
    switch (e->kind) {
    case ExprKind::unary: {
      auto *u = static_cast<UnaryExpr *>(e);
      u->operand = fold(u->operand);
      NumberLit *n = as_number(u->operand);
      if (!n) return e;
      uint64_t v = static_cast<uint64_t>(n->value);
      if (u->op == "-") return number(e, wrap(0 - v));
      if (u->op == "+") return number(e, n->value);
      if (u->op == "~") return number(e, wrap(~v));
      if (u->op == "!") return number(e, n->value == 0);
      return e;
    }
    case ExprKind::binary: {
      auto *b = static_cast<BinaryExpr *>(e);
      b->lhs = fold(b->lhs);
      b->rhs = fold(b->rhs);
      NumberLit *l = as_number(b->lhs), *r = as_number(b->rhs);
      int64_t v;
      if (l && r && binary(b->op, l->value, r->value, v)) return number(e, v);
      return e;
    }
    case ExprKind::logical: {
      auto *b = static_cast<LogicalExpr *>(e);
      b->lhs = fold(b->lhs);
      b->rhs = fold(b->rhs);
      NumberLit *l = as_number(b->lhs), *r = as_number(b->rhs);
      if (!l) return e;
      bool is_and = b->op == "&&";
      // The right side never runs: `0 && x`, `1 || x`.
      if (is_and && l->value == 0) return number(e, 0);
      if (!is_and && l->value != 0) return number(e, 1);
      if (r) return number(e, r->value != 0);
      return e;
    }
    case ExprKind::compare: {
      auto *c = static_cast<CompareExpr *>(e);
      c->lhs = fold(c->lhs);
      c->rhs = fold(c->rhs);
      if (NumberLit *l = as_number(c->lhs))
        if (NumberLit *r = as_number(c->rhs))
          return number(e, compare(c->op, l->value, r->value));
      if (StringLit *l = as_string(c->lhs))
        if (StringLit *r = as_string(c->rhs))
          return number(e, compare(c->op, l->value, r->value));
      return e;
    }
    case ExprKind::concat: {
      auto *c = static_cast<ConcatExpr *>(e);
      c->lhs = fold(c->lhs);
      c->rhs = fold(c->rhs);
      StringLit *l = as_string(c->lhs), *r = as_string(c->rhs);
      if (!l || !r) return e;
      auto *s = ctx_.make_at<StringLit>(e->loc);
      s->value = l->value + r->value;
      s->type = Type::string;
      return s;
    }
    case ExprKind::ternary: {
      auto *t = static_cast<TernaryExpr *>(e);
      t->cond = fold(t->cond);
      t->then_expr = fold(t->then_expr);
      t->else_expr = fold(t->else_expr);
      if (NumberLit *c = as_number(t->cond))
        return c->value ? t->then_expr : t->else_expr;
      return e;
    }
    case ExprKind::assign: {
      auto *a = static_cast<AssignExpr *>(e);
      a->rhs = fold(a->rhs);
      if (a->lhs && a->lhs->kind == ExprKind::index) fold_list(static_cast<IndexExpr *>(a->lhs)->indices);
      return e;
    }
    case ExprKind::index: fold_list(static_cast<IndexExpr *>(e)->indices); return e;
    case ExprKind::in: fold_list(static_cast<InExpr *>(e)->keys); return e;
    case ExprKind::call: fold_list(static_cast<CallExpr *>(e)->args); return e;
    case ExprKind::print: fold_list(static_cast<PrintExpr *>(e)->args); return e;
    case ExprKind::hist: fold_list(static_cast<HistExpr *>(e)->params); return e;
    case ExprKind::regex: {
      auto *r = static_cast<RegexExpr *>(e);
      r->lhs = fold(r->lhs);
      return e;
    }
    default: return e;
    }
  }

  void fold_list(std::vector<Expr *> &v) {
    for (Expr *&x : v) x = fold(x);
  }

private:
  AstContext &ctx_;
};

}  // namespace

Expr *fold_constants(Expr *e, AstContext &ctx) { return Folder(ctx).fold(e); }

}  // namespace stap
