#include "elaborate/probe_condition_check.h"

#include "parser/visitor.h"

namespace stap {

namespace {

class ConditionChecker : public Visitor<ConditionChecker> {
public:
  explicit ConditionChecker(Diagnostics &diags) : diags_(diags) {}

  void visit_assign(AssignExpr *n) {
    report(n->loc, "probe condition must not modify any variables");
    Visitor::visit_assign(n);
  }
  void visit_incdec(IncDecExpr *n) {
    report(n->loc, "probe condition must not modify any variables");
    Visitor::visit_incdec(n);
  }
  void visit_call(CallExpr *n) {
    if (n->decl)  // an unresolved name is reported already
      report(n->loc,
             "probe condition must not call function '" + n->name + "'");
    Visitor::visit_call(n);
  }
  void visit_symbol(Symbol *n) {
    if (!n->decl || n->decl->scope != VarScope::global)
      report(n->loc, "probe condition must not reference undeclared global '" +
                         n->name + "'");
  }

private:
  void report(const Location &loc, std::string message) {
    diags_.error(DiagId::sem_bad_probe_condition, loc, std::move(message));
  }
  Diagnostics &diags_;
};

}  // namespace

void check_probe_conditions(const Program &program, Diagnostics &diags) {
  ConditionChecker check(diags);
  for (ProbeDecl *p : program.probes)
    for (ProbePoint *pp : p->points) check.visit(pp->condition);
}

}  // namespace stap
