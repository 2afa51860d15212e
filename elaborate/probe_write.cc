#include "elaborate/probe_write.h"

#include <set>
#include <string>

#include "parser/visitor.h"

namespace stap {

namespace {

// The variable an assignment target names: `x`, `x[k]`, `$x`.
const std::string *written_name(const Expr *lhs) {
  while (lhs && lhs->kind == ExprKind::index)
    lhs = static_cast<const IndexExpr *>(lhs)->base;
  if (!lhs) return nullptr;
  if (lhs->kind == ExprKind::symbol)
    return &static_cast<const Symbol *>(lhs)->name;
  if (lhs->kind == ExprKind::target)
    return &static_cast<const TargetSymbol *>(lhs)->name;
  return nullptr;
}

class WriteCollector : public Visitor<WriteCollector> {
public:
  std::set<std::string> names;

  void visit_assign(AssignExpr *n) {
    note(n->lhs);
    Visitor::visit_assign(n);
  }
  void visit_incdec(IncDecExpr *n) {
    note(n->operand);
    Visitor::visit_incdec(n);
  }
  void visit_delete(DeleteStmt *n) {
    note(n->target);
    Visitor::visit_delete(n);
  }

private:
  void note(const Expr *lhs) {
    if (const std::string *name = written_name(lhs)) names.insert(*name);
  }
};

class ProbeWriteSetter : public Visitor<ProbeWriteSetter> {
public:
  explicit ProbeWriteSetter(const std::set<std::string> &w) : written_(w) {}

  void visit_probewrite(ProbeWriteExpr *n) {
    const std::string *name = written_name(n->operand);
    n->written = name && written_.count(*name) ? 1 : 0;
    Visitor::visit_probewrite(n);
  }

private:
  const std::set<std::string> &written_;
};

}  // namespace

void resolve_probe_writes(Block *expanded, Block *handler) {
  WriteCollector c;
  if (handler) c.visit(handler);
  ProbeWriteSetter s(c.names);
  s.visit(expanded);
}

}  // namespace stap
