#include "elaborate/ast_clone.h"

#include <type_traits>

namespace stap {

namespace {

class Cloner {
public:
  Cloner(AstContext &ctx, SourceManager &sm, ExpansionId chain)
      : ctx_(ctx), sm_(sm), chain_(chain) {}

  Location loc(const Location &l) const { return sm_.with_expansion(l, chain_); }

  template <typename T> T *make(const T *orig) {
    T *n = ctx_.make<T>();
    n->loc = loc(orig->loc);
    return n;
  }

  std::vector<Expr *> exprs(const std::vector<Expr *> &v) {
    std::vector<Expr *> out;
    out.reserve(v.size());
    for (const Expr *e : v) out.push_back(expr(e));
    return out;
  }

  std::vector<TargetComponent> components(
      const std::vector<TargetComponent> &v) {
    std::vector<TargetComponent> out = v;
    for (auto &c : out) {
      c.index = expr(c.index);
      c.loc = loc(c.loc);
    }
    return out;
  }

  Symbol *symbol(const Symbol *s) {
    if (!s) return nullptr;
    Symbol *n = make(s);
    n->name = s->name;
    return n;
  }

  Expr *expr(const Expr *e) {
    if (!e) return nullptr;
    switch (e->kind) {
    case ExprKind::number: {
      auto *o = static_cast<const NumberLit *>(e);
      auto *n = make(o);
      n->value = o->value;
      n->spelling = o->spelling;
      return n;
    }
    case ExprKind::string: {
      auto *o = static_cast<const StringLit *>(e);
      auto *n = make(o);
      n->value = o->value;
      return n;
    }
    case ExprKind::symbol: return symbol(static_cast<const Symbol *>(e));
    case ExprKind::target: {
      auto *o = static_cast<const TargetSymbol *>(e);
      auto *n = make(o);
      n->name = o->name;
      n->components = components(o->components);
      n->pretty = o->pretty;
      n->address_of = o->address_of;
      return n;
    }
    case ExprKind::cast: {
      auto *o = static_cast<const CastExpr *>(e);
      auto *n = make(o);
      n->operand = expr(o->operand);
      n->type_name = o->type_name;
      n->module = o->module;
      n->components = components(o->components);
      n->pretty = o->pretty;
      n->address_of = o->address_of;
      return n;
    }
    case ExprKind::at_op: {
      auto *o = static_cast<const AtOpExpr *>(e);
      auto *n = make(o);
      n->op = o->op;
      n->args = exprs(o->args);
      return n;
    }
    case ExprKind::autocast: {
      auto *o = static_cast<const AutocastExpr *>(e);
      auto *n = make(o);
      n->operand = expr(o->operand);
      n->components = components(o->components);
      n->pretty = o->pretty;
      n->address_of = o->address_of;
      return n;
    }
    case ExprKind::atvar: {
      auto *o = static_cast<const AtVarExpr *>(e);
      auto *n = make(o);
      n->name = o->name;
      n->module = o->module;
      n->components = components(o->components);
      n->pretty = o->pretty;
      n->address_of = o->address_of;
      return n;
    }
    case ExprKind::entry: {
      auto *o = static_cast<const EntryExpr *>(e);
      auto *n = make(o);
      n->operand = expr(o->operand);
      return n;
    }
    case ExprKind::defined: {
      auto *o = static_cast<const DefinedExpr *>(e);
      auto *n = make(o);
      n->operand = expr(o->operand);
      return n;
    }
    case ExprKind::probewrite: {
      auto *o = static_cast<const ProbeWriteExpr *>(e);
      auto *n = make(o);
      n->operand = expr(o->operand);
      n->written = o->written;
      return n;
    }
    case ExprKind::unary: {
      auto *o = static_cast<const UnaryExpr *>(e);
      auto *n = make(o);
      n->op = o->op;
      n->operand = expr(o->operand);
      return n;
    }
    case ExprKind::incdec: {
      auto *o = static_cast<const IncDecExpr *>(e);
      auto *n = make(o);
      n->increment = o->increment;
      n->prefix = o->prefix;
      n->operand = expr(o->operand);
      return n;
    }
    case ExprKind::binary: return binary(static_cast<const BinaryExpr *>(e));
    case ExprKind::logical: return binary(static_cast<const LogicalExpr *>(e));
    case ExprKind::compare: return binary(static_cast<const CompareExpr *>(e));
    case ExprKind::assign: return binary(static_cast<const AssignExpr *>(e));
    case ExprKind::regex: {
      auto *o = static_cast<const RegexExpr *>(e);
      auto *n = make(o);
      n->negated = o->negated;
      n->lhs = expr(o->lhs);
      n->pattern = static_cast<StringLit *>(expr(o->pattern));
      return n;
    }
    case ExprKind::concat: {
      auto *o = static_cast<const ConcatExpr *>(e);
      auto *n = make(o);
      n->lhs = expr(o->lhs);
      n->rhs = expr(o->rhs);
      return n;
    }
    case ExprKind::ternary: {
      auto *o = static_cast<const TernaryExpr *>(e);
      auto *n = make(o);
      n->cond = expr(o->cond);
      n->then_expr = expr(o->then_expr);
      n->else_expr = expr(o->else_expr);
      return n;
    }
    case ExprKind::index: {
      auto *o = static_cast<const IndexExpr *>(e);
      auto *n = make(o);
      n->base = expr(o->base);
      n->indices = exprs(o->indices);
      return n;
    }
    case ExprKind::in: {
      auto *o = static_cast<const InExpr *>(e);
      auto *n = make(o);
      n->keys = exprs(o->keys);
      n->array = symbol(o->array);
      n->bracketed = o->bracketed;
      return n;
    }
    case ExprKind::call: {
      auto *o = static_cast<const CallExpr *>(e);
      auto *n = make(o);
      n->name = o->name;
      n->args = exprs(o->args);
      return n;
    }
    case ExprKind::print: {
      auto *o = static_cast<const PrintExpr *>(e);
      auto *n = make(o);
      n->name = o->name;
      n->args = exprs(o->args);
      return n;
    }
    case ExprKind::stat: {
      auto *o = static_cast<const StatExpr *>(e);
      auto *n = make(o);
      n->op = o->op;
      n->shift = o->shift;
      n->operand = expr(o->operand);
      return n;
    }
    case ExprKind::hist: {
      auto *o = static_cast<const HistExpr *>(e);
      auto *n = make(o);
      n->linear = o->linear;
      n->operand = expr(o->operand);
      n->params = exprs(o->params);
      return n;
    }
    case ExprKind::embedded_expr: {
      auto *o = static_cast<const EmbeddedExpr *>(e);
      auto *n = make(o);
      n->code = o->code;
      return n;
    }
    }
    return nullptr;
  }

