// Statements. Every statement charges the action budget (STP_ACTION), and
// every loop does so on each iteration, which the emission check verifies.
#include "codegen/body_emitter.h"

namespace stap {

std::string next_overload_c(Frame &frame, bool has_next) {
  if (has_next) return "{ " + frame.next_flag() + " = 1; goto out; }";
  return "{ c->last_stmt = NULL; stp_error(c, \"all functions exhausted\"); "
         "goto out; }";
}

void BodyEmitter::init_locals(const std::vector<VarDecl *> &locals) {
  for (const VarDecl *v : locals) {
    if (v->scope == VarScope::param) continue;
    if (v->type == Type::string)
      w_.line(f_.local(v) + "[0] = '\\0';");
    else
      w_.line(f_.local(v) + " = 0;");
  }
}

void BodyEmitter::emit_block(const Block *b) {
  auto blk = w_.block("");
  for (const Stmt *s : b->stmts) emit_stmt(s);
}

void BodyEmitter::emit_while(const WhileStmt *s) {
  auto loop = w_.block("for (;;)");
  w_.line("STP_STMT(c, " + c_string_literal("keyword at " + where(s)) + ");");
  w_.line("STP_ACTION(c, 1);");
  std::string cond = emit_expr(s->cond);
  w_.line("if (!(" + cond + ")) break;");
  emit_stmt(s->body);
}

void BodyEmitter::emit_for(const ForStmt *s) {
  auto outer = w_.block("");
  if (s->init) emit_stmt(s->init);
  // The step runs in the loop header's third clause so that `continue`
  // reaches it; GNU statement expressions let it hold statements.
  std::string step_code;
  if (s->step) {
    CWriter step;
    BodyEmitter sub(step, f_, sym_, sm_, diags_);
    sub.error_labels_ = error_labels_;
    sub.labels_ = labels_;  // one label numbering for the whole body
    sub.emit_stmt(s->step);
    labels_ = sub.labels_;
    failed_ |= sub.failed();
    step_code = step.str();
    for (auto &ch : step_code)
      if (ch == '\n') ch = ' ';
  }
  auto loop = w_.block("for (;; ({ " + step_code + "}))");
  w_.line("STP_STMT(c, " + c_string_literal("keyword at " + where(s)) + ");");
  w_.line("STP_ACTION(c, 1);");
  if (s->cond) {
    std::string cond = emit_expr(s->cond);
    w_.line("if (!(" + cond + ")) break;");
  }
  emit_stmt(s->body);
}

void BodyEmitter::emit_try(const TryStmt *s) {
  std::string catch_label = new_label("catch");
  std::string end_label = new_label("try_end");
  auto blk = w_.block("");
  error_labels_.push_back(catch_label);
  emit_stmt(s->try_block);
  error_labels_.pop_back();
  w_.line("goto " + end_label + ";");
  // Unused when nothing in the try block can fail (`try { next }`).
  w_.raw(catch_label + ": __attribute__((unused));");
  // abort() is not caught: on to the enclosing catch or the handler's end.
  const std::string outer =
      error_labels_.empty() ? std::string("out") : error_labels_.back();
  w_.line("if (unlikely(c->aborted)) goto " + outer + ";");
  {
    // The error is caught: it is no longer the handler's error.
    auto caught = w_.block("if (c->last_error)");
    if (s->catch_var && s->catch_var->decl)
      w_.line("stp_str_copy(" + f_.local(s->catch_var->decl) + ", c->last_error);");
    w_.line("c->last_error = NULL;");
    emit_stmt(s->catch_block);
  }
  w_.raw(end_label + ": ;");
}

void BodyEmitter::emit_delete(const DeleteStmt *s) {
  if (s->target->kind == ExprKind::symbol) {
    const VarDecl *v = static_cast<const Symbol *>(s->target)->decl;
    if (v && !v->is_array && v->type != Type::stats) {
      std::string lv = lvalue(s->target);
      w_.line(v->type == Type::string ? lv + "[0] = '\\0';" : lv + " = 0;");
      return;
    }
  }
  emit_delete_map(s);
}

void BodyEmitter::emit_stmt(const Stmt *s) {
  if (!s) return;
  switch (s->kind) {
  case StmtKind::block:
    emit_block(static_cast<const Block *>(s));
    return;
  case StmtKind::null:
    return;
  default:
    break;
  }
  w_.line("STP_ACTION(c, 1);");
  // This statement's temporaries are free again once it is emitted.
  struct Release {
    Frame &f;
    size_t mark;
    ~Release() { f.release(mark); }
  } release{f_, f_.mark()};
  switch (s->kind) {
  case StmtKind::expr:
    emit_expr(static_cast<const ExprStmt *>(s)->expr);
    break;
  case StmtKind::if_: {
    auto *n = static_cast<const IfStmt *>(s);
    if (auto known = folded_defined(n->cond)) {
      if (const Stmt *live = *known ? n->then_stmt : n->else_stmt)
        emit_stmt(live);
      break;
    }
    std::string cond = emit_expr(n->cond);
    {
      auto then_blk = w_.block("if (" + cond + ")");
      emit_stmt(n->then_stmt);
    }
    if (n->else_stmt) {
      auto else_blk = w_.block("else");
      emit_stmt(n->else_stmt);
    }
    break;
  }
  case StmtKind::while_: emit_while(static_cast<const WhileStmt *>(s)); break;
  case StmtKind::for_: emit_for(static_cast<const ForStmt *>(s)); break;
  case StmtKind::break_: w_.line("break;"); break;
  case StmtKind::continue_: w_.line("continue;"); break;
  case StmtKind::next:
    // In a probe, `next` ends the handler; in a function, SystemTap 4.8
    // takes it as "try the next overload".
    w_.line(in_function_ ? next_overload_c(f_, falls_through_) : "goto out;");
    break;
  case StmtKind::return_: {
    auto *r = static_cast<const ReturnStmt *>(s);
    if (r->value) assign_to(f_.ret(r->value->type), r->value->type, emit_expr(r->value));
    w_.line("goto out;");
    break;
  }
  case StmtKind::delete_: emit_delete(static_cast<const DeleteStmt *>(s)); break;
  case StmtKind::try_: emit_try(static_cast<const TryStmt *>(s)); break;
  case StmtKind::embedded:
    w_.comment("stap:embedded-begin " + where(s));
    w_.raw(static_cast<const EmbeddedStmt *>(s)->code);
    w_.comment("stap:embedded-end");
    break;
  case StmtKind::foreach: emit_foreach(static_cast<const ForeachStmt *>(s)); break;
  default: break;
  }
}

}  // namespace stap
