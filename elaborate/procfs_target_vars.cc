#include "elaborate/procfs_target_vars.h"

#include "elaborate/target_visitor.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

class Resolver : public TargetVisitor<Resolver> {
public:
  Resolver(Diagnostics &diags, ProbeTargets &out, bool is_read)
      : TargetVisitor(diags, out, true), is_read_(is_read) {}

  // `$value = s` and `$value .= s`: the only writes, in read probes.
  void visit_assign(AssignExpr *n) {
    auto *t = n->lhs && n->lhs->kind == ExprKind::target
                  ? static_cast<TargetSymbol *>(n->lhs)
                  : nullptr;
    if (!t) return TargetVisitor::visit_assign(n);
    if (value(t) && !is_read_)
      fail(t, "procfs $value variable is read-only in a procfs write probe");
    visit(n->rhs);
  }

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (value(n) && is_read_)
      fail(n, "procfs $value variable cannot be read in a procfs read probe");
  }

  // For @defined: $value is defined, any other $name is not.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    if (op->kind != ExprKind::target) return false;
    Resolver quiet(scratch, out_, is_read_);
    quiet.in_defined_ = true;
    quiet.value(static_cast<TargetSymbol *>(op));
    return true;
  }

private:
  void fail(const Expr *n, const std::string &msg) {
    if (!in_defined_) diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
  }

  // Records the plan of $value; false (reported) for anything else.
  bool value(TargetSymbol *n) {
    if (n->name != "$value") {
      fail(n, "invalid target symbol for procfs probe, $value expected");
      return false;
    }
    if (!n->components.empty() || n->address_of ||
        n->pretty != PrettySuffix::none) {
      fail(n, "procfs variable '$value' may not be used as a structure");
      return false;
    }
    TargetAccess a;
    a.base = TargetAccess::Base::procfs_value;
    a.type = Type::string;
    out_[n] = a;
    return true;
  }

  bool is_read_;
};

bool is_read_probe(const ProbePoint &pp) {
  for (const ProbePointComponent &c : pp.components)
    if (c.name == "read") return true;
  return false;
}

}  // namespace

void resolve_procfs_targets(Program &program, Diagnostics &diags) {
  for (size_t i = 0; i < program.probes.size(); ++i) {
    ProbeDecl *p = program.probes[i];
    const ProbeType *t = program.probe_types[i];
    if (!t || t->family != ProbeFamily::procfs || p->points.empty()) continue;
    Resolver r(diags, program.probe_targets[i], is_read_probe(*p->points[0]));
    r.visit(p->body);
    for (ProbePoint *pp : p->points) r.visit(pp->condition);
  }
}

}  // namespace stap
