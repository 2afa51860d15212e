// The canonical -p1 form of a parsed file.
//
// Deterministic and parenthesised wherever precedence needs it, so that
// print(parse(print(x))) == print(x); the round-trip test relies on this.
#pragma once

#include <string>

#include "parser/ast.h"

namespace stap {

std::string print_file(const ParsedFile &f);
std::string print_expr(const Expr *e);
// Nested lines are indented for nesting level `indent` (two spaces each);
// the first line carries no indentation of its own.
std::string print_stmt(const Stmt *s, int indent = 0);
// One declaration (VarDecl, ProbeDecl, AliasDecl, FunctionDecl,
// EmbeddedDecl) as it appears in print_file, without a trailing newline.
std::string print_decl(const Node *decl);
std::string print_probe_point(const ProbePoint &p);
// A string literal with quotes and escapes, as the lexer reads it back.
std::string quote_string(std::string_view s);

}  // namespace stap
