#include "elaborate/resolve.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "elaborate/suggest.h"
#include "parser/visitor.h"

namespace stap {

namespace {

std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Where a body runs: a probe (with its type) or a function.
struct Scope {
  FileId file = kNoFile;
  std::vector<VarDecl *> *locals = nullptr;
  FunctionDecl *function = nullptr;
  // A tapset function: the script's own globals are invisible to it, so
  // a script's `global n` cannot capture a tapset function's local `n`.
  bool tapset_function = false;
  const ProbeType *probe_type = nullptr;
  std::string probe_name;  // the concrete point, for messages
};

enum class Use { read, write, read_write };

class Resolver : public Visitor<Resolver> {
public:
  Resolver(ElabState &st, Scope scope) : st_(st), scope_(std::move(scope)) {}

  // ---- identifiers
  void visit_symbol(Symbol *s) { bind(s, /*as_array=*/false, Use::read); }

  void bind(Symbol *s, bool as_array, Use use) {
    if (!s) return;
    if (!s->decl) s->decl = lookup(s, as_array);
    if (!s->decl) return;
    if (use != Use::write) s->decl->read = true;
    if (use != Use::read) s->decl->written = true;
  }

  VarDecl *find_global(const std::string &name) {
    auto it = st_.globals.find(name);
    if (it == st_.globals.end()) return nullptr;
    VarDecl *best = nullptr;
    for (VarDecl *g : it->second) {
      if (!visible_from(g->is_private, g->file, scope_.file)) continue;
      if (scope_.tapset_function && !g->from_tapset) continue;
      if (g->file == scope_.file) return g;  // own file first
      if (!best || (best->from_tapset && !g->from_tapset)) best = g;
    }
    return best;
  }

  bool private_global_exists(const std::string &name) {
    auto it = st_.globals.find(name);
    return it != st_.globals.end() && !it->second.empty();
  }

  VarDecl *lookup(Symbol *s, bool as_array) {
    for (VarDecl *l : *scope_.locals)
      if (l->name == s->name) return l;
    if (scope_.function)
      for (VarDecl *p : scope_.function->params)
        if (p->name == s->name) return p;
    VarDecl *g = find_global(s->name);
    if (!g) {
      st_.library.require_global(s->name);
      register_new_tapsets(st_);
      g = find_global(s->name);
    }
    if (g) return g;
    if (as_array) {
      if (private_global_exists(s->name)) {
        st_.diags.error(DiagId::sem_global_private_access, s->loc,
                        "array '" + s->name +
                            "' is a private global of another file");
        return nullptr;
      }
      std::string msg = "unresolved array '" + s->name + "'";
      std::string near = closest_name(s->name, global_names());
      if (!near.empty()) msg += "; did you mean '" + near + "'?";
      st_.diags.error(DiagId::sem_unresolved_variable, s->loc, msg);
      return nullptr;
    }
    VarDecl *l = st_.ctx.make_at<VarDecl>(s->loc);
    l->name = s->name;
    l->scope = VarScope::local;
    l->file = scope_.file;
    scope_.locals->push_back(l);
    return l;
  }

  std::vector<std::string> global_names() {
    std::vector<std::string> out = st_.library.global_names();
    for (auto &[name, list] : st_.globals) out.push_back(name);
    return out;
  }

  // ---- lvalues
  void lvalue(Expr *e, Use use) {
    if (!e) return;
    switch (e->kind) {
    case ExprKind::symbol: bind(static_cast<Symbol *>(e), false, use); return;
    case ExprKind::index: index(static_cast<IndexExpr *>(e), use); return;
    case ExprKind::target: case ExprKind::cast: case ExprKind::atvar:
    case ExprKind::autocast:
      visit(e);  // guru-mode writes; the privilege pass judges them
      return;
    default:
      st_.diags.error(DiagId::sem_lvalue, e->loc,
                      "expression is not assignable");
      visit(e);
    }
  }

  void index(IndexExpr *n, Use use) {
    if (n->base && n->base->kind == ExprKind::symbol)
      bind(static_cast<Symbol *>(n->base), /*as_array=*/true, use);
    else
      visit(n->base);
    for (Expr *i : n->indices) visit(i);
  }

