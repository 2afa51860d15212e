// What the kernel (BTF) and process (DWARF) target resolvers share: the
// walk over a probe body that skips @defined operands, maps @entry($x) to
// $x's plan, and the questions asked of a probe before resolving it.
#pragma once

#include "elaborate/target_access.h"
#include "parser/diagnostics.h"
#include "parser/visitor.h"

namespace stap {

template <class Derived> class TargetVisitor : public Visitor<Derived> {
public:
  TargetVisitor(Diagnostics &diags, ProbeTargets &out, bool has_site)
      : diags_(diags), out_(out), has_site_(has_site) {}

  void visit_entry(EntryExpr *n) {
    Visitor<Derived>::visit_entry(n);
    if (!has_site_ || in_defined_) return;
    // Parameters are read as they were at entry, so @entry($p->x) is the
    // plan of $p->x. Other expressions would need an entry handler.
    auto it = out_.find(n->operand);
    if (it != out_.end()) {
      out_[n] = it->second;
      return;
    }
    diags_.error(DiagId::opt_not_implemented, n->loc,
                 "'@entry' of anything but a target variable is not "
                 "supported yet");
  }

  void visit_defined(DefinedExpr *n) {
    bool was = in_defined_;
    in_defined_ = true;
    Visitor<Derived>::visit_defined(n);
    in_defined_ = was;
  }

protected:
  Diagnostics &diags_;
  ProbeTargets &out_;
  bool has_site_;
  bool in_defined_ = false;
};

// The string argument of component `component` of `pp`, or "".
inline std::string string_arg(const ProbePoint *pp, int component) {
  if (component < 0 || size_t(component) >= pp->components.size()) return "";
  const Expr *arg = pp->components[size_t(component)].arg;
  return arg && arg->kind == ExprKind::string
             ? static_cast<const StringLit *>(arg)->value
             : "";
}

// Does a body use any target expression? Probes without one need no
// type information. `only_return`: $return alone, which process return
// probes can read untyped.
class UsesTargets : public Visitor<UsesTargets> {
public:
  bool found = false;
  bool only_return = true;
  void visit_target(TargetSymbol *n) {
    found = true;
    only_return = only_return && n->name == "$return" && n->components.empty();
  }
  void visit_entry(EntryExpr *) { found = only_return = false; }
};

}  // namespace stap
