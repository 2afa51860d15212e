#include "elaborate/netfilter_target_vars.h"

#include "elaborate/target_visitor.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

// In the order of the runtime's arguments (runtime/netfilter.h,
// enum stp_netfilter_arg): $hooknum is stp_arg 1.
constexpr const char *kVariables[] = {"$hooknum", "$skb",  "$in",
                                      "$out",     "$okfn", "$verdict"};

class Resolver : public TargetVisitor<Resolver> {
public:
  Resolver(Diagnostics &diags, ProbeTargets &out, bool guru)
      : TargetVisitor(diags, out, true), guru_(guru) {}

  // $verdict decides the packet's fate: only a -g script sets it, as in
  // SystemTap.
  void visit_assign(AssignExpr *n) {
    if (!guru_ && n->lhs && n->lhs->kind == ExprKind::target &&
        static_cast<TargetSymbol *>(n->lhs)->name == "$verdict")
      fail(n->lhs, "write to netfilter verdict '$verdict' requires guru "
                   "mode (-g)");
    TargetVisitor::visit_assign(n);
  }

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    resolve(n);
  }

  // For @defined: the six variables are defined, any other $name is not.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    if (op->kind != ExprKind::target) return false;
    Resolver quiet(scratch, out_, guru_);
    quiet.in_defined_ = true;
    quiet.resolve(static_cast<TargetSymbol *>(op));
    return true;
  }

private:
  void fail(const Expr *n, const std::string &msg) {
    if (!in_defined_) diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
  }

  void resolve(TargetSymbol *n) {
    int arg = 0;
    std::string names;
    for (int i = 0; i < int(std::size(kVariables)); ++i) {
      names += (i ? ", " : "") + std::string(kVariables[i]);
      if (n->name == kVariables[i]) arg = i + 1;
    }
    if (!arg)
      return fail(n, "unsupported context variable '" + n->name +
                         "' in a netfilter probe (one of " + names + ")");
    if (!n->components.empty() || n->address_of ||
        n->pretty != PrettySuffix::none)
      return fail(n, "netfilter variable '" + n->name +
                         "' is a number and may not be used as a structure "
                         "(use @cast)");
    TargetAccess a;
    a.base = n->name == "$verdict" ? TargetAccess::Base::netfilter_verdict
                                   : TargetAccess::Base::param;
    a.param = arg;
    out_[n] = a;
  }

  bool guru_;
};

}  // namespace

void resolve_netfilter_targets(Program &program, bool guru,
                               Diagnostics &diags) {
  for (size_t i = 0; i < program.probes.size(); ++i) {
    ProbeDecl *p = program.probes[i];
    const ProbeType *t = program.probe_types[i];
    if (!t || t->family != ProbeFamily::netfilter) continue;
    Resolver r(diags, program.probe_targets[i], guru);
    r.visit(p->body);
    for (ProbePoint *pp : p->points) r.visit(pp->condition);
  }
}

}  // namespace stap