  void visit_index(IndexExpr *n) { index(n, Use::read); }

  // `x = E` with x a plain variable: SystemTap elides the statement when
  // x turns out to be a local never read, before it checks E's target
  // variables and @entry against the probe; their errors wait for that.
  void visit_expr_stmt(ExprStmt *n) {
    auto *a = n->expr && n->expr->kind == ExprKind::assign
                  ? static_cast<AssignExpr *>(n->expr)
                  : nullptr;
    if (!a || a->op != "=" || !a->lhs || a->lhs->kind != ExprKind::symbol) {
      visit(n->expr);
      return;
    }
    ExprStmt *outer = elidable_;
    elidable_ = n;
    visit(n->expr);
    elidable_ = outer;
  }

  // After the body: elide what SystemTap elides, report the rest.
  void finish_elidable(Stmt *body) {
    bool elided = false;
    for (auto &[stmt, errors] : context_errors_) {
      auto *a = static_cast<AssignExpr *>(stmt->expr);
      VarDecl *d = static_cast<Symbol *>(a->lhs)->decl;
      if (d && d->scope == VarScope::local && !d->read && !d->is_array) {
        st_.diags.report(DiagId::sem_elided_statement, a->loc,
                         "eliding assignment to '" + d->name +
                             "', never read, before its probe context is "
                             "checked (as SystemTap does)");
        stmt->expr = nullptr;
        elided = true;
        continue;
      }
      for (auto &[id, loc, message] : errors) st_.diags.error(id, loc, message);
    }
    context_errors_.clear();
    if (elided) drop_unmentioned_locals(body);
  }

  // A local only an elided statement named has no type to infer: gone.
  void drop_unmentioned_locals(Stmt *body) {
    struct Mentions : Visitor<Mentions> {
      std::set<const VarDecl *> seen;
      void visit_symbol(Symbol *s) { seen.insert(s->decl); }
      void visit_foreach(ForeachStmt *n) {
        if (n->value) seen.insert(n->value->decl);
        for (Symbol *k : n->keys) seen.insert(k->decl);
        Visitor::visit_foreach(n);
      }
    } m;
    m.visit(body);
    std::erase_if(*scope_.locals, [&](VarDecl *l) { return !m.seen.count(l); });
  }

  void visit_assign(AssignExpr *n) {
    visit(n->rhs);
    // `<<<` adds to its statistic without reading it, as `=` writes.
    bool writes_only = n->op == "=" || n->op == "<<<";
    lvalue(n->lhs, writes_only ? Use::write : Use::read_write);
  }
  void visit_incdec(IncDecExpr *n) { lvalue(n->operand, Use::read_write); }

  void visit_in(InExpr *n) {
    for (Expr *k : n->keys) visit(k);
    bind(n->array, /*as_array=*/true, Use::read);
  }

  void visit_foreach(ForeachStmt *n) {
    if (n->base && n->base->kind == ExprKind::symbol)
      bind(static_cast<Symbol *>(n->base), /*as_array=*/true, Use::read);
    else
      visit(n->base);
    for (Expr *e : n->slice) visit(e);
    if (n->value) bind(n->value, false, Use::write);
    for (Symbol *k : n->keys) bind(k, false, Use::write);
    visit(n->limit);
    visit(n->body);
  }

  void visit_delete(DeleteStmt *n) {
    Expr *t = n->target;
    if (t && t->kind == ExprKind::symbol) {
      bind(static_cast<Symbol *>(t), false, Use::write);
    } else if (t && t->kind == ExprKind::index) {
      index(static_cast<IndexExpr *>(t), Use::write);
    } else if (t) {
      st_.diags.error(DiagId::sem_bad_delete, t->loc,
                      "cannot delete an expression that is not a variable "
                      "or an array element");
      visit(t);
    }
  }

  void visit_try(TryStmt *n) {
    visit(n->try_block);
    if (n->catch_var) bind(n->catch_var, false, Use::write);
    visit(n->catch_block);
  }

