#include "parser/printer.h"

namespace stap {

namespace {

// Binding strength, loosest first; mirrors parser_expr.cc.
enum Prec : int {
  kAssign = 1, kTernary, kOr, kAnd, kBitOr, kBitXor, kBitAnd, kIn, kCompare,
  kShift, kConcat, kAdditive, kMultiplicative, kUnary, kPostfix, kPrimary
};

int binary_prec(std::string_view op) {
  if (op == "|") return kBitOr;
  if (op == "^") return kBitXor;
  if (op == "&") return kBitAnd;
  if (op == "<<" || op == ">>" || op == ">>>") return kShift;
  if (op == "+" || op == "-") return kAdditive;
  return kMultiplicative;
}

int prec(const Expr *e) {
  switch (e->kind) {
  case ExprKind::assign: return kAssign;
  case ExprKind::ternary: return kTernary;
  case ExprKind::logical:
    return static_cast<const LogicalExpr *>(e)->op == "||" ? kOr : kAnd;
  case ExprKind::binary: return binary_prec(static_cast<const BinaryExpr *>(e)->op);
  case ExprKind::in: return kIn;
  case ExprKind::compare:
  case ExprKind::regex: return kCompare;
  case ExprKind::concat: return kConcat;
  case ExprKind::unary: return kUnary;
  case ExprKind::incdec:
    return static_cast<const IncDecExpr *>(e)->prefix ? kUnary : kPostfix;
  case ExprKind::number:
    return static_cast<const NumberLit *>(e)->value < 0 &&
                   static_cast<const NumberLit *>(e)->spelling.empty()
               ? kUnary
               : kPrimary;
  case ExprKind::target:
    return static_cast<const TargetSymbol *>(e)->address_of ? kUnary : kPrimary;
  case ExprKind::cast:
    return static_cast<const CastExpr *>(e)->address_of ? kUnary : kPrimary;
  case ExprKind::atvar:
    return static_cast<const AtVarExpr *>(e)->address_of ? kUnary : kPrimary;
  case ExprKind::autocast:
    return static_cast<const AutocastExpr *>(e)->address_of ? kUnary : kPrimary;
  default: return kPrimary;
  }
}

std::string indent_of(int n) { return std::string(2 * n, ' '); }

const char *type_word(Type t) {
  return t == Type::string ? "string" : t == Type::long_ ? "long" : "";
}

class Printer {
public:
  std::string out;

  void expr(const Expr *e, int need = kAssign) {
    if (!e) {
      out += "*";
      return;
    }
    bool parens = prec(e) < need;
    if (parens) out += '(';
    expr_inner(e);
    if (parens) out += ')';
  }

  void list(const std::vector<Expr *> &es) {
    for (size_t i = 0; i < es.size(); ++i) {
      if (i) out += ", ";
      expr(es[i]);
    }
  }

  void components(const std::vector<TargetComponent> &cs, PrettySuffix p) {
    for (const auto &c : cs) {
      switch (c.kind) {
      case TargetComponent::field: out += "->" + c.name; break;
      case TargetComponent::index_literal:
        out += "[" + std::to_string(c.literal) + "]";
        break;
      case TargetComponent::index_expr:
        out += '[';
        expr(c.index);
        out += ']';
        break;
      }
    }
    if (p == PrettySuffix::one) out += "$";
    if (p == PrettySuffix::two) out += "$$";
  }

  void binary(const Expr *l, std::string_view op, const Expr *r, int p) {
    expr(l, p);
    out += ' ';
    out += op;
    out += ' ';
    expr(r, p + 1);
  }

