// Pass 1, step 2: the token stream the parser sees.
//
// Between the lexer and the parser this resolves %( cond %? a %: b %)
// conditionals, records @define macros and expands @NAME(args) uses, and
// substitutes the script arguments $1 @1 $# @#. Substituted tokens carry an
// expansion chain (macro / script_arg) whose site is the use.
#pragma once

#include <deque>
#include <set>
#include <string>
#include <vector>

#include "parser/lexer.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {

class Preprocessor {
public:
  // @define's go to `local`; uses look in `local` first, then `library`.
  // Passing the same table twice makes definitions global (*.stpm files).
  Preprocessor(SourceManager &sm, FileId file, Diagnostics &diags,
               const ParseOptions &opts, MacroTable &library,
               MacroTable &local);

  // The next token after preprocessing; Tok::eof at the end.
  Token next();
  // Every remaining token, ending with Tok::eof.
  std::vector<Token> run();

private:
  struct Frame {
    std::vector<Token> toks;
    size_t pos = 0;
    const MacroDef *macro = nullptr;  // for recursion detection
    bool verbatim = false;            // script argument text: not rescanned
  };
  struct Cond {
    bool in_else;
    Location loc;  // the %( token
    size_t frame_depth;
  };

  Token raw_next(bool *verbatim = nullptr);
  void unread(const Token &t) { pushback_.push_back(t); }
  void push_frame(Frame f);
  void pop_frame();
  static bool is_end(const Token &t) { return t.kind == Tok::eof; }

  void conditional(const Token &open);
  bool evaluate_condition(const std::vector<Token> &toks, const Token &open);
  // Skips to the matching %: or %) at this level; returns the token found
  // (Tok::eof when the text ended first).
  Token skip_branch(bool stop_at_else);
  void report_second_else(const Token &t);
  void define(const Token &at);
  void skip_bad_define();
  bool expand_macro(const Token &use);
  std::vector<Token> expand_fully(std::vector<Token> toks);
  void script_arg(const Token &t);
  const MacroDef *find_macro(std::string_view name) const;
  std::string_view keep(std::string s);
  FileId arg_file(size_t index);
  const std::vector<Token> &arg_tokens(size_t index);

  SourceManager &sm_;
  Diagnostics &diags_;
  const ParseOptions &opts_;
  MacroTable &library_;
  MacroTable &local_;
  Lexer lexer_;
  std::vector<Frame> frames_;
  std::vector<Token> pushback_;
  std::vector<Cond> conds_;
  std::deque<std::string> storage_;  // text of synthesized tokens
  std::vector<std::vector<Token>> arg_cache_;
  std::vector<FileId> arg_files_;
  std::set<size_t> arg_lexed_;
  size_t expanded_tokens_ = 0;
  int prescan_depth_ = 0;
  bool budget_reported_ = false;
};

}  // namespace stap
