#include "elaborate/unbuilt_constructs.h"

#include <string>

#include "elaborate/symbols.h"
#include "parser/visitor.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

// $value of procfs probes is set by assignment (procfs_target_vars.cc).
bool is_procfs_value(const Expr *e) {
  return e->kind == ExprKind::target &&
         static_cast<const TargetSymbol *>(e)->name == "$value" &&
         static_cast<const TargetSymbol *>(e)->components.empty();
}

// $verdict of netfilter probes is set by -g scripts
// (netfilter_target_vars.cc).
bool is_verdict(const Expr *e) {
  return e->kind == ExprKind::target &&
         static_cast<const TargetSymbol *>(e)->name == "$verdict" &&
         static_cast<const TargetSymbol *>(e)->components.empty();
}

bool is_target(const Expr *e) {
  return e && (e->kind == ExprKind::target || e->kind == ExprKind::cast ||
               e->kind == ExprKind::atvar || e->kind == ExprKind::entry);
}

class UnbuiltChecker : public Visitor<UnbuiltChecker> {
public:
  UnbuiltChecker(SymbolSource &symbols, Diagnostics &diags)
      : symbols_(symbols), diags_(diags) {}
  bool netfilter_ = false;  // checking a netfilter probe's body

  void visit_at_op(AtOpExpr *n) {
    if (n->op == "uregister" || n->op == "kregister") check_register_number(n);
    Visitor::visit_at_op(n);
  }
  void visit_defined(DefinedExpr *n) {
    ++in_defined_;
    Visitor::visit_defined(n);
    --in_defined_;
  }
  bool process_dwarf_ = false;  // a process probe: its binary's @var

  // Elsewhere @var names a kernel variable, found in the kernel's DWARF.
  void visit_atvar(AtVarExpr *n) {
    if (!in_defined_ && !process_dwarf_) {
      const std::string &missing = symbols_.missing_kernel_debuginfo();
      if (missing.empty())
        not_yet(n, "'@var' of a kernel variable");
      else
        diags_.error(DiagId::sem_target_unavailable, n->loc,
                     "'@var' of a kernel variable needs " + missing);
    }
    Visitor::visit_atvar(n);
  }
  // Alias expansion decided every @probewrite of an alias's body.
  void visit_probewrite(ProbeWriteExpr *n) {
    if (n->written < 0)
      diags_.error(DiagId::sem_unexpected_probewrite, n->loc,
                   "unexpected @probewrite: it belongs in the body of a "
                   "probe alias");
    Visitor::visit_probewrite(n);
  }
  void visit_assign(AssignExpr *n) {
    if (is_target(n->lhs) && !is_procfs_value(n->lhs) &&
        !(netfilter_ && is_verdict(n->lhs)))
      not_yet(n->lhs, "writing to a target variable");
    Visitor::visit_assign(n);
  }
  void visit_incdec(IncDecExpr *n) {
    if (is_target(n->operand))
      not_yet(n->operand, "writing to a target variable");
    Visitor::visit_incdec(n);
  }
  void visit_foreach(ForeachStmt *n) {
    if (n->base && n->base->kind == ExprKind::hist && n->keys.size() != 1)
      diags_.error(DiagId::sem_array_index_count, n->loc,
                   "a histogram has one key, its bucket: 'foreach' over it "
                   "names " +
                       std::to_string(n->keys.size()));
    Visitor::visit_foreach(n);
  }

private:
  // x86-64's DWARF numbers 0 to 15 name the general registers (the
  // parser took a number literal).
  void check_register_number(const AtOpExpr *n) {
    const Expr *a = n->args[0];
    int64_t v = static_cast<const NumberLit *>(a)->value;
    if (v < 0 || v > 15)
      diags_.error(DiagId::sem_bad_register_number, a->loc,
                   "'@" + n->op +
                       "' takes a DWARF register number from 0 to 15");
  }
  void not_yet(const Expr *at, const std::string &what) {
    diags_.error(DiagId::opt_not_implemented, at->loc,
                 what + " is not supported yet");
  }

  SymbolSource &symbols_;
  Diagnostics &diags_;
  int in_defined_ = 0;
};

}  // namespace

void check_unbuilt_constructs(const Program &program, SymbolSource &symbols,
                              Diagnostics &diags) {
  UnbuiltChecker c(symbols, diags);
  for (size_t i = 0; i < program.probes.size(); ++i) {
    const ProbeType *t =
        i < program.probe_types.size() ? program.probe_types[i] : nullptr;
    c.netfilter_ = t && t->family == ProbeFamily::netfilter;
    // process_target_vars.cc resolves @var in probes with a binary's DWARF.
    c.process_dwarf_ = t && t->is_process &&
                       (t->symbols == SymbolKind::process_function ||
                        t->symbols == SymbolKind::process_statement);
    c.visit(program.probes[i]->body);
  }
  c.netfilter_ = false;
  c.process_dwarf_ = false;
  for (FunctionDecl *f : program.functions)
    if (f->body) c.visit(f->body);
}

}  // namespace stap
