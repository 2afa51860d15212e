// Tokens shared by the lexer, the preprocessor and the parser.
//
// A token is a small value: its text is a view into a SourceManager buffer
// (or into storage the preprocessor keeps alive for the whole parse), so
// lexing a large script does not allocate per token.
#pragma once

#include <cstdint>
#include <string_view>

#include "parser/source.h"

namespace stap {

enum class Tok : uint8_t {
  eof,
  ident,       // foo (keywords too; the parser tells them apart)
  number,      // 123, 0x1f, 017 (digits as written)
  string,      // "..." (text = the characters between the quotes, escaped)
  embedded,    // %{ ... %} (text = the C code between the braces)
  op,          // punctuation and operators, text is the spelling
  target,      // $name or $$vars (text includes the $ signs)
  at_name,     // @name (text includes the @)
  arg_dollar,  // $1  (substituted by the preprocessor)
  arg_at,      // @1
  argc_dollar, // $#
  argc_at,     // @#
  pp_open,     // %(
  pp_then,     // %?
  pp_else,     // %:
  pp_close,    // %)
  // Stands where a macro use failed to expand or a number was malformed;
  // already reported, so the parser takes it as an expression (or
  // recovers) without a second diagnostic.
  error,
};

struct Token {
  Tok kind = Tok::eof;
  // For Tok::string: the text is the final value, no escapes to decode
  // (a substituted @1 argument).
  bool raw_string = false;
  std::string_view text;
  Location loc;

  bool is(Tok k) const { return kind == k; }
  bool is_op(std::string_view s) const { return kind == Tok::op && text == s; }
  bool is_ident(std::string_view s) const {
    return kind == Tok::ident && text == s;
  }
};

}  // namespace stap
