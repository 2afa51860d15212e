#include "elaborate/syscall_target_vars.h"

#include <iterator>
#include <optional>
#include <string>

#include "elaborate/target_visitor.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

// x86-64: the number in orig_ax, the arguments in rdi, rsi, rdx, r10, r8,
// r9 (r10, not rcx: `syscall` overwrites rcx), the result in ax.
constexpr const char *kArgRegs[] = {"rdi", "rsi", "rdx", "r10", "r8", "r9"};

class Resolver : public TargetVisitor<Resolver> {
public:
  Resolver(Diagnostics &diags, ProbeTargets &out, bool is_return)
      : TargetVisitor(diags, out, true), is_return_(is_return) {}

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (auto a = target(n)) out_[n] = std::move(*a);
  }

  // For @defined: a system call probe's $ names are all this resolver's.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    if (op->kind != ExprKind::target) return false;
    Resolver quiet(scratch, out_, is_return_);
    quiet.visit(op);
    return true;
  }

private:
  void fail(const Expr *n, const std::string &msg) {
    if (!in_defined_) diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
  }

  std::optional<TargetAccess> target(TargetSymbol *n) {
    const char *where =
        is_return_ ? "process.syscall.return" : "process.syscall";
    const std::string offers =
        is_return_ ? "$syscall and $return" : "$syscall and $arg1..$arg6";
    if (n->name == "$return" && !is_return_) return std::nullopt;  // resolve.cc
    if (!n->components.empty() || n->address_of ||
        n->pretty != PrettySuffix::none) {
      fail(n, "'" + n->name + "' of " + where +
                  " is a plain value: it has no members, address or "
                  "pretty form");
      return std::nullopt;
    }
    if (n->name == "$syscall") return reg("orig_ax");
    if (n->name == "$return") return reg("rax");
    for (size_t i = 0; i < std::size(kArgRegs) && !is_return_; ++i)
      if (n->name == "$arg" + std::to_string(i + 1)) return reg(kArgRegs[i]);
    fail(n,
         std::string(where) + " offers " + offers + ", not '" + n->name + "'");
    return std::nullopt;
  }

  static TargetAccess reg(const char *name) {
    TargetAccess a;
    a.base = TargetAccess::Base::register_value;
    a.reg = name;
    a.base_signed = true;
    return a;
  }

  bool is_return_;
};

bool is_syscall_probe(const ProbePoint &pp, bool *is_return) {
  const auto &c = pp.components;
  if (c.size() < 2 || c[0].name != "process" || c[1].name != "syscall")
    return false;
  *is_return = c.size() == 3 && c[2].name == "return";
  return c.size() == 2 || *is_return;
}

}  // namespace

void resolve_syscall_targets(Program &program, Diagnostics &diags) {
  for (size_t i = 0; i < program.probes.size(); ++i) {
    ProbeDecl *p = program.probes[i];
    bool is_return = false;
    if (p->points.empty() || !is_syscall_probe(*p->points[0], &is_return))
      continue;
    Resolver r(diags, program.probe_targets[i], is_return);
    r.visit(p->body);
    for (ProbePoint *pp : p->points) r.visit(pp->condition);
  }
}

}  // namespace stap
