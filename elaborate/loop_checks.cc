#include "elaborate/loop_checks.h"

#include <vector>

#include "parser/visitor.h"

namespace stap {

namespace {

class LoopChecker : public Visitor<LoopChecker> {
public:
  explicit LoopChecker(Diagnostics &diags) : diags_(diags) {}

  void visit_while(WhileStmt *n) {
    visit(n->cond);
    in_loop(n->body);
  }
  void visit_for(ForStmt *n) {
    visit(n->init);
    visit(n->cond);
    visit(n->step);
    in_loop(n->body);
  }
  void visit_foreach(ForeachStmt *n) {
    if (n->value) visit(n->value);
    for (Symbol *k : n->keys) visit(k);
    visit(n->base);
    visit(n->limit);
    VarDecl *array = nullptr;
    if (n->base && n->base->kind == ExprKind::symbol)
      array = static_cast<Symbol *>(n->base)->decl;
    if (array) iterated_.push_back({array, n});
    in_loop(n->body);
    if (array) iterated_.pop_back();
  }

  void visit_break(BreakStmt *n) {
    if (!loops_)
      diags_.error(DiagId::sem_bad_context, n->loc, "'break' outside a loop");
  }
  void visit_continue(ContinueStmt *n) {
    if (!loops_)
      diags_.error(DiagId::sem_bad_context, n->loc,
                   "'continue' outside a loop");
  }

  void visit_delete(DeleteStmt *n) {
    check_store(n->target, n->loc, "delete from");
    Visitor::visit_delete(n);
  }
  void visit_assign(AssignExpr *n) {
    check_store(n->lhs, n->loc, "assign to");
    Visitor::visit_assign(n);
  }
  void visit_incdec(IncDecExpr *n) {
    check_store(n->operand, n->loc, "modify");
    Visitor::visit_incdec(n);
  }

  // A function body is its own world: loops around its call sites do not
  // count for its break/continue.
  void check_body(Stmt *body) {
    loops_ = 0;
    iterated_.clear();
    visit(body);
  }

private:
  struct Iteration {
    VarDecl *array;
    ForeachStmt *loop;
  };

  void in_loop(Stmt *body) {
    ++loops_;
    visit(body);
    --loops_;
  }

  // `target` is `arr`, `arr[...]`: refuse it while a foreach walks `arr`.
  void check_store(Expr *target, const Location &at, const char *verb) {
    if (!target) return;
    if (target->kind == ExprKind::index)
      target = static_cast<IndexExpr *>(target)->base;
    if (!target || target->kind != ExprKind::symbol) return;
    VarDecl *d = static_cast<Symbol *>(target)->decl;
    if (!d) return;
    for (const Iteration &it : iterated_) {
      if (it.array != d) continue;
      Diagnostic &diag = diags_.error(
          DiagId::sem_bad_context, at,
          std::string("cannot ") + verb + " array '" + d->name +
              "' inside a foreach that iterates over it");
      diag.notes.push_back({it.loop->loc, "the foreach over '" + d->name +
                                              "' is here"});
      return;
    }
  }

  Diagnostics &diags_;
  int loops_ = 0;
  std::vector<Iteration> iterated_;
};

}  // namespace

void check_loops(const Program &program, Diagnostics &diags) {
  LoopChecker check(diags);
  for (ProbeDecl *p : program.probes) check.check_body(p->body);
  for (FunctionDecl *f : program.functions)
    if (f->body) check.check_body(f->body);
}

}  // namespace stap
