// Pass 1, step 3: preprocessed tokens to AST (internal to parser/).
//
// A hand-written recursive-descent parser split by concern:
// parser_decl.cc (top level, probe points), parser_stmt.cc (statements),
// parser_expr.cc (expressions, by SystemTap precedence). Syntax errors are
// reported and then thrown as SyntaxError to the nearest recovery point
// (statement or declaration), which skips ahead and continues.
#pragma once

#include <string>
#include <vector>

#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "parser/token.h"

namespace stap {

class Parser {
public:
  Parser(std::vector<Token> tokens, AstContext &ctx, Diagnostics &diags,
         FileId file, bool is_tapset, bool guru = false);
  ParsedFile *parse();

  // Guard against stack exhaustion on hostile input.
  static constexpr int kMaxDepth = 500;
  static constexpr size_t kMaxErrors = 100;

private:
  struct SyntaxError {};  // thrown after the error was reported

  // ---- token cursor (parser.cc)
  const Token &peek(size_t ahead = 0) const;
  const Token &advance();
  bool at_op(std::string_view op) const { return peek().is_op(op); }
  bool at_ident(std::string_view id) const { return peek().is_ident(id); }
  bool accept_op(std::string_view op);
  const Token &expect_op(std::string_view op);
  const Token &expect_ident(const char *what);
  [[noreturn]] void fail_expected(std::string_view what);
  [[noreturn]] void fail_at(DiagId id, Location loc, std::string msg);
  void error(DiagId id, Location loc, std::string msg);
  static std::string describe(const Token &t);
  bool is_keyword(const Token &t) const;
  bool at_top_level_keyword() const;
  void enter(Location loc);
  void leave() { --depth_; }
  Location prev_loc() const;
  Location span_from(Location begin) const { return begin.through(prev_loc()); }

  // ---- declarations (parser_decl.cc)
  void parse_declaration();
  void parse_global(bool is_private, bool keyword = true);
  void parse_probe(Location begin);
  void parse_function(bool is_private, Location begin);
  std::vector<ProbePoint *> parse_probe_points(bool allow_condition);
  bool at_brace_alternatives() const;
  void parse_probe_component(ProbePoint *pp);
  Type parse_type_suffix();
  void recover_top_level();

  // ---- statements (parser_stmt.cc)
  Block *parse_block();
  Stmt *parse_statement();
  Stmt *parse_statement_inner();
  Expr *parse_condition_header();
  Stmt *parse_if();
  Stmt *parse_while();
  Stmt *parse_for();
  Stmt *parse_foreach();
  Stmt *parse_delete();
  Stmt *parse_try();
  void recover_statement();
  // After an error inside an if/while/for header: skip past its closing
  // ')' so the body still parses instead of being misread as statements.
  // False when the statement ends first (then the caller rethrows).
  bool skip_past_header(bool semicolons_inside);
  bool starts_line(size_t i) const;
  void accept_semicolon() { accept_op(";"); }

  // ---- expressions (parser_expr.cc)
  Expr *parse_expr();
  Expr *parse_assignment();
  Expr *parse_ternary();
  Expr *parse_binary(int min_prec);
  Expr *parse_unary();
  Expr *parse_postfix();
  Expr *parse_primary();
  Expr *parse_number(const Token &t, bool negative);
  StringLit *parse_string_literal();
  Expr *parse_ident_expr();
  Expr *parse_at_expr();
  Expr *parse_target();
  Expr *parse_bracketed_in();
  Symbol *make_symbol(const Token &t);
  void parse_index_list(std::vector<Expr *> &out, bool allow_wildcard);
  void parse_call_args(std::vector<Expr *> &out);
  void parse_target_suffix(std::vector<TargetComponent> &comps,
                           PrettySuffix &pretty);
  Expr *parse_in_rhs(bool bracketed, std::vector<Expr *> keys,
                     Location begin);
  bool is_lvalue(const Expr *e) const;

  std::vector<Token> toks_;
  size_t pos_ = 0;
  AstContext &ctx_;
  Diagnostics &diags_;
  FileId file_;
  bool is_tapset_;
  bool guru_;
  ParsedFile *out_ = nullptr;
  int depth_ = 0;
  size_t errors_ = 0;
  bool gave_up_ = false;
  bool allow_wildcard_ = false;  // `*` in index lists (delete)
  bool braces_used_ = false;     // the probe's points used `{a,b}`
  bool in_function_ = false;     // `return` is allowed
};

}  // namespace stap
