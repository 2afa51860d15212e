// What the kernel (BTF) and process (DWARF) target resolvers share: the
// walk over a probe body that skips @defined operands, maps @entry($x) to
// $x's plan, and the questions asked of a probe before resolving it.
#pragma once

#include <map>
#include <optional>

#include "elaborate/defined_fold.h"
#include "elaborate/target_access.h"
#include "parser/diagnostics.h"
#include "parser/visitor.h"

namespace stap {

template <class Derived> class TargetVisitor : public Visitor<Derived> {
public:
  TargetVisitor(Diagnostics &diags, ProbeTargets &out, bool has_site)
      : diags_(diags), out_(out), has_site_(has_site) {}

  void visit_entry(EntryExpr *n) {
    Visitor<Derived>::visit_entry(n);
    if (!has_site_ || in_defined_) return;
    // Parameters are read as they were at entry, so @entry($p) is the
    // plan of $p. Return probes save other expressions (save_entry).
    auto it = out_.find(n->operand);
    if (it != out_.end()) {
      out_[n] = it->second;
      return;
    }
    diags_.error(DiagId::opt_not_implemented, n->loc,
                 "'@entry' of anything but a target variable is not "
                 "supported yet");
  }

  // @defined(X): resolved quietly where this resolver answers for X (a
  // plan recorded means "defined", for pass 3 too); else X is skipped.
  void visit_defined(DefinedExpr *n) {
    if (defined(n->operand)) return;
    bool was = in_defined_;
    in_defined_ = true;
    Visitor<Derived>::visit_defined(n);
    in_defined_ = was;
  }

  // A branch a folded @defined rules out is not resolved (defined_fold.h).
  void visit_if(IfStmt *n) {
    auto known = fold(n->cond);
    if (!known) return Visitor<Derived>::visit_if(n);
    this->visit(n->cond);
    if (Stmt *live = *known ? n->then_stmt : n->else_stmt) this->visit(live);
  }

  void visit_ternary(TernaryExpr *n) {
    auto known = fold(n->cond);
    if (!known) return Visitor<Derived>::visit_ternary(n);
    this->visit(n->cond);
    this->visit(*known ? n->then_expr : n->else_expr);
  }

protected:
  // A return probe's @entry(e) evaluated by its entry half, whatever e is:
  // e is resolved (flagged `in_entry`) and the node saved for that half.
  void save_entry(EntryExpr *n, std::vector<const Expr *> &saved,
                  bool &in_entry) {
    if (in_entry) {
      diags_.error(DiagId::sem_entry_outside_return, n->loc,
                   "'@entry' inside '@entry': the inner one is already "
                   "evaluated at entry");
      return;
    }
    in_entry = true;
    Visitor<Derived>::visit_entry(n);
    in_entry = false;
    saved.push_back(n);
  }

  // Whether @defined(op) holds in this probe, nullopt when another
  // resolver answers for op. Derived::resolve_quietly(op, scratch)
  // resolves op reporting into `scratch`, or returns false when op is not
  // its own.
  std::optional<bool> defined(Expr *op) {
    auto it = decided_.find(op);
    if (it != decided_.end()) return it->second;
    Diagnostics scratch(diags_.sources(), diags_.options());
    std::optional<bool> v;
    if (static_cast<Derived *>(this)->resolve_quietly(op, scratch)) {
      v = !scratch.has_errors() && out_.count(op);
      if (!*v) out_.erase(op);
    }
    decided_[op] = v;
    return v;
  }

  std::optional<bool> fold(const Expr *cond) {
    return fold_defined(cond, [&](Expr *op) { return defined(op); });
  }

  Diagnostics &diags_;
  ProbeTargets &out_;
  bool has_site_;
  bool in_defined_ = false;
  std::map<const Expr *, std::optional<bool>> decided_;
};

// The string argument of component `component` of `pp`, or "".
inline std::string string_arg(const ProbePoint *pp, int component) {
  if (component < 0 || size_t(component) >= pp->components.size()) return "";
  const Expr *arg = pp->components[size_t(component)].arg;
  return arg && arg->kind == ExprKind::string
             ? static_cast<const StringLit *>(arg)->value
             : "";
}

// Does a body use any target expression? Probes without one need no
// type information. `only_return`: $return alone, which process return
// probes can read untyped.
class UsesTargets : public Visitor<UsesTargets> {
public:
  bool found = false;
  bool only_return = true;
  bool variables = false;  // a $name (not only @entry of other values)
  void visit_target(TargetSymbol *n) {
    found = true;
    variables = true;
    only_return = only_return && n->name == "$return" && n->components.empty();
  }
  void visit_entry(EntryExpr *n) {
    found = true;
    only_return = false;
    Visitor::visit_entry(n);
  }
  void visit_atvar(AtVarExpr *n) {
    found = variables = true;
    only_return = false;
    Visitor::visit_atvar(n);
  }
};

}  // namespace stap
