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

  // For @defined: the six variables are defined, any other $name is not;
  // a typed one's members are kernel_target_vars.cc's to answer.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    if (op->kind != ExprKind::target) return false;
    if (typed_use(static_cast<TargetSymbol *>(op))) return false;
    Resolver quiet(scratch, out_, guru_);
    quiet.in_defined_ = true;
    quiet.resolve(static_cast<TargetSymbol *>(op));
    return true;
  }

private:
  void fail(const Expr *n, const std::string &msg) {
    if (!in_defined_) diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
  }

  // $skb->len, &$in->name, $out$: a use only a C type answers.
  static bool typed_use(const TargetSymbol *n) {
    return is_netfilter_typed(n->name) &&
           (!n->components.empty() || n->address_of ||
            n->pretty != PrettySuffix::none);
  }

  void resolve(TargetSymbol *n) {
    // kernel_target_vars.cc planned it from BTF, or reported why not.
    if (out_.count(n) || (typed_use(n) && diags_.has_errors())) return;
    if (typed_use(n))
      return fail(n, "netfilter variable '" + n->name +
                         "' has no C type without the kernel's BTF (use "
                         "it as a number)");
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
                         "' is a number and may not be used as a structure");
    TargetAccess a;
    a.base = n->name == "$verdict" ? TargetAccess::Base::netfilter_verdict
                                   : TargetAccess::Base::param;
    a.param = arg;
    out_[n] = a;
  }

  bool guru_;
};

}  // namespace

bool is_netfilter_typed(std::string_view name) {
  return name == "$skb" || name == "$in" || name == "$out";
}

std::optional<FunctionProto> netfilter_typed_args(const struct btf *vmlinux) {
  // The pointer types as the kernel spells them: sk_buff's own `next`,
  // nf_hook_state's `in` (the struct the hook receives).
  auto skb = find_c_type(vmlinux, "struct sk_buff");
  auto state = find_c_type(vmlinux, "struct nf_hook_state");
  if (!skb || !state) return std::nullopt;
  auto next = find_member(*skb, "next");
  auto dev = find_member(*state, "in");
  if (!next || !dev) return std::nullopt;
  FunctionProto p;
  p.params = {{"", BtfRef{}},
              {"skb", next->type},
              {"in", dev->type},
              {"out", dev->type}};
  return p;
}

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
