// Which functions and expressions have side effects, for the optimizer:
// an unused value with none may be dropped (stap(1): "remove variables,
// expressions, and functions that have no useful value and no
// side-effect").
//
// A side effect is a write to a global or through a target expression
// (guru), output (print, printf, ...; the sprint family is none), embedded
// C (a statement, an expression, or a function without the /* pure */
// pragma), `next` in a function (it ends the probe after the last
// overload), or a call to a function that has one, transitively. A run-time
// error (a fault, an empty aggregate) is not one, as in SystemTap: dropping
// an unused `user_string($p)` also drops its possible fault. A division by
// a non-literal divisor written in the probe itself is the exception we
// keep (see droppable()), so its error still shows.
#pragma once

#include <set>
#include <vector>

#include "parser/ast.h"

namespace stap {

class SideEffects {
public:
  // Judges `functions` and everything they call (every overload).
  explicit SideEffects(const std::vector<FunctionDecl *> &functions);

  bool pure(const FunctionDecl *f) const { return !impure_.count(f); }

  // True when evaluating `e` and discarding its value changes nothing but
  // the time taken (and a run-time error it might raise).
  bool droppable(const Expr *e) const;

private:
  bool all_droppable(const std::vector<Expr *> &v) const;
  bool components_droppable(const std::vector<TargetComponent> &cs) const;
  // The function a call runs, and each overload it may fall through to.
  bool callees_pure(const FunctionDecl *first) const;

  std::set<const FunctionDecl *> impure_;
};

}  // namespace stap
