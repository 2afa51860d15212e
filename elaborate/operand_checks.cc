#include "elaborate/operand_checks.h"

#include <map>
#include <set>
#include <string>

#include "parser/visitor.h"

namespace stap {

namespace {

// A number literal, possibly negated: `10`, `-10`.
bool literal_value(const Expr *e, int64_t *out) {
  if (!e) return false;
  if (e->kind == ExprKind::number) {
    *out = static_cast<const NumberLit *>(e)->value;
    return true;
  }
  if (e->kind == ExprKind::unary) {
    auto *u = static_cast<const UnaryExpr *>(e);
    int64_t v;
    if ((u->op == "-" || u->op == "+") && literal_value(u->operand, &v)) {
      *out = u->op == "-" ? static_cast<int64_t>(0 - static_cast<uint64_t>(v))
                          : v;
      return true;
    }
  }
  return false;
}

bool is_delimited_print(const std::string &name) {
  return name == "printd" || name == "printdln" || name == "sprintd" ||
         name == "sprintdln";
}

class OperandChecker : public Visitor<OperandChecker> {
public:
  explicit OperandChecker(Diagnostics &diags) : diags_(diags) {}

  void visit_binary(BinaryExpr *n) {
    int64_t divisor;
    if ((n->op == "/" || n->op == "%") && literal_value(n->rhs, &divisor) &&
        divisor == 0)
      diags_.error(DiagId::sem_division_by_zero,
                   n->op_loc.valid() ? n->op_loc : n->loc,
                   "division by zero in constant expression");
    Visitor::visit_binary(n);
  }

  // A histogram is not a value: it can only be printed (the sole
  // argument of print/sprint and their ln forms), indexed or iterated.
  void visit_hist(HistExpr *n) {
    if (n->linear && n->params.size() == 3) check_linear(n);
    if (!placed_.erase(n))
      diags_.error(DiagId::sem_hist_misplaced, n->loc,
                   std::string("'") + (n->linear ? "@hist_linear" : "@hist_log") +
                       "' can only be printed, indexed with [bucket] or "
                       "iterated with 'foreach'");
    Visitor::visit_hist(n);
  }

  void visit_print(PrintExpr *n) {
    if (is_delimited_print(n->name) && n->args.empty())
      diags_.error(DiagId::sem_bad_format, n->loc,
                   "'" + n->name + "' needs a delimiter string as its first "
                   "argument");
    if (!n->has_format() && !is_delimited_print(n->name) && n->args.size() == 1)
      place(n->args[0]);
    Visitor::visit_print(n);
  }
  // @variance(s, N): N in 0..62, and one shift per variable; a later use
  // without N is the same as N = 0.
  void visit_stat(StatExpr *n) {
    if (n->op == "variance") check_variance_shift(n);
    Visitor::visit_stat(n);
  }

  void visit_index(IndexExpr *n) {
    place(n->base);
    Visitor::visit_index(n);
  }
  void visit_foreach(ForeachStmt *n) {
    place(n->base);
    Visitor::visit_foreach(n);
  }

private:
  void place(Expr *e) {
    if (e && e->kind == ExprKind::hist) placed_.insert(static_cast<HistExpr *>(e));
  }

  void check_variance_shift(StatExpr *n) {
    if (n->shift > 62) {
      diags_.error(DiagId::sem_variance_shift, n->loc,
                   "bit shift of '@variance' is " + std::to_string(n->shift) +
                       ", out of range 0..62");
      return;
    }
    Expr *base = n->operand;
    if (base && base->kind == ExprKind::index)
      base = static_cast<IndexExpr *>(base)->base;
    if (!base || base->kind != ExprKind::symbol) return;
    const VarDecl *d = static_cast<Symbol *>(base)->decl;
    if (!d) return;
    auto it = shifts_.find(d);
    int64_t shift = n->shift < 0 ? 0 : n->shift;
    if (it != shifts_.end() && it->second.first != shift) {
      auto &diag = diags_.error(
          DiagId::sem_variance_shift, n->loc,
          "conflicting bit shifts for '" + d->name + "': " +
              std::to_string(shift) + " here, previously " +
              std::to_string(it->second.first));
      diag.notes.push_back({it->second.second, "previous shift is here"});
    } else if (n->shift >= 0 && it == shifts_.end()) {
      shifts_[d] = {n->shift, n->loc};
    }
  }

  void check_linear(HistExpr *n) {
    static const char *const kNames[] = {"lower bound", "upper bound",
                                         "bucket width"};
    int64_t v[3];
    bool literal = true;
    for (int i = 0; i < 3; ++i)
      if (!literal_value(n->params[i], &v[i])) {
        diags_.error(DiagId::sem_bad_hist_param, n->params[i]->loc,
                     std::string("the ") + kNames[i] +
                         " of '@hist_linear' must be a number literal");
        literal = false;
      }
    if (!literal) return;
    if (v[0] >= v[1])
      diags_.error(DiagId::sem_bad_hist_param, n->loc,
                   "'@hist_linear' needs its lower bound below its upper "
                   "bound (got " + std::to_string(v[0]) + " and " +
                       std::to_string(v[1]) + ")");
    if (v[2] <= 0)
      diags_.error(DiagId::sem_bad_hist_param, n->params[2]->loc,
                   "the bucket width of '@hist_linear' must be positive (got " +
                       std::to_string(v[2]) + ")");
  }

  Diagnostics &diags_;
  std::set<const HistExpr *> placed_;  // histograms in an allowed place
  std::map<const VarDecl *, std::pair<int64_t, Location>> shifts_;
};

}  // namespace

void check_operands(const Program &program, Diagnostics &diags) {
  OperandChecker check(diags);
  for (ProbeDecl *p : program.probes) check.visit(p->body);
  for (FunctionDecl *f : program.functions)
    if (f->body) check.visit(f->body);
}

}  // namespace stap
