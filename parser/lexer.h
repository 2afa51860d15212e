// Pass 1, step 1: bytes to tokens. Comments and whitespace are dropped,
// string escapes are checked (decoded later by the parser), numbers are
// checked for shape only (their value depends on a preceding unary minus).
#pragma once

#include "parser/diagnostics.h"
#include "parser/token.h"

namespace stap {

class Lexer {
public:
  Lexer(const SourceManager &sm, FileId file, Diagnostics &diags);
  // The next token; Tok::eof forever once the text is used up.
  Token next();
  size_t text_size() const { return text_.size(); }

private:
  Token make(Tok kind, uint32_t begin, uint32_t end);
  bool follows_arrow(uint32_t begin) const;
  void skip_space_and_comments();
  Token lex_number(uint32_t begin);
  Token lex_string(uint32_t begin);
  Token lex_embedded(uint32_t begin);
  Token lex_dollar(uint32_t begin);
  Token lex_at(uint32_t begin);
  Location at(uint32_t begin, uint32_t end) const;

  std::string_view text_;
  FileId file_;
  Diagnostics &diags_;
  uint32_t pos_ = 0;
};

// Decodes the escapes of a string token's text ("\n", "\x41", "\101"...).
// Invalid escapes were reported by the lexer; here they keep the character.
std::string decode_string(std::string_view raw);

bool is_ident_start(char c);
bool is_ident_char(char c);

}  // namespace stap
