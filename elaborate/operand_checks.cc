#include "elaborate/operand_checks.h"

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

  void visit_hist(HistExpr *n) {
    if (n->linear && n->params.size() == 3) check_linear(n);
    Visitor::visit_hist(n);
  }

  void visit_print(PrintExpr *n) {
    if (is_delimited_print(n->name) && n->args.empty())
      diags_.error(DiagId::sem_bad_format, n->loc,
                   "'" + n->name + "' needs a delimiter string as its first "
                   "argument");
    Visitor::visit_print(n);
  }

private:
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
};

}  // namespace

void check_operands(const Program &program, Diagnostics &diags) {
  OperandChecker check(diags);
  for (ProbeDecl *p : program.probes) check.visit(p->body);
  for (FunctionDecl *f : program.functions)
    if (f->body) check.visit(f->body);
}

}  // namespace stap