  void expr_inner(const Expr *e) {
    switch (e->kind) {
    case ExprKind::number: {
      auto *n = static_cast<const NumberLit *>(e);
      out += n->spelling.empty() ? std::to_string(n->value) : n->spelling;
      break;
    }
    case ExprKind::string:
      out += quote_string(static_cast<const StringLit *>(e)->value);
      break;
    case ExprKind::symbol: out += static_cast<const Symbol *>(e)->name; break;
    case ExprKind::target: {
      auto *t = static_cast<const TargetSymbol *>(e);
      if (t->address_of) out += '&';
      out += t->name;
      components(t->components, t->pretty);
      break;
    }
    case ExprKind::cast: {
      auto *c = static_cast<const CastExpr *>(e);
      if (c->address_of) out += '&';
      out += "@cast(";
      expr(c->operand);
      out += ", " + quote_string(c->type_name);
      if (!c->module.empty()) out += ", " + quote_string(c->module);
      out += ')';
      components(c->components, c->pretty);
      break;
    }
    case ExprKind::at_op: {
      auto *a = static_cast<const AtOpExpr *>(e);
      out += "@" + a->op + "(";
      list(a->args);
      out += ')';
      break;
    }
    case ExprKind::autocast: {
      // Always grouped: `(a)[1]` must not read back as indexing array a.
      auto *a = static_cast<const AutocastExpr *>(e);
      if (a->address_of) out += '&';
      out += '(';
      expr(a->operand);
      out += ')';
      components(a->components, a->pretty);
      break;
    }
    case ExprKind::atvar: {
      auto *v = static_cast<const AtVarExpr *>(e);
      if (v->address_of) out += '&';
      out += "@var(" + quote_string(v->name);
      if (!v->module.empty()) out += ", " + quote_string(v->module);
      out += ')';
      components(v->components, v->pretty);
      break;
    }
    case ExprKind::entry:
      wrapped("@entry(", static_cast<const EntryExpr *>(e)->operand);
      break;
    case ExprKind::defined:
      wrapped("@defined(", static_cast<const DefinedExpr *>(e)->operand);
      break;
    case ExprKind::probewrite:
      wrapped("@probewrite(", static_cast<const ProbeWriteExpr *>(e)->operand);
      break;
    case ExprKind::unary: {
      auto *u = static_cast<const UnaryExpr *>(e);
      out += u->op;
      // "- -x", "!~x", "+ ++x" would lex differently: parenthesise. So
      // would "-0": the parser reads `-` before a number as one literal.
      bool literal_after_minus =
          u->op == "-" && u->operand->kind == ExprKind::number;
      expr(u->operand, prec(u->operand) <= kUnary || literal_after_minus
                           ? kPrimary + 1
                           : kUnary);
      break;
    }
    case ExprKind::incdec: {
      auto *u = static_cast<const IncDecExpr *>(e);
      const char *op = u->increment ? "++" : "--";
      if (u->prefix) {
        out += op;
        expr(u->operand, kPrimary);
      } else {
        expr(u->operand, kPrimary);
        out += op;
      }
      break;
    }
    case ExprKind::binary: {
      auto *b = static_cast<const BinaryExpr *>(e);
      binary(b->lhs, b->op, b->rhs, binary_prec(b->op));
      break;
    }
    case ExprKind::logical: {
      auto *b = static_cast<const LogicalExpr *>(e);
      binary(b->lhs, b->op, b->rhs, b->op == "||" ? kOr : kAnd);
      break;
    }
    case ExprKind::compare: {
      auto *b = static_cast<const CompareExpr *>(e);
      binary(b->lhs, b->op, b->rhs, kCompare);
      break;
    }
    case ExprKind::regex: {
      auto *r = static_cast<const RegexExpr *>(e);
      expr(r->lhs, kCompare);
      out += r->negated ? " !~ " : " =~ ";
      expr(r->pattern, kPrimary);
      break;
    }
    case ExprKind::concat: {
      auto *b = static_cast<const ConcatExpr *>(e);
      binary(b->lhs, ".", b->rhs, kConcat);
      break;
    }
    case ExprKind::ternary: {
      auto *t = static_cast<const TernaryExpr *>(e);
      expr(t->cond, kOr);
      out += " ? ";
      expr(t->then_expr);
      out += " : ";
      expr(t->else_expr, kTernary);
      break;
    }
    case ExprKind::assign: {
      auto *a = static_cast<const AssignExpr *>(e);
      expr(a->lhs, kOr);
      out += ' ' + a->op + ' ';
      expr(a->rhs, kAssign);
      break;
    }
    case ExprKind::index: {
      auto *ix = static_cast<const IndexExpr *>(e);
      expr(ix->base, kPrimary);
      out += '[';
      list(ix->indices);
      out += ']';
      break;
    }
    case ExprKind::in: {
      auto *in = static_cast<const InExpr *>(e);
      if (in->bracketed || in->keys.size() != 1) {
        out += '[';
        list(in->keys);
        out += ']';
      } else {
        expr(in->keys[0], kCompare);
      }
      out += " in ";
      out += in->array ? in->array->name : "";
      break;
    }
    case ExprKind::call: {
      auto *c = static_cast<const CallExpr *>(e);
      out += c->name + "(";
      list(c->args);
      out += ')';
      break;
    }
    case ExprKind::print: {
      auto *p = static_cast<const PrintExpr *>(e);
      out += p->name + "(";
      list(p->args);
      out += ')';
      break;
    }
    case ExprKind::stat: {
      auto *s = static_cast<const StatExpr *>(e);
      out += "@" + s->op + "(";
      expr(s->operand);
      if (s->shift) out += ", " + std::to_string(*s->shift);
      out += ')';
      break;
    }
    case ExprKind::hist: {
      auto *h = static_cast<const HistExpr *>(e);
      out += h->linear ? "@hist_linear(" : "@hist_log(";
      expr(h->operand);
      for (const Expr *p : h->params) {
        out += ", ";
        expr(p);
      }
      out += ')';
      break;
    }
    case ExprKind::embedded_expr:
      out += "%{" + static_cast<const EmbeddedExpr *>(e)->code + "%}";
      break;
    }
  }

