// @defined(X) is decided per probe in pass 2, and a condition made of it
// is a constant: SystemTap folds it, so the branch it rules out is
// neither resolved nor emitted (`@defined($p) ? $p : 0` is how scripts
// stay portable across kernels whose functions differ). The target
// resolvers and pass 3 fold with the same rule through this function.
#pragma once

#include <optional>

#include "parser/ast.h"

namespace stap {

// The value of `cond` when it is built only from @defined(...), `!`, `&&`
// and `||`; nullopt otherwise. `is_defined(operand)` answers for one
// @defined (nullopt when it cannot tell).
template <class IsDefined>
std::optional<bool> fold_defined(const Expr *cond, IsDefined &&is_defined) {
  if (!cond) return std::nullopt;
  switch (cond->kind) {
  case ExprKind::defined:
    return is_defined(static_cast<const DefinedExpr *>(cond)->operand);
  case ExprKind::unary: {
    auto *u = static_cast<const UnaryExpr *>(cond);
    if (u->op != "!") return std::nullopt;
    auto v = fold_defined(u->operand, is_defined);
    return v ? std::optional<bool>(!*v) : std::nullopt;
  }
  case ExprKind::logical: {
    auto *l = static_cast<const LogicalExpr *>(cond);
    auto a = fold_defined(l->lhs, is_defined);
    auto b = fold_defined(l->rhs, is_defined);
    if (!a || !b) return std::nullopt;
    return l->op == "&&" ? (*a && *b) : (*a || *b);
  }
  default: return std::nullopt;
  }
}

}  // namespace stap