  template <typename T> T *binary(const T *o) {
    T *n = make(o);
    n->op = o->op;
    if constexpr (std::is_same_v<T, BinaryExpr>) n->op_loc = o->op_loc;
    n->lhs = expr(o->lhs);
    n->rhs = expr(o->rhs);
    return n;
  }

  Block *block(const Block *b) {
    if (!b) return nullptr;
    Block *n = make(b);
    for (const Stmt *s : b->stmts) n->stmts.push_back(stmt(s));
    return n;
  }

  Stmt *stmt(const Stmt *s) {
    if (!s) return nullptr;
    switch (s->kind) {
    case StmtKind::block: return block(static_cast<const Block *>(s));
    case StmtKind::expr: {
      auto *o = static_cast<const ExprStmt *>(s);
      auto *n = make(o);
      n->expr = expr(o->expr);
      return n;
    }
    case StmtKind::if_: {
      auto *o = static_cast<const IfStmt *>(s);
      auto *n = make(o);
      n->cond = expr(o->cond);
      n->then_stmt = stmt(o->then_stmt);
      n->else_stmt = stmt(o->else_stmt);
      return n;
    }
    case StmtKind::while_: {
      auto *o = static_cast<const WhileStmt *>(s);
      auto *n = make(o);
      n->cond = expr(o->cond);
      n->body = stmt(o->body);
      return n;
    }
    case StmtKind::for_: {
      auto *o = static_cast<const ForStmt *>(s);
      auto *n = make(o);
      n->init = stmt(o->init);
      n->cond = expr(o->cond);
      n->step = stmt(o->step);
      n->body = stmt(o->body);
      return n;
    }
    case StmtKind::foreach: {
      auto *o = static_cast<const ForeachStmt *>(s);
      auto *n = make(o);
      n->value = symbol(o->value);
      for (const Symbol *k : o->keys) n->keys.push_back(symbol(k));
      n->bracketed = o->bracketed;
      n->base = expr(o->base);
      n->slice = exprs(o->slice);
      n->sort_aggregate = o->sort_aggregate;
      n->sort_column = o->sort_column;
      n->sort_descending = o->sort_descending;
      n->limit = expr(o->limit);
      n->body = stmt(o->body);
      return n;
    }
    case StmtKind::break_: return make(static_cast<const BreakStmt *>(s));
    case StmtKind::continue_:
      return make(static_cast<const ContinueStmt *>(s));
    case StmtKind::next: return make(static_cast<const NextStmt *>(s));
    case StmtKind::return_: {
      auto *o = static_cast<const ReturnStmt *>(s);
      auto *n = make(o);
      n->value = expr(o->value);
      return n;
    }
    case StmtKind::delete_: {
      auto *o = static_cast<const DeleteStmt *>(s);
      auto *n = make(o);
      n->target = expr(o->target);
      return n;
    }
    case StmtKind::try_: {
      auto *o = static_cast<const TryStmt *>(s);
      auto *n = make(o);
      n->try_block = block(o->try_block);
      n->catch_var = symbol(o->catch_var);
      n->catch_block = block(o->catch_block);
      return n;
    }
    case StmtKind::null: return make(static_cast<const NullStmt *>(s));
    case StmtKind::embedded: {
      auto *o = static_cast<const EmbeddedStmt *>(s);
      auto *n = make(o);
      n->code = o->code;
      return n;
    }
    }
    return nullptr;
  }

