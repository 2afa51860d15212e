#include "elaborate/optimize.h"

#include <algorithm>
#include <map>
#include <set>

#include "elaborate/reachability.h"
#include "parser/visitor.h"

namespace stap {

namespace {

bool pure(const Expr *e);

bool all_pure(const std::vector<Expr *> &v) {
  return std::all_of(v.begin(), v.end(), [](const Expr *x) { return pure(x); });
}

// No side effects, and cannot fail at run time (so it may be dropped).
bool pure(const Expr *e) {
  if (!e) return true;
  switch (e->kind) {
  case ExprKind::number: case ExprKind::string: case ExprKind::symbol:
  case ExprKind::defined:
    return true;
  case ExprKind::unary: return pure(static_cast<const UnaryExpr *>(e)->operand);
  case ExprKind::binary: {
    auto *b = static_cast<const BinaryExpr *>(e);
    if (b->op == "/" || b->op == "%") {  // may divide by zero
      if (!b->rhs || b->rhs->kind != ExprKind::number ||
          static_cast<const NumberLit *>(b->rhs)->value == 0)
        return false;
    }
    return pure(b->lhs) && pure(b->rhs);
  }
  case ExprKind::logical: {
    auto *b = static_cast<const LogicalExpr *>(e);
    return pure(b->lhs) && pure(b->rhs);
  }
  case ExprKind::compare: {
    auto *b = static_cast<const CompareExpr *>(e);
    return pure(b->lhs) && pure(b->rhs);
  }
  case ExprKind::concat: {
    auto *b = static_cast<const ConcatExpr *>(e);
    return pure(b->lhs) && pure(b->rhs);
  }
  case ExprKind::regex: return pure(static_cast<const RegexExpr *>(e)->lhs);
  case ExprKind::ternary: {
    auto *t = static_cast<const TernaryExpr *>(e);
    return pure(t->cond) && pure(t->then_expr) && pure(t->else_expr);
  }
  case ExprKind::in: return all_pure(static_cast<const InExpr *>(e)->keys);
  default:
    // Calls, prints, assignments, target reads (may fault), statistics
    // extraction (fails on empty aggregates), embedded C: keep.
    return false;
  }
}

class Optimizer {
public:
  Optimizer(AstContext &ctx, Diagnostics &diags) : ctx_(ctx), diags_(diags) {}

  bool user_code(const Location &loc) const {
    if (!loc.valid()) return false;
    return !is_tapset_file(diags_.sources().origin(loc.file));
  }

  Expr *fold(Expr *e) { return fold_constants(e, ctx_); }

  Stmt *null_at(const Stmt *s) { return ctx_.make_at<NullStmt>(s->loc); }

  // Returns the statement to keep in place of `s`.
  Stmt *stmt(Stmt *s) {
    if (!s) return s;
    switch (s->kind) {
    case StmtKind::block: {
      auto *b = static_cast<Block *>(s);
      for (Stmt *&x : b->stmts) x = stmt(x);
      std::erase_if(b->stmts, [](Stmt *x) { return x->kind == StmtKind::null; });
      return b;
    }
    case StmtKind::expr: return expr_stmt(static_cast<ExprStmt *>(s));
    case StmtKind::if_: {
      auto *n = static_cast<IfStmt *>(s);
      n->cond = fold(n->cond);
      n->then_stmt = stmt(n->then_stmt);
      n->else_stmt = stmt(n->else_stmt);
      return n;
    }
    case StmtKind::while_: {
      auto *n = static_cast<WhileStmt *>(s);
      n->cond = fold(n->cond);
      n->body = stmt(n->body);
      return n;
    }
    case StmtKind::for_: {
      auto *n = static_cast<ForStmt *>(s);
      n->init = stmt(n->init);
      n->cond = fold(n->cond);
      n->step = stmt(n->step);
      n->body = stmt(n->body);
      return n;
    }
    case StmtKind::foreach: {
      auto *n = static_cast<ForeachStmt *>(s);
      for (Expr *&e : n->slice) e = fold(e);
      n->limit = fold(n->limit);
      n->body = stmt(n->body);
      return n;
    }
    case StmtKind::return_: {
      auto *n = static_cast<ReturnStmt *>(s);
      n->value = fold(n->value);
      return n;
    }
    case StmtKind::try_: {
      auto *n = static_cast<TryStmt *>(s);
      stmt(n->try_block);
      stmt(n->catch_block);
      return n;
    }
    default: return s;
    }
  }

