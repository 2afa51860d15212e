// Which functions and globals the probes (and given root functions) use,
// following calls transitively. Used to assemble the program (tapset code
// enters only when reached) and to prune unused script code.
#pragma once

#include <set>
#include <vector>

#include "parser/ast.h"

namespace stap {

struct Reach {
  std::set<FunctionDecl *> functions;
  std::set<VarDecl *> globals;
};

Reach compute_reach(const std::vector<ProbeDecl *> &probes,
                    const std::vector<FunctionDecl *> &root_functions);

}  // namespace stap