  ProbePoint *point(const ProbePoint *p) {
    if (!p) return nullptr;
    ProbePoint *n = make(p);
    n->components = p->components;
    for (auto &c : n->components) {
      c.arg = expr(c.arg);
      c.loc = loc(c.loc);
    }
    n->optional = p->optional;
    n->sufficient = p->sufficient;
    n->pid = p->pid;
    n->trace_module = p->trace_module;
    n->kernel_symbol = p->kernel_symbol;
    n->kernel_offset = p->kernel_offset;
    n->kernel_inline_die = p->kernel_inline_die;
    n->kernel_callers = p->kernel_callers;
    n->from_wildcard = p->from_wildcard;
    n->condition = expr(p->condition);
    return n;
  }

private:
  AstContext &ctx_;
  SourceManager &sm_;
  ExpansionId chain_;
};

}  // namespace

Stmt *clone_stmt(const Stmt *s, AstContext &ctx, SourceManager &sm,
                 ExpansionId chain) {
  return Cloner(ctx, sm, chain).stmt(s);
}

Expr *clone_expr(const Expr *e, AstContext &ctx, SourceManager &sm,
                 ExpansionId chain) {
  return Cloner(ctx, sm, chain).expr(e);
}

ProbePoint *clone_point(const ProbePoint *p, AstContext &ctx,
                        SourceManager &sm, ExpansionId chain) {
  return Cloner(ctx, sm, chain).point(p);
}

}  // namespace stap
