// Step "optimize" (skipped with -u). In order:
//   1. constant folding of literal arithmetic, comparison, logic and
//      concatenation (constant_fold.cc); division or modulo by zero, and
//      overflowing INT64_MIN / -1, are left for run time to report;
//   2. expression statements without side effects are elided, calls of
//      side-effect-free functions included (side_effects.h);
//   3. assignments to locals that are never read are elided (the
//      right-hand side stays when it has side effects), repeatedly, so a
//      local read only by an elided statement goes too: syscall.write
//      decodes its buffer only when argstr or buf_str is used. What goes
//      is kept in Program::elided for the privilege pass;
//   4. functions and globals no probe reaches are removed.
// Steps 2-4 warn only for the user's script: tapset internals that a
// script happens not to use are not the user's concern; nor is a function
// that only elided calls reached.
#pragma once

#include "elaborate/elaborate.h"

namespace stap {

void optimize(Program &program, AstContext &ctx, Diagnostics &diags);

// Folds constants in one expression tree (children first); returns the
// replacement (a new literal) or `e` itself.
Expr *fold_constants(Expr *e, AstContext &ctx);

}  // namespace stap
