// A CRTP visitor with default traversal: a pass derives from
// Visitor<MyPass> and overrides only the node kinds it cares about, calling
// Visitor::visit_xxx(n) (or traverse(n)) to keep walking the children.
#pragma once

#include "parser/ast.h"

namespace stap {

template <typename Derived> class Visitor {
public:
  Derived &self() { return static_cast<Derived &>(*this); }

  void visit(Expr *e) {
    if (!e) return;
    switch (e->kind) {
#define CASE(K, T, F) case ExprKind::K: self().F(static_cast<T *>(e)); break;
      CASE(number, NumberLit, visit_number)
      CASE(string, StringLit, visit_string)
      CASE(symbol, Symbol, visit_symbol)
      CASE(target, TargetSymbol, visit_target)
      CASE(cast, CastExpr, visit_cast)
      CASE(atvar, AtVarExpr, visit_atvar)
      CASE(entry, EntryExpr, visit_entry)
      CASE(defined, DefinedExpr, visit_defined)
      CASE(probewrite, ProbeWriteExpr, visit_probewrite)
      CASE(unary, UnaryExpr, visit_unary)
      CASE(incdec, IncDecExpr, visit_incdec)
      CASE(binary, BinaryExpr, visit_binary)
      CASE(logical, LogicalExpr, visit_logical)
      CASE(compare, CompareExpr, visit_compare)
      CASE(regex, RegexExpr, visit_regex)
      CASE(concat, ConcatExpr, visit_concat)
      CASE(ternary, TernaryExpr, visit_ternary)
      CASE(assign, AssignExpr, visit_assign)
      CASE(index, IndexExpr, visit_index)
      CASE(in, InExpr, visit_in)
      CASE(call, CallExpr, visit_call)
      CASE(print, PrintExpr, visit_print)
      CASE(stat, StatExpr, visit_stat)
      CASE(hist, HistExpr, visit_hist)
      CASE(embedded_expr, EmbeddedExpr, visit_embedded_expr)
      CASE(autocast, AutocastExpr, visit_autocast)
      CASE(at_op, AtOpExpr, visit_at_op)
#undef CASE
    }
  }

  void visit(Stmt *s) {
    if (!s) return;
    switch (s->kind) {
#define CASE(K, T, F) case StmtKind::K: self().F(static_cast<T *>(s)); break;
      CASE(block, Block, visit_block)
      CASE(expr, ExprStmt, visit_expr_stmt)
      CASE(if_, IfStmt, visit_if)
      CASE(while_, WhileStmt, visit_while)
      CASE(for_, ForStmt, visit_for)
      CASE(foreach, ForeachStmt, visit_foreach)
      CASE(break_, BreakStmt, visit_break)
      CASE(continue_, ContinueStmt, visit_continue)
      CASE(next, NextStmt, visit_next)
      CASE(return_, ReturnStmt, visit_return)
      CASE(delete_, DeleteStmt, visit_delete)
      CASE(try_, TryStmt, visit_try)
      CASE(null, NullStmt, visit_null)
      CASE(embedded, EmbeddedStmt, visit_embedded_stmt)
#undef CASE
    }
  }

  // ---- expressions: default traversal
  void visit_number(NumberLit *) {}
  void visit_string(StringLit *) {}
  void visit_symbol(Symbol *) {}
  void visit_components(std::vector<TargetComponent> &cs) {
    for (auto &c : cs) if (c.index) visit(c.index);
  }
  void visit_target(TargetSymbol *n) { self().visit_components(n->components); }
  void visit_cast(CastExpr *n) {
    visit(n->operand);
    self().visit_components(n->components);
  }
  void visit_atvar(AtVarExpr *n) { self().visit_components(n->components); }
  void visit_entry(EntryExpr *n) { visit(n->operand); }
  void visit_defined(DefinedExpr *n) { visit(n->operand); }
  // Once decided (alias expansion), @probewrite's operand is not evaluated.
  void visit_probewrite(ProbeWriteExpr *n) {
    if (n->written < 0) visit(n->operand);
  }
  void visit_unary(UnaryExpr *n) { visit(n->operand); }
  void visit_incdec(IncDecExpr *n) { visit(n->operand); }
  void visit_binary(BinaryExpr *n) { visit(n->lhs); visit(n->rhs); }
  void visit_logical(LogicalExpr *n) { visit(n->lhs); visit(n->rhs); }
  void visit_compare(CompareExpr *n) { visit(n->lhs); visit(n->rhs); }
  void visit_regex(RegexExpr *n) { visit(n->lhs); visit(n->pattern); }
  void visit_concat(ConcatExpr *n) { visit(n->lhs); visit(n->rhs); }
  void visit_ternary(TernaryExpr *n) {
    visit(n->cond); visit(n->then_expr); visit(n->else_expr);
  }
  void visit_assign(AssignExpr *n) { visit(n->lhs); visit(n->rhs); }
  void visit_index(IndexExpr *n) {
    visit(n->base);
    for (Expr *i : n->indices) visit(i);
  }
  void visit_in(InExpr *n) {
    for (Expr *k : n->keys) visit(k);
    visit(n->array);
  }
  void visit_call(CallExpr *n) { for (Expr *a : n->args) visit(a); }
  void visit_print(PrintExpr *n) { for (Expr *a : n->args) visit(a); }
  void visit_stat(StatExpr *n) { visit(n->operand); }
  void visit_hist(HistExpr *n) {
    visit(n->operand);
    for (Expr *p : n->params) visit(p);
  }
  void visit_embedded_expr(EmbeddedExpr *) {}
  void visit_at_op(AtOpExpr *n) { for (Expr *a : n->args) visit(a); }
  void visit_autocast(AutocastExpr *n) {
    visit(n->operand);
    self().visit_components(n->components);
  }

  // ---- statements: default traversal
  void visit_block(Block *n) { for (Stmt *s : n->stmts) visit(s); }
  void visit_expr_stmt(ExprStmt *n) { visit(n->expr); }
  void visit_if(IfStmt *n) {
    visit(n->cond); visit(n->then_stmt); visit(n->else_stmt);
  }
  void visit_while(WhileStmt *n) { visit(n->cond); visit(n->body); }
  void visit_for(ForStmt *n) {
    visit(n->init); visit(n->cond); visit(n->step); visit(n->body);
  }
  void visit_foreach(ForeachStmt *n) {
    if (n->value) visit(n->value);
    for (Symbol *k : n->keys) visit(k);
    visit(n->base);
    for (Expr *e : n->slice) visit(e);
    visit(n->limit);
    visit(n->body);
  }
  void visit_break(BreakStmt *) {}
  void visit_continue(ContinueStmt *) {}
  void visit_next(NextStmt *) {}
  void visit_return(ReturnStmt *n) { visit(n->value); }
  void visit_delete(DeleteStmt *n) { visit(n->target); }
  void visit_try(TryStmt *n) {
    visit(n->try_block);
    if (n->catch_var) visit(n->catch_var);
    visit(n->catch_block);
  }
  void visit_null(NullStmt *) {}
  void visit_embedded_stmt(EmbeddedStmt *) {}

  // ---- declarations
  void visit_probe_point(ProbePoint *p) {
    for (auto &c : p->components) if (c.arg) visit(c.arg);
    visit(p->condition);
  }
  void visit_probe(ProbeDecl *p) {
    for (ProbePoint *pp : p->points) self().visit_probe_point(pp);
    visit(p->body);
  }
  void visit_alias(AliasDecl *a) {
    for (ProbePoint *pp : a->targets) self().visit_probe_point(pp);
    visit(a->body);
    if (a->epilogue_body) visit(a->epilogue_body);
  }
  void visit_function(FunctionDecl *f) { visit(f->body); }
  void visit_global(VarDecl *g) { visit(g->init); }
};

}  // namespace stap