  Stmt *expr_stmt(ExprStmt *s) {
    s->expr = fold(s->expr);
    Expr *e = s->expr;
    if (!e) return null_at(s);
    if (pure(e)) {
      if (user_code(e->loc))
        diags_.report(DiagId::sem_elided_statement, e->loc,
                      "eliding side-effect-free expression");
      return null_at(s);
    }
    // x = rhs, x += rhs, x++ where the local x is never read.
    VarDecl *dead = nullptr;
    Expr *keep = nullptr;
    if (e->kind == ExprKind::assign) {
      auto *a = static_cast<AssignExpr *>(e);
      dead = unused_local(a->lhs);
      keep = a->rhs;
    } else if (e->kind == ExprKind::incdec) {
      dead = unused_local(static_cast<IncDecExpr *>(e)->operand);
    }
    if (!dead) return s;
    if (user_code(dead->loc) && warned_.insert(dead).second)
      diags_.report(DiagId::sem_unused_local, dead->loc,
                    "eliding unused local variable '" + dead->name + "'");
    if (keep && !pure(keep)) {
      s->expr = keep;
      return s;
    }
    return null_at(s);
  }

  static VarDecl *unused_local(Expr *lhs) {
    if (!lhs || lhs->kind != ExprKind::symbol) return nullptr;
    VarDecl *d = static_cast<Symbol *>(lhs)->decl;
    if (d && d->scope == VarScope::local && !d->read && !d->is_array) return d;
    return nullptr;
  }

private:
  AstContext &ctx_;
  Diagnostics &diags_;
  std::set<VarDecl *> warned_;
};

// Drops locals no longer mentioned anywhere in their body.
class Mentions : public Visitor<Mentions> {
public:
  void visit_symbol(Symbol *s) { seen.insert(s->decl); }
  void visit_foreach(ForeachStmt *n) {
    if (n->value) seen.insert(n->value->decl);
    for (Symbol *k : n->keys) seen.insert(k->decl);
    Visitor::visit_foreach(n);
  }
  std::set<VarDecl *> seen;
};

void drop_unmentioned(std::vector<VarDecl *> &locals, Stmt *body,
                      const std::vector<ProbePoint *> *points = nullptr) {
  Mentions m;
  m.visit(body);
  if (points)
    for (ProbePoint *pp : *points) m.visit(pp->condition);
  std::erase_if(locals, [&](VarDecl *l) { return !m.seen.count(l); });
}

}  // namespace

void optimize(Program &program, AstContext &ctx, Diagnostics &diags) {
  Optimizer opt(ctx, diags);
  std::set<Block *> seen;
  for (ProbeDecl *p : program.probes) {
    if (!seen.insert(p->body).second) continue;
    for (ProbePoint *pp : p->points) pp->condition = opt.fold(pp->condition);
    opt.stmt(p->body);
    drop_unmentioned(p->locals, p->body, &p->points);
  }
  for (FunctionDecl *f : program.functions) {
    opt.stmt(f->body);
    drop_unmentioned(f->locals, f->body);
  }

  // Unused functions and globals: what no probe reaches goes.
  Reach reach = compute_reach(program.probes, {});
  std::erase_if(program.functions, [&](FunctionDecl *f) {
    if (reach.functions.count(f)) return false;
    if (!f->from_tapset)
      diags.report(DiagId::sem_unused_function,
                   f->name_loc.valid() ? f->name_loc : f->loc,
                   "eliding unused function '" + f->name + "'");
    return true;
  });
  std::erase_if(program.globals, [&](VarDecl *g) {
    if (reach.globals.count(g)) return false;
    if (!g->from_tapset)
      diags.report(DiagId::sem_unused_global, g->loc,
                   "eliding unused global variable '" + g->name + "'");
    return true;
  });
}

}  // namespace stap
