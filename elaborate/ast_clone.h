// Deep copies of statement and expression trees.
//
// Alias expansion gives every concrete probe its own copy of the alias and
// user bodies, because pass 2 annotates nodes in place (resolved locals,
// types) and each probe has its own locals and probe context.
#pragma once

#include "parser/ast.h"
#include "parser/source.h"

namespace stap {

// Copies `s`; every copied location gets `chain` (kNoExpansion: unchanged)
// as its expansion, so diagnostics say which alias the code came from.
Stmt *clone_stmt(const Stmt *s, AstContext &ctx, SourceManager &sm,
                 ExpansionId chain);
Expr *clone_expr(const Expr *e, AstContext &ctx, SourceManager &sm,
                 ExpansionId chain);
ProbePoint *clone_point(const ProbePoint *p, AstContext &ctx,
                        SourceManager &sm, ExpansionId chain);

}  // namespace stap