  void visit_return(ReturnStmt *n) {
    if (!scope_.function)
      st_.diags.error(DiagId::sem_bad_context, n->loc,
                      "'return' outside a function; use 'next' to leave a "
                      "probe");
    visit(n->value);
  }

  // ---- calls
  std::vector<FunctionDecl *> visible_functions(const std::string &name) {
    std::vector<FunctionDecl *> out;
    auto it = st_.functions.find(name);
    if (it == st_.functions.end()) return out;
    for (FunctionDecl *f : it->second)
      if (visible_from(f->is_private, f->file, scope_.file)) out.push_back(f);
    return out;
  }

  FunctionDecl *pick(const std::vector<FunctionDecl *> &fs, size_t arity) {
    FunctionDecl *best = nullptr;
    for (FunctionDecl *f : fs) {
      if (f->params.size() != arity) continue;
      if (f->file == scope_.file) return f;
      if (!best || (best->from_tapset && !f->from_tapset)) best = f;
    }
    return best;
  }

  void visit_call(CallExpr *n) {
    for (Expr *a : n->args) visit(a);
    if (n->decl) return;
    FunctionDecl *f = pick(visible_functions(n->name), n->args.size());
    if (!f) {
      st_.library.require_function(n->name);
      register_new_tapsets(st_);
      f = pick(visible_functions(n->name), n->args.size());
    }
    if (f) {
      n->decl = f;
      for (FunctionDecl *o = f; o; o = o->next_overload)
        if (!st_.resolved_functions.count(o))
          st_.pending_functions.push_back(o);
      return;
    }
    report_unresolved_call(n);
  }

  void report_unresolved_call(CallExpr *n) {
    std::vector<FunctionDecl *> others = visible_functions(n->name);
    if (!others.empty()) {
      std::string expected;
      for (size_t i = 0; i < others.size(); ++i) {
        if (i) expected += i + 1 == others.size() ? " or " : ", ";
        expected += std::to_string(others[i]->params.size());
      }
      Diagnostic &d = st_.diags.error(
          DiagId::sem_arity, n->loc,
          "wrong number of arguments to function '" + n->name +
              "': expected " + expected + ", got " +
              std::to_string(n->args.size()));
      for (FunctionDecl *o : others)
        d.notes.push_back({o->name_loc.valid() ? o->name_loc : o->loc,
                           "'" + n->name + "' declared here with " +
                               plural(o->params.size(), "parameter")});
      return;
    }
    if (st_.functions.count(n->name)) {
      st_.diags.error(DiagId::sem_global_private_access, n->loc,
                      "function '" + n->name +
                          "' is private to another file");
      return;
    }
    std::vector<std::string> names = st_.library.function_names();
    for (auto &[name, list] : st_.functions) names.push_back(name);
    std::string msg = "unresolved function '" + n->name + "' (called with " +
                      plural(n->args.size(), "argument") + ")";
    std::string near = closest_name(n->name, names);
    if (!near.empty()) msg += "; did you mean '" + near + "'?";
    st_.diags.error(DiagId::sem_unresolved_function, n->loc, msg);
  }

  // ---- probe context
  void visit_target(TargetSymbol *n) {
    Visitor::visit_target(n);
    if (in_defined_) return;  // @defined($x) asks; it must not fail
    bool is_return = n->name == "$return" || n->name == "$$return";
    if (!scope_.probe_type) {
      context_error(DiagId::sem_target_unavailable, n->loc,
                    "target variable '" + n->name +
                        "' cannot be used in a function");
      return;
    }
    if (is_return && !scope_.probe_type->allows_return_values) {
      context_error(DiagId::sem_bad_context, n->loc,
                    "'" + n->name +
                        "' is only available in return probes"
                        " (not in '" +
                        scope_.probe_name + "')");
      return;
    }
    if (!is_return && !scope_.probe_type->has_target_vars)
      context_error(DiagId::sem_target_unavailable, n->loc,
                    "target variable '" + n->name +
                        "' is not available in probe '" + scope_.probe_name +
                        "'");
  }