  void wrapped(const char *open, const Expr *operand) {
    out += open;
    expr(operand);
    out += ')';
  }

  // A statement nested under if/while/for: blocks stay on the line.
  void sub(const Stmt *s, int indent) {
    if (s && s->kind == StmtKind::block) {
      out += ' ';
      stmt(s, indent);
    } else {
      out += '\n' + indent_of(indent + 1);
      stmt(s, indent + 1);
    }
  }

  void stmt(const Stmt *s, int indent) {
    if (!s) {
      out += ';';
      return;
    }
    switch (s->kind) {
    case StmtKind::block: {
      auto *b = static_cast<const Block *>(s);
      out += "{\n";
      for (const Stmt *c : b->stmts) {
        out += indent_of(indent + 1);
        stmt(c, indent + 1);
        out += '\n';
      }
      out += indent_of(indent) + "}";
      break;
    }
    case StmtKind::expr:
      expr(static_cast<const ExprStmt *>(s)->expr);
      out += ';';
      break;
    case StmtKind::if_: {
      auto *i = static_cast<const IfStmt *>(s);
      out += "if (";
      expr(i->cond);
      out += ')';
      sub(i->then_stmt, indent);
      if (i->else_stmt) {
        bool block = i->then_stmt && i->then_stmt->kind == StmtKind::block;
        out += block ? " " : "\n" + indent_of(indent);
        out += "else";
        if (i->else_stmt->kind == StmtKind::if_) {
          out += ' ';
          stmt(i->else_stmt, indent);
        } else {
          sub(i->else_stmt, indent);
        }
      }
      break;
    }
    case StmtKind::while_: {
      auto *w = static_cast<const WhileStmt *>(s);
      out += "while (";
      expr(w->cond);
      out += ')';
      sub(w->body, indent);
      break;
    }
    case StmtKind::for_: {
      auto *f = static_cast<const ForStmt *>(s);
      out += "for (";
      if (f->init) expr(static_cast<const ExprStmt *>(f->init)->expr);
      out += ';';
      if (f->cond) {
        out += ' ';
        expr(f->cond);
      }
      out += ';';
      if (f->step) {
        out += ' ';
        expr(static_cast<const ExprStmt *>(f->step)->expr);
      }
      out += ')';
      sub(f->body, indent);
      break;
    }
    case StmtKind::foreach: {
      auto *f = static_cast<const ForeachStmt *>(s);
      out += "foreach (";
      if (f->value) out += f->value->name + " = ";
      if (f->bracketed) out += '[';
      for (size_t i = 0; i < f->keys.size(); ++i) {
        if (i) out += ", ";
        out += f->keys[i]->name;
        if (f->sort_column == static_cast<int>(i + 1))
          out += f->sort_descending ? '-' : '+';
      }
      if (f->bracketed) out += ']';
      out += " in ";
      expr(f->base, kPrimary);
      if (!f->slice.empty()) {
        out += '[';
        list(f->slice);
        out += ']';
      }
      if (!f->sort_aggregate.empty()) out += " @" + f->sort_aggregate;
      if (f->sort_column == -1) out += f->sort_descending ? '-' : '+';
      if (f->limit) {
        out += " limit ";
        expr(f->limit);
      }
      out += ')';
      sub(f->body, indent);
      break;
    }
    case StmtKind::break_: out += "break;"; break;
    case StmtKind::continue_: out += "continue;"; break;
    case StmtKind::next: out += "next;"; break;
    case StmtKind::return_: {
      auto *r = static_cast<const ReturnStmt *>(s);
      out += "return";
      if (r->value) {
        out += ' ';
        expr(r->value);
      }
      out += ';';
      break;
    }
    case StmtKind::delete_:
      out += "delete ";
      expr(static_cast<const DeleteStmt *>(s)->target, kUnary);
      out += ';';
      break;
    case StmtKind::try_: {
      auto *t = static_cast<const TryStmt *>(s);
      out += "try ";
      stmt(t->try_block, indent);
      out += " catch ";
      if (t->catch_var) out += "(" + t->catch_var->name + ") ";
      stmt(t->catch_block, indent);
      break;
    }
    case StmtKind::null: out += ';'; break;
    case StmtKind::embedded:
      out += "%{" + static_cast<const EmbeddedStmt *>(s)->code + "%}";
      break;
    }
  }

