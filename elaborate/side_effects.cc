#include "elaborate/side_effects.h"

#include <algorithm>
#include <map>

#include "parser/visitor.h"

namespace stap {

namespace {

bool is_global(const Expr *e) {
  if (!e) return false;
  if (e->kind == ExprKind::index) e = static_cast<const IndexExpr *>(e)->base;
  if (!e || e->kind != ExprKind::symbol) return false;
  const VarDecl *d = static_cast<const Symbol *>(e)->decl;
  return !d || d->scope == VarScope::global;  // unresolved: assume the worst
}

bool is_target(const Expr *e) {
  return e && (e->kind == ExprKind::target || e->kind == ExprKind::cast ||
               e->kind == ExprKind::atvar || e->kind == ExprKind::autocast);
}

// What one script function body does by itself, and whom it calls.
class DirectEffects : public Visitor<DirectEffects> {
public:
  bool effect = false;
  std::vector<const FunctionDecl *> callees;

  void written(const Expr *lhs) {
    if (is_global(lhs) || is_target(lhs)) effect = true;
  }
  void visit_assign(AssignExpr *n) {
    written(n->lhs);
    Visitor::visit_assign(n);
  }
  void visit_incdec(IncDecExpr *n) {
    written(n->operand);
    Visitor::visit_incdec(n);
  }
  void visit_delete(DeleteStmt *n) {
    written(n->target);
    Visitor::visit_delete(n);
  }
  void visit_print(PrintExpr *n) {
    if (!n->is_sprint()) effect = true;
    Visitor::visit_print(n);
  }
  // `next` in a function moves on to the next overload, or, after the
  // last, ends the probe: the caller's control flow changes.
  void visit_next(NextStmt *) { effect = true; }
  void visit_embedded_expr(EmbeddedExpr *) { effect = true; }
  void visit_embedded_stmt(EmbeddedStmt *) { effect = true; }
  void visit_call(CallExpr *n) {
    if (!n->decl) effect = true;
    for (const FunctionDecl *f = n->decl; f; f = f->next_overload)
      callees.push_back(f);
    Visitor::visit_call(n);
  }
};

}  // namespace

SideEffects::SideEffects(const std::vector<FunctionDecl *> &functions) {
  // Every function reachable through calls, with what it calls.
  std::map<const FunctionDecl *, std::vector<const FunctionDecl *>> calls;
  std::vector<const FunctionDecl *> work(functions.begin(), functions.end());
  while (!work.empty()) {
    const FunctionDecl *f = work.back();
    work.pop_back();
    if (!f || calls.count(f)) continue;
    DirectEffects scan;
    if (f->is_embedded)
      scan.effect = !f->pragmas.pure;
    else
      scan.visit(f->body);
    if (scan.effect) impure_.insert(f);
    for (const FunctionDecl *c : scan.callees) work.push_back(c);
    if (f->next_overload) work.push_back(f->next_overload);
    calls[f] = std::move(scan.callees);
  }
  // A caller of an impure function is impure: propagate to a fixpoint
  // (sound for recursion, unlike a memoised depth-first walk).
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto &[f, callees] : calls) {
      if (impure_.count(f)) continue;
      if (std::any_of(callees.begin(), callees.end(),
                      [&](const FunctionDecl *c) { return impure_.count(c); }))
        changed = impure_.insert(f).second;
    }
  }
}

bool SideEffects::callees_pure(const FunctionDecl *first) const {
  if (!first) return false;
  for (const FunctionDecl *f = first; f; f = f->next_overload)
    if (!pure(f)) return false;
  return true;
}

bool SideEffects::all_droppable(const std::vector<Expr *> &v) const {
  return std::all_of(v.begin(), v.end(),
                     [&](const Expr *x) { return droppable(x); });
}

bool SideEffects::components_droppable(
    const std::vector<TargetComponent> &cs) const {
  return std::all_of(cs.begin(), cs.end(), [&](const TargetComponent &c) {
    return droppable(c.index);
  });
}

bool SideEffects::droppable(const Expr *e) const {
  if (!e) return true;
  switch (e->kind) {
  case ExprKind::number:
  case ExprKind::string:
  case ExprKind::symbol:
  case ExprKind::defined: return true;
  case ExprKind::unary:
    return droppable(static_cast<const UnaryExpr *>(e)->operand);
  case ExprKind::binary: {
    auto *b = static_cast<const BinaryExpr *>(e);
    if (b->op == "/" || b->op == "%") {  // kept for its division by zero
      if (!b->rhs || b->rhs->kind != ExprKind::number ||
          static_cast<const NumberLit *>(b->rhs)->value == 0)
        return false;
    }
    return droppable(b->lhs) && droppable(b->rhs);
  }
  case ExprKind::logical: {
    auto *b = static_cast<const LogicalExpr *>(e);
    return droppable(b->lhs) && droppable(b->rhs);
  }
  case ExprKind::compare: {
    auto *b = static_cast<const CompareExpr *>(e);
    return droppable(b->lhs) && droppable(b->rhs);
  }
  case ExprKind::concat: {
    auto *b = static_cast<const ConcatExpr *>(e);
    return droppable(b->lhs) && droppable(b->rhs);
  }
  case ExprKind::regex:
    return droppable(static_cast<const RegexExpr *>(e)->lhs);
  case ExprKind::ternary: {
    auto *t = static_cast<const TernaryExpr *>(e);
    return droppable(t->cond) && droppable(t->then_expr) &&
           droppable(t->else_expr);
  }
  case ExprKind::in: return all_droppable(static_cast<const InExpr *>(e)->keys);
  case ExprKind::index: {
    auto *n = static_cast<const IndexExpr *>(e);
    return droppable(n->base) && all_droppable(n->indices);
  }
  case ExprKind::call: {
    auto *c = static_cast<const CallExpr *>(e);
    return callees_pure(c->decl) && all_droppable(c->args);
  }
  case ExprKind::print: {
    auto *p = static_cast<const PrintExpr *>(e);
    return p->is_sprint() && all_droppable(p->args);
  }
  // Reads of the probed context (they may fault; faults are not effects).
  case ExprKind::target:
    return components_droppable(
        static_cast<const TargetSymbol *>(e)->components);
  case ExprKind::cast: {
    auto *c = static_cast<const CastExpr *>(e);
    return droppable(c->operand) && components_droppable(c->components);
  }
  case ExprKind::atvar:
    return components_droppable(static_cast<const AtVarExpr *>(e)->components);
  case ExprKind::autocast: {
    auto *c = static_cast<const AutocastExpr *>(e);
    return droppable(c->operand) && components_droppable(c->components);
  }
  case ExprKind::entry:
    return droppable(static_cast<const EntryExpr *>(e)->operand);
  case ExprKind::at_op:
    return all_droppable(static_cast<const AtOpExpr *>(e)->args);
  case ExprKind::stat:
    return droppable(static_cast<const StatExpr *>(e)->operand);
  case ExprKind::hist: {
    auto *h = static_cast<const HistExpr *>(e);
    return droppable(h->operand) && all_droppable(h->params);
  }
  case ExprKind::probewrite:
  case ExprKind::incdec:
  case ExprKind::assign:
  case ExprKind::embedded_expr: return false;
  }
  return false;
}

}  // namespace stap
