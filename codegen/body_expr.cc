// Expressions: each evaluates into a temporary, left to right.
#include <climits>

#include "codegen/body_emitter.h"

namespace stap {

namespace {

std::string long_literal(int64_t v) {
  // INT64_MIN has no literal of its own in C.
  if (v == INT64_MIN) return "(-9223372036854775807LL - 1)";
  return "((s64)" + std::to_string(v) + "LL)";
}

bool is_string(const Expr *e) { return e->type == Type::string; }

}  // namespace

std::string BodyEmitter::where(const Node *n) const {
  return sm_.describe(n->loc);
}

void BodyEmitter::unsupported(const Node *n, const std::string &what) {
  // Pass 2 refuses what the user can get wrong: what reaches here is a
  // translator bug, reported at the construct.
  diags_.error(DiagId::internal_error, n->loc,
               "internal error: pass 3 cannot translate " + what +
                   ", which pass 2 accepted");
  failed_ = true;
}

void BodyEmitter::check_error() {
  const std::string &target =
      error_labels_.empty() ? std::string("out") : error_labels_.back();
  w_.line("if (unlikely(c->last_error)) goto " + target + ";");
}

std::string BodyEmitter::new_label(const char *stem) {
  return std::string(stem) + "_" + std::to_string(labels_++);
}

std::string BodyEmitter::assign_to(const std::string &lv, Type t,
                                   const std::string &v) {
  if (t == Type::string)
    w_.line("stp_str_copy(" + lv + ", " + v + ");");
  else
    w_.line(lv + " = " + v + ";");
  return lv;
}

std::string BodyEmitter::lvalue(const Expr *e) {
  if (e->kind == ExprKind::symbol) {
    const VarDecl *v = static_cast<const Symbol *>(e)->decl;
    if (!v) {
      unsupported(e, "an unresolved variable");
      return "F->unresolved";
    }
    if (v->scope == VarScope::global) {
      if (v->is_array || v->type == Type::stats) {
        unsupported(e, "a global array or statistic");
        return "F->unsupported";
      }
      return sym_.globals.at(v);
    }
    return f_.local(v);
  }
  unsupported(e, "assignment to this kind of expression");
  return "F->unsupported";
}

std::string BodyEmitter::arith(const std::string &op, const std::string &a,
                               const std::string &b, const Expr *at) {
  if (op == "+") return "stp_add(" + a + ", " + b + ")";
  if (op == "-") return "stp_sub(" + a + ", " + b + ")";
  if (op == "*") return "stp_mul(" + a + ", " + b + ")";
  if (op == "<<") return "stp_shl(" + a + ", " + b + ")";
  if (op == ">>") return "stp_shr(" + a + ", " + b + ")";
  if (op == ">>>") return "(s64)((u64)(" + a + ") >> ((" + b + ") & 63))";
  if (op == "&" || op == "|" || op == "^") return "(" + a + " " + op + " " + b + ")";
  if (op == "/" || op == "%") {
    std::string t = f_.temp(Type::long_);
    w_.line("STP_STMT(c, " + c_string_literal("operator '" + op + "' at " + where(at)) + ");");
    w_.line(std::string(op == "/" ? "stp_div" : "stp_mod") + "(c, " + a + ", " +
            b + ", &" + t + ");");
    check_error();
    return t;
  }
  unsupported(at, "operator '" + op + "'");
  return "0";
}

std::string BodyEmitter::emit_binary(const BinaryExpr *e) {
  std::string a = f_.temp(Type::long_);
  w_.line(a + " = " + emit_expr(e->lhs) + ";");
  std::string b = emit_expr(e->rhs);
  std::string t = f_.temp(Type::long_);
  w_.line(t + " = " + arith(e->op, a, b, e) + ";");
  return t;
}

std::string BodyEmitter::emit_logical(const LogicalExpr *e) {
  std::string t = f_.temp(Type::long_);
  w_.line(t + " = (" + emit_expr(e->lhs) + ") != 0;");
  auto blk = w_.block(std::string("if (") + (e->op == "&&" ? "" : "!") + t + ")");
  w_.line(t + " = (" + emit_expr(e->rhs) + ") != 0;");
  return t;
}

std::string BodyEmitter::emit_compare(const CompareExpr *e) {
  Type ty = is_string(e->lhs) || is_string(e->rhs) ? Type::string : Type::long_;
  std::string a = f_.temp(ty);
  assign_to(a, ty, emit_expr(e->lhs));
  std::string b = emit_expr(e->rhs);
  std::string t = f_.temp(Type::long_);
  if (ty == Type::string)
    w_.line(t + " = stp_str_cmp(" + a + ", " + b + ") " + e->op + " 0;");
  else
    w_.line(t + " = " + a + " " + e->op + " " + b + ";");
  return t;
}

namespace {

// The operands of a chain `a . b . c ...`, in source order.
void concat_operands(const Expr *e, std::vector<const Expr *> &out) {
  if (e->kind != ExprKind::concat) {
    out.push_back(e);
    return;
  }
  concat_operands(static_cast<const ConcatExpr *>(e)->lhs, out);
  concat_operands(static_cast<const ConcatExpr *>(e)->rhs, out);
}

}  // namespace

// A chain is appended operand by operand into one temporary, each
// operand's own temporaries freed once appended: a chain of hundreds
// costs the frame two strings, not two per operand.
std::string BodyEmitter::emit_concat(const ConcatExpr *e) {
  std::vector<const Expr *> operands;
  concat_operands(e, operands);
  std::string t = f_.temp(Type::string);
  for (size_t i = 0; i < operands.size(); ++i) {
    size_t mark = f_.mark();
    std::string v = emit_expr(operands[i]);
    if (i == 0) assign_to(t, Type::string, v);
    else w_.line("stp_str_append(" + t + ", " + v + ");");
    f_.release(mark);
  }
  return t;
}

std::string BodyEmitter::emit_ternary(const TernaryExpr *e) {
  std::string t = f_.temp(e->type);
  if (auto known = folded_defined(e->cond)) {
    assign_to(t, e->type, emit_expr(*known ? e->then_expr : e->else_expr));
    return t;
  }
  std::string cond = emit_expr(e->cond);
  {
    auto then_blk = w_.block("if (" + cond + ")");
    assign_to(t, e->type, emit_expr(e->then_expr));
  }
  auto else_blk = w_.block("else");
  assign_to(t, e->type, emit_expr(e->else_expr));
  return t;
}

std::string BodyEmitter::emit_assign(const AssignExpr *e) {
  if (e->lhs->kind == ExprKind::index) return emit_index_assign(e);
  if (e->op == "<<<") {
    std::string v = emit_expr(e->rhs);
    const VarDecl *g = e->lhs->kind == ExprKind::symbol
                           ? static_cast<const Symbol *>(e->lhs)->decl
                           : nullptr;
    if (!g || !sym_.globals.count(g)) {
      unsupported(e, "'<<<' into something that is not a global statistic");
      return "0";
    }
    w_.line("stp_pstat_add(&" + sym_.globals.at(g) + ", " + v + ");");
    return v;
  }
  std::string rhs = emit_expr(e->rhs);
  const TargetAccess *target = access_of(e->lhs);
  if (target && target->base == TargetAccess::Base::procfs_value) {
    // $value of a procfs read probe: the reader's buffer, not a string.
    if (e->op != "=" && e->op != ".=") {
      unsupported(e, "operator '" + e->op + "' on $value");
      return rhs;
    }
    w_.line(std::string(e->op == "=" ? "stp_procfs_set" : "stp_procfs_append") +
            "(c, " + rhs + ");");
    return rhs;
  }
  if (target && target->base == TargetAccess::Base::netfilter_verdict) {
    // $verdict of a netfilter probe (-g): the runtime checks the value.
    std::string v = rhs;
    if (e->op != "=")
      v = arith(e->op.substr(0, e->op.size() - 1), emit_expr(e->lhs), rhs, e);
    std::string t = f_.temp(Type::long_);
    w_.line(t + " = " + v + ";");
    w_.line("stp_netfilter_set_verdict(c, " + t + ");");
    check_error();
    return t;
  }
  std::string lv = lvalue(e->lhs);
  if (e->lhs->type == Type::string || e->type == Type::string) {
    if (e->op == "=") {
      // Copy through a temporary: `s = substr(s, 1)` must not alias.
      std::string t = f_.temp(Type::string);
      assign_to(t, Type::string, rhs);
      assign_to(lv, Type::string, t);
    } else if (e->op == ".=") {
      w_.line("stp_str_append(" + lv + ", " + rhs + ");");
    } else {
      unsupported(e, "operator '" + e->op + "' on strings");
    }
    return lv;
  }
  if (e->op == "=") {
    w_.line(lv + " = " + rhs + ";");
    return lv;
  }
  std::string op = e->op.substr(0, e->op.size() - 1);
  w_.line(lv + " = " + arith(op, lv, rhs, e) + ";");
  return lv;
}

std::string BodyEmitter::emit_incdec(const IncDecExpr *e) {
  if (e->operand->kind == ExprKind::index) return emit_index_incdec(e);
  std::string lv = lvalue(e->operand);
  std::string t = f_.temp(Type::long_);
  std::string step = e->increment ? "stp_add(" + lv + ", 1)" : "stp_sub(" + lv + ", 1)";
  if (e->prefix) {
    w_.line(lv + " = " + step + ";");
    w_.line(t + " = " + lv + ";");
  } else {
    w_.line(t + " = " + lv + ";");
    w_.line(lv + " = " + step + ";");
  }
  return t;
}

std::string BodyEmitter::emit_call(const CallExpr *e) {
  const FunctionDecl *fn = e->decl;
  for (const FunctionDecl *o = fn; o; o = o->next_overload)
    if (!sym_.functions.count(o)) {
      unsupported(e, "a call to an unresolved function");
      return "0";
    }
  if (!fn) {
    unsupported(e, "a call to an unresolved function");
    return "0";
  }
  // Arguments first, into our own temporaries: evaluating one may call
  // another function and reuse the callee's frame.
  std::vector<std::string> args;
  for (const Expr *a : e->args) {
    std::string t = f_.temp(a->type);
    assign_to(t, a->type, emit_expr(a));
    args.push_back(t);
  }
  std::string result = f_.temp(fn->return_type);
  auto blk = w_.block("");
  emit_overload_call(e, fn, args, result, 0);
  return result;
}

// Calls `fn` with the evaluated `args`; when it runs `next`, its next
// overload gets the same arguments, in a nested block.
void BodyEmitter::emit_overload_call(const CallExpr *e, const FunctionDecl *fn,
                                     const std::vector<std::string> &args,
                                     const std::string &result, int depth) {
  Frame *callee = sym_.function_frames.at(fn);
  std::string a = depth ? "A" + std::to_string(depth) : "A";
  // The callee's fields are "F->x"; here they are "A->x".
  auto field = [&](const std::string &lv) { return a + "->" + lv.substr(3); };
  w_.line("struct " + callee->struct_name() + " *" + a +
          " = STP_FRAME(c, c->nesting + 1);");
  w_.line("(void)" + a + ";");
  for (size_t i = 0; i < args.size() && i < fn->params.size(); ++i)
    assign_to(field(callee->local(fn->params[i])), fn->params[i]->type,
              args[i]);
  if (fn->next_overload) w_.line(field(callee->next_flag()) + " = 0;");
  // "near identifier 'f' at ...": MAXNESTING, or the callee's error().
  std::string near =
      c_string_literal("identifier '" + fn->name + "' at " + where(e));
  w_.line("STP_STMT(c, " + near + ");");
  w_.line(sym_.functions.at(fn) + "(c);");
  // An error the callee raised without a statement (`next`) is here.
  w_.line("if (unlikely(c->last_error && !c->last_stmt)) STP_STMT(c, " + near +
          ");");
  check_error();
  auto take_result = [&] {
    if (fn->return_type == Type::string || fn->return_type == Type::long_)
      assign_to(result, fn->return_type, field(callee->ret(fn->return_type)));
  };
  if (!fn->next_overload) {
    take_result();
    return;
  }
  {
    auto answered = w_.block("if (!" + field(callee->next_flag()) + ")");
    take_result();
  }
  auto fall_through = w_.block("else");
  emit_overload_call(e, fn->next_overload, args, result, depth + 1);
}

std::string BodyEmitter::emit_expr(const Expr *e) {
  if (entry_reads_) {
    auto saved = entry_reads_->find(e);
    if (saved != entry_reads_->end()) return saved->second;
  }
  switch (e->kind) {
  case ExprKind::number:
    return long_literal(static_cast<const NumberLit *>(e)->value);
  case ExprKind::string:
    return c_string_literal(static_cast<const StringLit *>(e)->value);
  case ExprKind::symbol:
    return lvalue(e);
  case ExprKind::unary: {
    auto *u = static_cast<const UnaryExpr *>(e);
    std::string v = emit_expr(u->operand);
    std::string t = f_.temp(Type::long_);
    if (u->op == "-") w_.line(t + " = stp_sub(0, " + v + ");");
    else if (u->op == "!") w_.line(t + " = !(" + v + ");");
    else if (u->op == "~") w_.line(t + " = ~(" + v + ");");
    else w_.line(t + " = " + v + ";");
    return t;
  }
  case ExprKind::incdec: return emit_incdec(static_cast<const IncDecExpr *>(e));
  case ExprKind::binary: return emit_binary(static_cast<const BinaryExpr *>(e));
  case ExprKind::logical: return emit_logical(static_cast<const LogicalExpr *>(e));
  case ExprKind::compare: return emit_compare(static_cast<const CompareExpr *>(e));
  case ExprKind::concat: return emit_concat(static_cast<const ConcatExpr *>(e));
  case ExprKind::ternary: return emit_ternary(static_cast<const TernaryExpr *>(e));
  case ExprKind::assign: return emit_assign(static_cast<const AssignExpr *>(e));
  case ExprKind::call: return emit_call(static_cast<const CallExpr *>(e));
  case ExprKind::print: return emit_print(static_cast<const PrintExpr *>(e));
  case ExprKind::at_op: return emit_at_op(static_cast<const AtOpExpr *>(e));
  case ExprKind::embedded_expr: {
    std::string t = f_.temp(e->type);
    w_.comment("stap:embedded-begin " + where(e));
    if (e->type == Type::string)
      w_.line("stp_str_copy(" + t + ", (" + static_cast<const EmbeddedExpr *>(e)->code + "));");
    else
      w_.line(t + " = (s64)(" + static_cast<const EmbeddedExpr *>(e)->code + ");");
    w_.comment("stap:embedded-end");
    return t;
  }
  case ExprKind::regex: return emit_regex(static_cast<const RegexExpr *>(e));
  case ExprKind::index: return emit_index_read(static_cast<const IndexExpr *>(e));
  case ExprKind::in: return emit_in(static_cast<const InExpr *>(e));
  case ExprKind::stat: return emit_stat(static_cast<const StatExpr *>(e));
  case ExprKind::hist: unsupported(e, "a histogram outside print"); return "0";
  case ExprKind::defined:
    return is_defined(static_cast<const DefinedExpr *>(e)->operand)
               ? "((s64)1)"
               : "((s64)0)";
  case ExprKind::target:
  case ExprKind::cast:
  case ExprKind::entry:
  case ExprKind::autocast:
  case ExprKind::atvar: return emit_target(e);
  case ExprKind::probewrite:
    return static_cast<const ProbeWriteExpr *>(e)->written > 0 ? "((s64)1)"
                                                               : "((s64)0)";
  }
  return "0";
}

}  // namespace stap
