#include "elaborate/reachability.h"

#include "parser/visitor.h"

namespace stap {

namespace {

class Walker : public Visitor<Walker> {
public:
  explicit Walker(Reach &r) : r_(r) {}

  void visit_symbol(Symbol *s) {
    if (s->decl && s->decl->scope == VarScope::global) r_.globals.insert(s->decl);
  }
  void visit_call(CallExpr *c) {
    Visitor::visit_call(c);
    for (FunctionDecl *o = c->decl; o; o = o->next_overload)
      if (r_.functions.insert(o).second) queue_.push_back(o);
  }
  void function(FunctionDecl *f) {
    if (r_.functions.insert(f).second) queue_.push_back(f);
  }
  void drain() {
    while (!queue_.empty()) {
      FunctionDecl *f = queue_.back();
      queue_.pop_back();
      visit(f->body);
    }
  }

private:
  Reach &r_;
  std::vector<FunctionDecl *> queue_;
};

}  // namespace

Reach compute_reach(const std::vector<ProbeDecl *> &probes,
                    const std::vector<FunctionDecl *> &root_functions) {
  Reach r;
  Walker w(r);
  std::set<Block *> seen;
  for (ProbeDecl *p : probes) {
    if (!seen.insert(p->body).second) continue;
    for (ProbePoint *pp : p->points) w.visit(pp->condition);
    w.visit(p->body);
  }
  for (FunctionDecl *f : root_functions) w.function(f);
  w.drain();
  return r;
}

}  // namespace stap