  void visit_entry(EntryExpr *n) {
    if (!in_defined_ &&
        (!scope_.probe_type || !scope_.probe_type->allows_return_values)) {
      std::string where = scope_.probe_type
                              ? "not in '" + scope_.probe_name + "'"
                              : "not in a function";
      context_error(DiagId::sem_entry_outside_return, n->loc,
                    "'@entry' is only available in return probes (" + where +
                        ")");
    }
    visit(n->operand);
  }

  // @defined($x) is known false where the probe offers no such target
  // variable; the branch it guards is then dropped unchecked, as
  // SystemTap does.
  bool known_undefined(const Expr *cond) const {
    if (!cond || cond->kind != ExprKind::defined) return false;
    const Expr *op = static_cast<const DefinedExpr *>(cond)->operand;
    if (!op || op->kind != ExprKind::target) return false;
    const auto *t = static_cast<const TargetSymbol *>(op);
    bool is_return = t->name == "$return" || t->name == "$$return";
    if (!scope_.probe_type) return true;
    return is_return ? !scope_.probe_type->allows_return_values
                     : !scope_.probe_type->has_target_vars;
  }

  void visit_if(IfStmt *n) {
    if (known_undefined(n->cond))
      n->then_stmt = st_.ctx.make_at<NullStmt>(n->then_stmt ? n->then_stmt->loc
                                                            : n->loc);
    Visitor::visit_if(n);
  }

  void visit_ternary(TernaryExpr *n) {
    if (known_undefined(n->cond)) n->then_expr = n->else_expr;
    Visitor::visit_ternary(n);
  }

  void visit_defined(DefinedExpr *n) {
    bool was = in_defined_;
    in_defined_ = true;
    visit(n->operand);
    in_defined_ = was;
  }

private:
  ElabState &st_;
  // An error about the probe context: reported now, or when the statement
  // it is in turns out not to be elided.
  void context_error(DiagId id, Location loc, std::string message) {
    if (!elidable_) {
      st_.diags.error(id, loc, std::move(message));
      return;
    }
    if (context_errors_.empty() || context_errors_.back().first != elidable_)
      context_errors_.push_back({elidable_, {}});
    context_errors_.back().second.push_back({id, loc, std::move(message)});
  }

  Scope scope_;
  bool in_defined_ = false;
  ExprStmt *elidable_ = nullptr;
  struct ContextError {
    DiagId id;
    Location loc;
    std::string message;
  };
  // In source order: one entry per statement (its errors are adjacent).
  std::vector<std::pair<ExprStmt *, std::vector<ContextError>>> context_errors_;
};

void resolve_function(ElabState &st, FunctionDecl *f) {
  Scope scope;
  scope.file = f->file;
  scope.locals = &f->locals;
  scope.function = f;
  scope.tapset_function = f->from_tapset;
  Resolver r(st, scope);
  r.visit(f->body);
  r.finish_elidable(f->body);
}

void resolve_probe(ElabState &st, ResolvedProbe &rp) {
  ProbeDecl *d = rp.decl;
  Scope scope;
  scope.file = d->file;
  scope.locals = &d->locals;
  scope.probe_type = rp.type;
  scope.probe_name = d->points.empty() ? "" : d->points[0]->to_string();
  Resolver r(st, scope);
  for (ProbePoint *pp : d->points) r.visit(pp->condition);
  r.visit(d->body);
  r.finish_elidable(d->body);
}

}  // namespace

bool resolve_pending(ElabState &st) {
  bool worked = false;
  for (size_t i = 0; i < st.probes.size(); ++i) {
    if (st.probes[i].resolved) continue;
    st.probes[i].resolved = true;
    worked = true;
    if (!st.probes[i].shares_body) resolve_probe(st, st.probes[i]);
  }
  while (!st.pending_functions.empty()) {
    FunctionDecl *f = st.pending_functions.back();
    st.pending_functions.pop_back();
    if (!st.resolved_functions.insert(f).second) continue;
    worked = true;
    resolve_function(st, f);
  }
  return worked;
}

}  // namespace stap