  void point(const ProbePoint &p) {
    for (size_t i = 0; i < p.components.size(); ++i) {
      if (i) out += '.';
      out += p.components[i].name;
      if (p.components[i].arg) {
        out += '(';
        expr(p.components[i].arg);
        out += ')';
      }
    }
    if (p.sufficient) out += '!';
    if (p.optional) out += '?';
    if (p.condition) {
      out += " if (";
      expr(p.condition);
      out += ')';
    }
  }

  void points(const std::vector<ProbePoint *> &ps) {
    for (size_t i = 0; i < ps.size(); ++i) {
      if (i) out += ", ";
      point(*ps[i]);
    }
  }

  void decl(const Node *n) {
    if (auto *v = dynamic_cast<const VarDecl *>(n)) {
      if (v->is_private) out += "private ";
      out += "global " + v->name;
      if (v->wrapping) out += '%';
      if (v->size_hint > 0) out += "[" + std::to_string(v->size_hint) + "]";
      if (v->init) {
        out += " = ";
        expr(v->init);
      }
    } else if (auto *p = dynamic_cast<const ProbeDecl *>(n)) {
      if (p->is_private) out += "private ";
      out += "probe ";
      points(p->points);
      out += ' ';
      stmt(p->body, 0);
    } else if (auto *a = dynamic_cast<const AliasDecl *>(n)) {
      out += "probe ";
      points(a->names);
      out += a->epilogue ? " += " : " = ";
      points(a->targets);
      out += ' ';
      stmt(a->body, 0);
      if (a->epilogue_body) {
        if (out.back() == '\n') out.pop_back();
        out += ", ";
        stmt(a->epilogue_body, 0);
      }
    } else if (auto *f = dynamic_cast<const FunctionDecl *>(n)) {
      if (f->is_private) out += "private ";
      out += "function " + f->name;
      if (f->return_type_declared) out += std::string(":") + type_word(f->return_type);
      out += " (";
      for (size_t i = 0; i < f->params.size(); ++i) {
        if (i) out += ", ";
        out += f->params[i]->name;
        if (f->params[i]->type_declared)
          out += std::string(":") + type_word(f->params[i]->type);
      }
      out += ") ";
      if (f->is_embedded) out += "%{" + f->embedded_code + "%}";
      else stmt(f->body, 0);
    } else if (auto *e = dynamic_cast<const EmbeddedDecl *>(n)) {
      out += "%{" + e->code + "%}";
    }
  }
};

}  // namespace

std::string quote_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    case '\a': out += "\\a"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\v': out += "\\v"; break;
    default: {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) {
        out += '\\';
        out += static_cast<char>('0' + ((u >> 6) & 7));
        out += static_cast<char>('0' + ((u >> 3) & 7));
        out += static_cast<char>('0' + (u & 7));
      } else {
        out += c;
      }
    }
    }
  }
  return out + "\"";
}

std::string print_expr(const Expr *e) {
  Printer p;
  p.expr(e);
  return p.out;
}

std::string print_stmt(const Stmt *s, int indent) {
  Printer p;
  p.stmt(s, indent);
  return p.out;
}

std::string print_decl(const Node *decl) {
  Printer p;
  p.decl(decl);
  return p.out;
}

std::string print_probe_point(const ProbePoint &pp) {
  Printer p;
  p.point(pp);
  return p.out;
}

std::string print_file(const ParsedFile &f) {
  Printer p;
  for (const Node *n : f.order) {
    p.decl(n);
    p.out += '\n';
  }
  return p.out;
}

}  // namespace stap
