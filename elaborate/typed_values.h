// What autocast remembers (SystemTap: `p = $s; p->field` needs no @cast):
// the C type each typed expression of a body points at, and the type a
// local took from its last plain assignment (none: an untyped value). Shared by
// the kernel (BTF) and process (DWARF) target resolvers.
#pragma once

#include <map>
#include <optional>

#include "parser/ast.h"

namespace stap {

template <class Ref> class TypedValues {
public:
  // `returns`: what script functions return, when typed (kernel only).
  explicit TypedValues(
      const std::map<const FunctionDecl *, Ref> *returns = nullptr)
      : returns_(returns) {}

  void record(const Expr *n, std::optional<Ref> pointee) {
    if (pointee) pointees_[n] = *pointee;
  }

  // `t = <typed value>`: the local takes the value's type until the next
  // plain assignment (in source order).
  void assign(const AssignExpr *n) {
    if (n->op != "=" || n->lhs->kind != ExprKind::symbol) return;
    const VarDecl *d = static_cast<const Symbol *>(n->lhs)->decl;
    if (!d || d->scope == VarScope::global) return;
    locals_[d] = pointee_of(n->rhs);
  }

  // Whether `d` is a local (or parameter) assigned in this body so far:
  // then what it holds is what pointee_of says, typed or not.
  bool assigned_local(const VarDecl *d) const { return locals_.count(d); }

  // What the value of `e` points at, when pass 2 knows.
  std::optional<Ref> pointee_of(const Expr *e) const {
    if (auto it = pointees_.find(e); it != pointees_.end()) return it->second;
    if (e->kind == ExprKind::symbol) {
      auto it = locals_.find(static_cast<const Symbol *>(e)->decl);
      if (it != locals_.end()) return it->second;
    }
    if (e->kind == ExprKind::call && returns_) {
      auto it = returns_->find(static_cast<const CallExpr *>(e)->decl);
      if (it != returns_->end()) return it->second;
    }
    if (e->kind == ExprKind::assign) {  // (t = $file)->f_flags
      auto *a = static_cast<const AssignExpr *>(e);
      if (a->op == "=") return pointee_of(a->rhs);
    }
    return std::nullopt;
  }

private:
  const std::map<const FunctionDecl *, Ref> *returns_;
  std::map<const Expr *, Ref> pointees_;
  std::map<const VarDecl *, std::optional<Ref>> locals_;
};

}  // namespace stap
