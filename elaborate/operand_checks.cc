#include "elaborate/operand_checks.h"

#include <map>
#include <set>
#include <string>

#include "elaborate/regex_dfa.h"
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
  OperandChecker(const SourceManager &sm, Diagnostics &diags)
      : sm_(sm), diags_(diags) {}

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
    if (placed_.count(n)) check_one_flavour(n);
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

  // The pattern is compiled here, at the literal, so pass 3 only turns
  // patterns already known to compile into tables.
  void visit_regex(RegexExpr *n) {
    const std::string &pattern = n->pattern->value;
    DfaResult r = compile_regex(pattern);
    if (!r.ok) {
      Location at = n->pattern->loc;
      // Point into the literal when its text is the pattern as written.
      if (at.end > at.begin + 1 + r.error_offset &&
          sm_.text(at).substr(1, pattern.size()) == pattern) {
        at.begin += 1 + static_cast<uint32_t>(r.error_offset);
        at.end = at.begin + 1;
      }
      diags_.error(DiagId::sem_bad_regex, at,
                   "invalid regular expression: " + r.error);
    }
    Visitor::visit_regex(n);
  }

  // matched(n) numbers the groups from 0 (the whole match): a literal
  // negative n can only fail, so it is refused before the run.
  void visit_call(CallExpr *n) {
    int64_t index;
    if (n->name == "matched" && n->decl && sm_.is_library(n->decl->loc) &&
        n->args.size() == 1 && literal_value(n->args[0], &index) && index < 0)
      diags_.error(DiagId::sem_bad_regex, n->args[0]->loc,
                   "matched(" + std::to_string(index) +
                       "): subexpression numbers start at 0 (the whole match)");
    Visitor::visit_call(n);
  }

  // @kderef/@uderef read 1, 2, 4 or 8 bytes, a size pass 3 must know.
  void visit_at_op(AtOpExpr *n) {
    if ((n->op == "kderef" || n->op == "uderef") && !n->args.empty()) {
      int64_t size = 0;
      if (!literal_value(n->args[0], &size) ||
          (size != 1 && size != 2 && size != 4 && size != 8))
        diags_.error(DiagId::sem_bad_deref_size, n->args[0]->loc,
                     "the size of '@" + n->op +
                         "' must be the number 1, 2, 4 or 8");
    }
    Visitor::visit_at_op(n);
  }

private:
  // The runtime keeps one set of buckets per statistic: every histogram
  // of one statistic must be the same flavour as its first.
  void check_one_flavour(const HistExpr *h) {
    Expr *base = h->operand;
    if (base && base->kind == ExprKind::index)
      base = static_cast<IndexExpr *>(base)->base;
    if (!base || base->kind != ExprKind::symbol) return;
    const VarDecl *stat = static_cast<Symbol *>(base)->decl;
    if (!stat) return;
    auto [first, fresh] = flavour_.emplace(stat, h);
    if (fresh || same_flavour(first->second, h)) return;
    diags_
        .error(DiagId::sem_type_conflict, h->loc,
               "statistic drawn as two different histograms; the runtime "
               "keeps one set of buckets per statistic")
        .notes.push_back({first->second->loc, "first histogram is here"});
  }
  static bool same_flavour(const HistExpr *a, const HistExpr *b) {
    if (a->linear != b->linear) return false;
    if (!a->linear) return true;
    if (a->params.size() != 3 || b->params.size() != 3) return true;
    for (size_t i = 0; i < 3; ++i) {
      int64_t x, y;
      // Non-literal bounds are reported by check_linear.
      if (!literal_value(a->params[i], &x) || !literal_value(b->params[i], &y))
        return true;
      if (x != y) return false;
    }
    return true;
  }

  void place(Expr *e) {
    if (e && e->kind == ExprKind::hist) placed_.insert(static_cast<HistExpr *>(e));
  }

  void check_variance_shift(StatExpr *n) {
    if (n->shift && (*n->shift < 0 || *n->shift > 62)) {
      diags_.error(DiagId::sem_variance_shift, n->loc,
                   "bit shift of '@variance' is " + std::to_string(*n->shift) +
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
    int64_t shift = n->shift.value_or(0);
    if (it != shifts_.end() && it->second.first != shift) {
      auto &diag = diags_.error(
          DiagId::sem_variance_shift, n->loc,
          "conflicting bit shifts for '" + d->name + "': " +
              std::to_string(shift) + " here, previously " +
              std::to_string(it->second.first));
      diag.notes.push_back({it->second.second, "previous shift is here"});
    } else if (n->shift && it == shifts_.end()) {
      shifts_[d] = {*n->shift, n->loc};
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

  const SourceManager &sm_;
  Diagnostics &diags_;
  std::set<const HistExpr *> placed_;  // histograms in an allowed place
  std::map<const VarDecl *, const HistExpr *> flavour_;  // the first drawn
  std::map<const VarDecl *, std::pair<int64_t, Location>> shifts_;
};

}  // namespace

void check_operands(const Program &program, const SourceManager &sm,
                    Diagnostics &diags) {
  OperandChecker check(sm, diags);
  for (ProbeDecl *p : program.probes) check.visit(p->body);
  for (FunctionDecl *f : program.functions)
    if (f->body) check.visit(f->body);
}

}  // namespace stap
