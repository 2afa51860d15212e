// Statements. Semicolons between statements are optional, as in SystemTap.
#include "parser/parser.h"

namespace stap {

namespace {

bool is_sort_aggregate(std::string_view n) {
  return n == "count" || n == "sum" || n == "min" || n == "max" ||
         n == "avg" || n == "variance";
}

}  // namespace

Block *Parser::parse_block() {
  const Token &open = expect_op("{");
  auto *b = ctx_.make_at<Block>(open.loc);
  bool just_failed = false;
  for (;;) {
    if (at_op("}")) {
      advance();
      break;
    }
    if (peek().kind == Tok::eof || at_top_level_keyword() || gave_up_) {
      // After a failed statement the missing '}' is already explained.
      if (!just_failed) fail_expected("'}'");
      throw SyntaxError{};
    }
    size_t start = pos_;
    int depth = depth_;
    try {
      b->stmts.push_back(parse_statement());
      just_failed = false;
    } catch (SyntaxError &) {
      depth_ = depth;
      if (gave_up_) throw;
      if (pos_ == start && !at_op("}") && !at_top_level_keyword()) advance();
      recover_statement();
      just_failed = true;
    }
  }
  b->loc = span_from(b->loc);
  return b;
}

Stmt *Parser::parse_statement() {
  enter(peek().loc);
  Stmt *s = parse_statement_inner();
  leave();
  return s;
}

Stmt *Parser::parse_statement_inner() {
  const Token &t = peek();
  if (t.is_op("{")) return parse_block();
  if (t.is_op(";")) {
    advance();
    return ctx_.make_at<NullStmt>(t.loc);
  }
  if (t.kind == Tok::embedded) {
    auto *e = ctx_.make_at<EmbeddedStmt>(t.loc);
    e->code = std::string(t.text);
    advance();
    accept_semicolon();
    return e;
  }
  if (t.kind == Tok::ident) {
    if (t.text == "if") return parse_if();
    if (t.text == "while") return parse_while();
    if (t.text == "for") return parse_for();
    if (t.text == "foreach") return parse_foreach();
    if (t.text == "delete") return parse_delete();
    if (t.text == "try") return parse_try();
    if (t.text == "break" || t.text == "continue" || t.text == "next") {
      Location loc = advance().loc;
      Stmt *s;
      if (t.text == "break") s = ctx_.make_at<BreakStmt>(loc);
      else if (t.text == "continue") s = ctx_.make_at<ContinueStmt>(loc);
      else s = ctx_.make_at<NextStmt>(loc);
      accept_semicolon();
      return s;
    }
    if (t.text == "return") {
      if (!in_function_)
        error(DiagId::parse_unexpected, t.loc,
              "found 'return' not in function context; use 'next' to leave a probe");
      auto *r = ctx_.make_at<ReturnStmt>(advance().loc);
      if (!at_op(";") && !at_op("}") && peek().kind != Tok::eof)
        r->value = parse_expr();
      r->loc = span_from(r->loc);
      accept_semicolon();
      return r;
    }
  }
  Location begin = t.loc;
  auto *s = ctx_.make_at<ExprStmt>(begin);
  s->expr = parse_expr();
  s->loc = span_from(begin);
  accept_semicolon();
  return s;
}

bool Parser::skip_past_header(bool semicolons_inside) {
  int parens = 0;
  while (peek().kind != Tok::eof && !gave_up_ && !at_top_level_keyword()) {
    if (at_op("{") || at_op("}")) return false;
    if (!semicolons_inside && at_op(";")) return false;
    if (at_op("(")) ++parens;
    if (at_op(")")) {
      if (parens == 0) {
        advance();
        return true;
      }
      --parens;
    }
    advance();
  }
  return false;
}

// `( expr )` after if/while. A broken condition skips to its `)` so the
// body still parses and its own errors are reported too.
Expr *Parser::parse_condition_header() {
  Expr *cond = nullptr;
  int depth = depth_;
  try {
    expect_op("(");
    cond = parse_expr();
    expect_op(")");
  } catch (SyntaxError &) {
    depth_ = depth;
    if (!skip_past_header(false)) throw;
  }
  return cond;
}

Stmt *Parser::parse_if() {
  auto *s = ctx_.make_at<IfStmt>(advance().loc);
  s->cond = parse_condition_header();
  s->then_stmt = parse_statement();
  if (at_ident("else")) {
    advance();
    s->else_stmt = parse_statement();
  }
  s->loc = span_from(s->loc);
  return s;
}

Stmt *Parser::parse_while() {
  auto *s = ctx_.make_at<WhileStmt>(advance().loc);
  s->cond = parse_condition_header();
  s->body = parse_statement();
  s->loc = span_from(s->loc);
  return s;
}

Stmt *Parser::parse_for() {
  auto *s = ctx_.make_at<ForStmt>(advance().loc);
  expect_op("(");
  auto clause = [&](const char *end) -> Stmt * {
    if (at_op(end)) return nullptr;
    auto *e = ctx_.make_at<ExprStmt>(peek().loc);
    e->expr = parse_expr();
    e->loc = span_from(e->loc);
    return e;
  };
  int depth = depth_;
  try {
    s->init = clause(";");
    expect_op(";");
    if (!at_op(";")) s->cond = parse_expr();
    expect_op(";");
    s->step = clause(")");
    expect_op(")");
  } catch (SyntaxError &) {
    depth_ = depth;
    if (!skip_past_header(true)) throw;
  }
  s->body = parse_statement();
  s->loc = span_from(s->loc);
  return s;
}

Stmt *Parser::parse_foreach() {
  auto *s = ctx_.make_at<ForeachStmt>(advance().loc);
  expect_op("(");
  int sorts = 0;
  auto sort_suffix = [&](int column) {
    if (!at_op("+") && !at_op("-")) return;
    bool desc = advance().text == "-";
    if (++sorts > 1)
      error(DiagId::parse_unexpected, prev_loc(),
            "only one sort direction is allowed in 'foreach'");
    s->sort_column = column;
    s->sort_descending = desc;
  };
  auto key = [&]() {
    Symbol *k = make_symbol(expect_ident("a variable name"));
    s->keys.push_back(k);
    sort_suffix(static_cast<int>(s->keys.size()));
  };
  // `v =` / `v+ =` names the value before the keys.
  if (peek().kind == Tok::ident && !is_keyword(peek()) &&
      (peek(1).is_op("=") ||
       ((peek(1).is_op("+") || peek(1).is_op("-")) && peek(2).is_op("=")))) {
    s->value = make_symbol(advance());
    sort_suffix(-1);
    expect_op("=");
  }
  if (accept_op("[")) {
    s->bracketed = true;
    do key();
    while (accept_op(","));
    expect_op("]");
  } else {
    key();
  }
  if (!at_ident("in")) fail_expected("'in'");
  advance();
  if (peek().kind == Tok::at_name &&
      (peek().text == "@hist_log" || peek().text == "@hist_linear")) {
    s->base = parse_at_expr();
  } else {
    s->base = make_symbol(expect_ident("an array name"));
    if (accept_op("[")) parse_index_list(s->slice, true);
  }
  // `@sum-`: which aggregate of a statistics array to sort by.
  if (peek().kind == Tok::at_name && is_sort_aggregate(peek().text.substr(1))) {
    s->sort_aggregate = std::string(advance().text.substr(1));
    if (!at_op("+") && !at_op("-"))
      fail_expected("'+' or '-' after '@" + s->sort_aggregate + "'");
  }
  sort_suffix(-1);
  if (at_ident("limit")) {
    advance();
    s->limit = parse_expr();
  }
  expect_op(")");
  s->body = parse_statement();
  s->loc = span_from(s->loc);
  return s;
}

Stmt *Parser::parse_delete() {
  auto *s = ctx_.make_at<DeleteStmt>(advance().loc);
  allow_wildcard_ = true;
  try {
    s->target = parse_unary();
  } catch (SyntaxError &) {
    allow_wildcard_ = false;
    throw;
  }
  allow_wildcard_ = false;
  ExprKind k = s->target->kind;
  if (k != ExprKind::symbol && k != ExprKind::index &&
      k != ExprKind::target && k != ExprKind::atvar && k != ExprKind::cast)
    error(DiagId::parse_bad_lvalue, s->target->loc,
          "'delete' needs a variable or an array element");
  s->loc = span_from(s->loc);
  accept_semicolon();
  return s;
}

Stmt *Parser::parse_try() {
  auto *s = ctx_.make_at<TryStmt>(advance().loc);
  s->try_block = parse_block();
  if (!at_ident("catch")) fail_expected("'catch'");
  advance();
  if (accept_op("(")) {
    s->catch_var = make_symbol(expect_ident("a variable name"));
    expect_op(")");
  }
  s->catch_block = parse_block();
  s->loc = span_from(s->loc);
  return s;
}

}  // namespace stap
