#include "elaborate/loop_checks.h"

#include <map>
#include <set>
#include <vector>

#include "parser/visitor.h"

namespace stap {

namespace {

// `target` is `arr` or `arr[...]`: the array (or variable) it stores into.
VarDecl *stored_decl(Expr *target) {
  if (target && target->kind == ExprKind::index)
    target = static_cast<IndexExpr *>(target)->base;
  if (!target || target->kind != ExprKind::symbol) return nullptr;
  return static_cast<Symbol *>(target)->decl;
}

// What one function body stores into, re-sorts and iterates directly, and
// whom it calls.
class StoreCollector : public Visitor<StoreCollector> {
public:
  void visit_foreach(ForeachStmt *n) {
    if (n->base && n->base->kind == ExprKind::symbol) {
      VarDecl *d = static_cast<Symbol *>(n->base)->decl;
      if (d) iterates.insert(d);
      if (d && n->sort_column != 0) sorts.insert(d);
    }
    Visitor::visit_foreach(n);
  }
  void visit_delete(DeleteStmt *n) {
    add(n->target);
    Visitor::visit_delete(n);
  }
  void visit_assign(AssignExpr *n) {
    add(n->lhs);
    Visitor::visit_assign(n);
  }
  void visit_incdec(IncDecExpr *n) {
    add(n->operand);
    Visitor::visit_incdec(n);
  }
  void visit_call(CallExpr *n) {
    if (n->decl) calls.insert(n->decl);
    Visitor::visit_call(n);
  }
  std::set<VarDecl *> stores, sorts, iterates;
  std::set<FunctionDecl *> calls;

private:
  void add(Expr *target) {
    // Scalars too: only those a foreach iterates over are ever asked about
    // (is_array is not known yet: types come later).
    if (VarDecl *d = stored_decl(target)) stores.insert(d);
  }
};

// What a function does to global arrays, itself or through anything it
// calls: a foreach must not call one that modifies or re-sorts the array it
// walks, nor (for a statistics array) one that iterates it again.
struct ArrayEffects {
  std::set<VarDecl *> modifies, sorts, iterates;
};

std::map<FunctionDecl *, ArrayEffects> array_effects(const Program &program) {
  std::map<FunctionDecl *, StoreCollector> direct;
  for (FunctionDecl *f : program.functions)
    if (f->body) {
      direct[f].visit(f->body);
      // A call of f may fall through to its next overload.
      if (f->next_overload) direct[f].calls.insert(f->next_overload);
    }
  std::map<FunctionDecl *, ArrayEffects> out;
  for (auto &[f, c] : direct) out[f] = {c.stores, c.sorts, c.iterates};
  auto join = [](std::set<VarDecl *> &into, const std::set<VarDecl *> &from) {
    bool changed = false;
    for (VarDecl *d : from) changed |= into.insert(d).second;
    return changed;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (auto &[f, c] : direct)
      for (FunctionDecl *callee : c.calls) {
        auto it = out.find(callee);
        if (it == out.end() || it->first == f) continue;
        ArrayEffects callee_effects = it->second;
        ArrayEffects &mine = out[f];
        changed |= join(mine.modifies, callee_effects.modifies);
        changed |= join(mine.sorts, callee_effects.sorts);
        changed |= join(mine.iterates, callee_effects.iterates);
      }
  }
  return out;
}

class LoopChecker : public Visitor<LoopChecker> {
public:
  LoopChecker(Diagnostics &diags,
              std::map<FunctionDecl *, ArrayEffects> effects)
      : diags_(diags), effects_(std::move(effects)) {}

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
    for (Expr *e : n->slice) visit(e);
    visit(n->limit);
    VarDecl *array = nullptr;
    if (n->base && n->base->kind == ExprKind::symbol)
      array = static_cast<Symbol *>(n->base)->decl;
    // A sorted foreach reorders the array's entries under an outer loop.
    if (array && n->sort_column != 0)
      for (const Iteration &i : iterated_)
        if (i.array == array) {
          report(n->loc, i,
                 "cannot re-sort array '" + array->name +
                     "' inside a foreach that iterates over it");
          break;
        }
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
  void visit_call(CallExpr *n) {
    auto it = n->decl ? effects_.find(n->decl) : effects_.end();
    if (it != effects_.end())
      for (const Iteration &i : iterated_)
        if (const char *what = effect_on(it->second, i.array)) {
          report(n->loc, i,
                 "cannot call '" + n->name + "', which " + what + " '" +
                     i.array->name +
                     "', inside a foreach that iterates "
                     "over it");
          break;
        }
    Visitor::visit_call(n);
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
    VarDecl *d = stored_decl(target);
    if (!d) return;
    for (const Iteration &it : iterated_) {
      if (it.array != d) continue;
      report(at, it,
             std::string("cannot ") + verb + " array '" + d->name +
                 "' inside a foreach that iterates over it");
      return;
    }
  }

  // What a called function would do to the array under the loop, or null.
  static const char *effect_on(const ArrayEffects &e, VarDecl *array) {
    if (e.modifies.count(array)) return "modifies array";
    if (e.sorts.count(array)) return "re-sorts array";
    // The loop walks the CPUs' merged copy of a statistics array; a
    // second walk would merge it again underneath.
    if (array->type == Type::stats && array->is_array &&
        e.iterates.count(array))
      return "iterates again statistics array";
    return nullptr;
  }

  void report(const Location &at, const Iteration &it, std::string msg) {
    Diagnostic &diag =
        diags_.error(DiagId::sem_foreach_mutation, at, std::move(msg));
    diag.notes.push_back(
        {it.loop->loc, "the foreach over '" + it.array->name + "' is here"});
  }

  Diagnostics &diags_;
  std::map<FunctionDecl *, ArrayEffects> effects_;
  int loops_ = 0;
  std::vector<Iteration> iterated_;
};

}  // namespace

void check_loops(const Program &program, Diagnostics &diags) {
  LoopChecker check(diags, array_effects(program));
  for (ProbeDecl *p : program.probes) check.check_body(p->body);
  for (FunctionDecl *f : program.functions)
    if (f->body) check.check_body(f->body);
}

}  // namespace stap
