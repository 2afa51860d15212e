#include "elaborate/optimize.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "elaborate/reachability.h"
#include "elaborate/side_effects.h"
#include "parser/visitor.h"

namespace stap {

namespace {

// The locals a body reads: every mention except as the target of a plain
// `x = ...` or `x <<< ...`, a foreach binding, a catch variable or a
// `delete x` (a compound assignment or ++ reads its variable, as resolve.cc
// counts it).
class LocalReads : public Visitor<LocalReads> {
public:
  std::set<const VarDecl *> read;
  void visit_symbol(Symbol *s) { read.insert(s->decl); }
  void visit_assign(AssignExpr *n) {
    if ((n->op == "=" || n->op == "<<<") && n->lhs &&
        n->lhs->kind == ExprKind::symbol)
      visit(n->rhs);
    else
      Visitor::visit_assign(n);
  }
  void visit_foreach(ForeachStmt *n) {
    visit(n->base);
    for (Expr *e : n->slice) visit(e);
    visit(n->limit);
    visit(n->body);
  }
  void visit_try(TryStmt *n) {
    visit(n->try_block);
    visit(n->catch_block);
  }
  void visit_delete(DeleteStmt *n) {
    if (n->target && n->target->kind != ExprKind::symbol) visit(n->target);
  }
};

class Optimizer {
public:
  Optimizer(AstContext &ctx, Diagnostics &diags, const SideEffects &effects)
      : ctx_(ctx), diags_(diags), effects_(effects) {}

  bool user_code(const Location &loc) const {
    if (!loc.valid()) return false;
    return !is_tapset_file(diags_.sources().origin(loc.file));
  }

  Expr *fold(Expr *e) { return fold_constants(e, ctx_); }

  // Elides in one body until nothing more goes: dropping `a = f(b)` may
  // leave b unread in turn. What is dropped goes to `elided`.
  void optimize_body(Stmt *body, const std::vector<ProbePoint *> *points,
                     std::vector<Expr *> &elided) {
    elided_ = &elided;
    for (size_t before = SIZE_MAX; before != elided.size();) {
      before = elided.size();
      LocalReads r;
      r.visit(body);
      if (points)
        for (ProbePoint *pp : *points) r.visit(pp->condition);
      reads_ = std::move(r.read);
      stmt(body);
    }
  }

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
    if (effects_.droppable(e)) {
      if (user_code(e->loc))
        diags_.report(DiagId::sem_elided_statement, e->loc,
                      "eliding side-effect-free expression");
      elided_->push_back(e);
      return null_at(s);
    }
    // x = rhs, x += rhs, x <<< rhs, x++ where the local or parameter x is
    // never read.
    VarDecl *dead = nullptr;
    Expr *keep = nullptr;
    if (e->kind == ExprKind::assign) {
      auto *a = static_cast<AssignExpr *>(e);
      dead = unused_local(a->lhs);
      keep = a->rhs;
    } else if (e->kind == ExprKind::incdec) {
      dead = unused_local(static_cast<IncDecExpr *>(e)->operand);
    }
    // A parameter loses only `=` and `<<<` (x += 1 and x++ read it first),
    // as in SystemTap 4.8; it stays itself, callers pass it.
    if (dead && dead->scope == VarScope::param &&
        !(e->kind == ExprKind::assign &&
          (static_cast<AssignExpr *>(e)->op == "=" ||
           static_cast<AssignExpr *>(e)->op == "<<<")))
      dead = nullptr;
    if (!dead) return s;
    if (dead->scope == VarScope::param) {
      if (user_code(e->loc))
        diags_.report(DiagId::sem_elided_statement, e->loc,
                      "eliding assignment to parameter '" + dead->name +
                          "', which is never read");
    } else if (user_code(dead->loc) && warned_.insert(dead).second) {
      diags_.report(DiagId::sem_unused_local, dead->loc,
                    "eliding unused local variable '" + dead->name + "'");
    }
    if (keep && !effects_.droppable(keep)) {
      s->expr = keep;
      return s;
    }
    elided_->push_back(e);
    return null_at(s);
  }

  VarDecl *unused_local(Expr *lhs) const {
    if (!lhs || lhs->kind != ExprKind::symbol) return nullptr;
    VarDecl *d = static_cast<Symbol *>(lhs)->decl;
    if (d && d->scope != VarScope::global && !reads_.count(d) && !d->is_array)
      return d;
    return nullptr;
  }

private:
  AstContext &ctx_;
  Diagnostics &diags_;
  const SideEffects &effects_;
  std::set<VarDecl *> warned_;
  std::set<const VarDecl *> reads_;        // of the body being optimized
  std::vector<Expr *> *elided_ = nullptr;  // its dropped expressions
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
  // What the user's script left unused is reported; what only the
  // elisions below leave unused goes quietly (as in SystemTap).
  Reach as_written = compute_reach(program.probes, {});
  SideEffects effects(program.functions);
  Optimizer opt(ctx, diags, effects);
  std::set<Block *> seen;
  for (ProbeDecl *p : program.probes) {
    if (!seen.insert(p->body).second) continue;
    for (ProbePoint *pp : p->points) pp->condition = opt.fold(pp->condition);
    opt.optimize_body(p->body, &p->points, program.elided[p->body]);
    drop_unmentioned(p->locals, p->body, &p->points);
  }
  for (FunctionDecl *f : program.functions) {
    if (!f->body) continue;
    opt.optimize_body(f->body, nullptr, program.elided[f->body]);
    drop_unmentioned(f->locals, f->body);
  }
  // In source order, as the privilege pass would have met them in place
  // (the cascade finds them in another).
  std::erase_if(program.elided,
                [](const auto &kv) { return kv.second.empty(); });
  for (auto &[body, exprs] : program.elided)
    std::sort(exprs.begin(), exprs.end(), [](const Expr *a, const Expr *b) {
      return std::pair(a->loc.file, a->loc.begin) <
             std::pair(b->loc.file, b->loc.begin);
    });

  // Unused functions and globals: what no probe reaches goes.
  Reach reach = compute_reach(program.probes, {});
  std::erase_if(program.functions, [&](FunctionDecl *f) {
    if (reach.functions.count(f)) return false;
    if (!f->from_tapset && !as_written.functions.count(f))
      diags.report(DiagId::sem_unused_function,
                   f->name_loc.valid() ? f->name_loc : f->loc,
                   "eliding unused function '" + f->name + "'");
    return true;
  });
  std::erase_if(program.globals, [&](VarDecl *g) {
    if (reach.globals.count(g)) return false;
    if (!g->from_tapset && !as_written.globals.count(g))
      diags.report(DiagId::sem_unused_global, g->loc,
                   "eliding unused global variable '" + g->name + "'");
    return true;
  });
}

}  // namespace stap
