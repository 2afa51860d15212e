#include "parser/preprocessor.h"

#include <algorithm>

namespace stap {

namespace {

constexpr size_t kMaxFrames = 500;
constexpr int kMaxPrescanDepth = 200;
constexpr size_t kExpansionBudget = 20'000'000;

// @names the parser understands; never macro uses.
bool is_builtin_at(std::string_view name) {
  static constexpr std::string_view kBuiltins[] = {
      "define", "cast",  "var", "entry", "defined", "probewrite", "count",
      "sum",    "min",   "max", "avg",   "variance", "hist_linear",
      "hist_log", "kderef", "uderef", "kregister", "uregister", "const",
      "perf"};
  return std::find(std::begin(kBuiltins), std::end(kBuiltins), name) !=
         std::end(kBuiltins);
}

Token end_marker() {
  Token t;
  t.kind = Tok::eof;  // loc.file == kNoFile tells it from the real end
  return t;
}

}  // namespace

Preprocessor::Preprocessor(SourceManager &sm, FileId file, Diagnostics &diags,
                           const ParseOptions &opts, MacroTable &library,
                           MacroTable &local)
    : sm_(sm), diags_(diags), opts_(opts), library_(library), local_(local),
      lexer_(sm, file, diags) {}

std::vector<Token> Preprocessor::run() {
  std::vector<Token> out;
  out.reserve(lexer_.text_size() / 5 + 16);  // about one token per 5 bytes
  for (;;) {
    out.push_back(next());
    if (out.back().kind == Tok::eof) break;
  }
  return out;
}

std::string_view Preprocessor::keep(std::string s) {
  storage_.push_back(std::move(s));
  return storage_.back();
}

const MacroDef *Preprocessor::find_macro(std::string_view name) const {
  if (const MacroDef *d = local_.find(name)) return d;
  return library_.find(name);
}

Token Preprocessor::raw_next(bool *verbatim) {
  if (verbatim) *verbatim = false;
  if (!pushback_.empty()) {
    Token t = pushback_.back();
    pushback_.pop_back();
    return t;
  }
  while (!frames_.empty() && frames_.back().pos >= frames_.back().toks.size())
    pop_frame();
  if (!frames_.empty()) {
    Frame &f = frames_.back();
    if (verbatim) *verbatim = f.verbatim;
    return f.toks[f.pos++];
  }
  return lexer_.next();
}

void Preprocessor::push_frame(Frame f) {
  expanded_tokens_ += f.toks.size();
  frames_.push_back(std::move(f));
}

void Preprocessor::pop_frame() {
  size_t depth = frames_.size();
  while (!conds_.empty() && conds_.back().frame_depth == depth) {
    diags_.error(DiagId::pp_unterminated, conds_.back().loc,
                 "unterminated preprocessor conditional (missing '%)')");
    conds_.pop_back();
  }
  frames_.pop_back();
}

Token Preprocessor::next() {
  for (;;) {
    bool verbatim = false;
    Token t = raw_next(&verbatim);
    if (verbatim) return t;
    switch (t.kind) {
    case Tok::eof:
      if (t.loc.valid()) {  // the real end of the file
        while (!conds_.empty()) {
          diags_.error(DiagId::pp_unterminated, conds_.back().loc,
                       "unterminated preprocessor conditional (missing '%)')");
          conds_.pop_back();
        }
      }
      return t;
    case Tok::pp_open: conditional(t); continue;
    case Tok::pp_then:
      diags_.error(DiagId::pp_bad_condition, t.loc,
                   "'%?' outside a preprocessor conditional");
      continue;
    case Tok::pp_else:
    case Tok::pp_close: {
      bool ours = !conds_.empty() && conds_.back().frame_depth == frames_.size();
      if (!ours) {
        diags_.error(DiagId::pp_bad_condition, t.loc,
                     "'" + std::string(t.text) +
                         "' outside a preprocessor conditional");
        continue;
      }
      if (t.kind == Tok::pp_else) {
        if (conds_.back().in_else) {
          report_second_else(t);
          continue;
        }
        // The taken branch ends here; drop the other one, but still catch
        // a second %: in it, as when the condition was false.
        Token end = skip_branch(true);
        while (end.kind == Tok::pp_else) {
          report_second_else(end);
          end = skip_branch(true);
        }
        if (end.kind == Tok::eof) {
          diags_.error(DiagId::pp_unterminated, conds_.back().loc,
                       "unterminated preprocessor conditional (missing '%)')");
          unread(end);
        }
      }
      conds_.pop_back();
      continue;
    }
    case Tok::arg_dollar:
    case Tok::arg_at:
    case Tok::argc_dollar:
    case Tok::argc_at: script_arg(t); continue;
    case Tok::at_name: {
      std::string_view name = t.text.substr(1);
      if (name == "define") {
        define(t);
        continue;
      }
      if (is_builtin_at(name) && !find_macro(name)) return t;
      if (find_macro(name)) {
        if (expand_macro(t)) continue;
      } else {
        diags_.error(DiagId::pp_unknown_macro, t.loc,
                     "unknown macro '" + std::string(t.text) + "'");
      }
      Token failed = t;
      failed.kind = Tok::error;
      return failed;
    }
    default: return t;
    }
  }
}

void Preprocessor::report_second_else(const Token &t) {
  diags_.error(DiagId::pp_bad_condition, t.loc,
               "expected '%)' but found a second '%:' in one preprocessor "
               "conditional");
}

Token Preprocessor::skip_branch(bool stop_at_else) {
  int depth = 0;
  for (;;) {
    Token t = raw_next();
    switch (t.kind) {
    case Tok::eof: return t;
    case Tok::pp_open: ++depth; break;
    case Tok::pp_else:
      if (depth == 0 && stop_at_else) return t;
      break;
    case Tok::pp_close:
      if (depth == 0) return t;
      --depth;
      break;
    default: break;
    }
  }
}

void Preprocessor::conditional(const Token &open) {
  std::vector<Token> cond;
  for (;;) {
    Token t = raw_next();
    if (t.kind == Tok::pp_then) break;
    // Conditions are short expressions; a declaration keyword or a brace
    // means the %? was forgotten: say so there, and drop the whole
    // conditional rather than guess which branch was meant.
    if (t.is_op("{") || t.is_op("}") || t.is_op(";") || t.is_ident("probe") ||
        t.is_ident("global") || t.is_ident("function") ||
        t.is_ident("private")) {
      diags_.error(DiagId::pp_bad_condition, t.loc,
                   "expected '%?' after preprocessor condition");
      Token end = skip_branch(false);
      if (end.kind == Tok::eof) unread(end);
      return;
    }
    if (t.kind == Tok::eof || t.kind == Tok::pp_open ||
        t.kind == Tok::pp_close || t.kind == Tok::pp_else) {
      diags_.error(DiagId::pp_bad_condition, t.kind == Tok::eof ? open.loc : t.loc,
                   "expected '%?' after preprocessor condition");
      if (t.kind == Tok::eof) unread(t);
      return;
    }
    // A macro may stand for (part of) the condition, as SystemTap's
    // library does with `%( @_IS_SREG_KERNEL %? ... %)`.
    bool in_defined = cond.size() >= 2 && cond.back().is_op("(") &&
                      cond[cond.size() - 2].is_ident("defined");
    if (t.kind == Tok::at_name && !in_defined &&
        !is_builtin_at(t.text.substr(1)) && find_macro(t.text.substr(1)) &&
        expand_macro(t))
      continue;
    cond.push_back(t);
  }
  bool taken = evaluate_condition(cond, open);
  if (taken) {
    conds_.push_back({false, open.loc, frames_.size()});
    return;
  }
  Token end = skip_branch(true);
  if (end.kind == Tok::pp_else) {
    conds_.push_back({true, open.loc, frames_.size()});
  } else if (end.kind == Tok::eof) {
    diags_.error(DiagId::pp_unterminated, open.loc,
                 "unterminated preprocessor conditional (missing '%)')");
    unread(end);
  }
}

void Preprocessor::skip_bad_define() {
  // Drop the rest of a broken @define up to the end of its %( body %), but
  // never past the start of the next declaration.
  for (;;) {
    Token t = raw_next();
    if (t.kind == Tok::pp_open) {
      if (skip_branch(false).kind == Tok::eof) unread(t);
      return;
    }
    if (t.kind == Tok::eof || t.is_ident("probe") || t.is_ident("global") ||
        t.is_ident("function") || (t.kind == Tok::at_name && t.text == "@define")) {
      unread(t);
      return;
    }
  }
}

void Preprocessor::define(const Token &at) {
  Token name = raw_next();
  if (name.kind != Tok::ident) {
    diags_.error(DiagId::pp_bad_define, name.kind == Tok::eof ? at.loc : name.loc,
                 "expected a macro name after '@define'");
    unread(name);
    skip_bad_define();
    return;
  }
  MacroDef def;
  def.name = std::string(name.text);
  def.loc = name.loc;
  Token t = raw_next();
  if (t.is_op("(")) {
    def.function_like = true;
    for (;;) {
      Token p = raw_next();
      if (p.is_op(")") && def.params.empty()) break;
      if (p.kind != Tok::ident) {
        diags_.error(DiagId::pp_bad_define, p.loc,
                     "expected a parameter name in '@define " + def.name + "'");
        unread(p);
        skip_bad_define();
        return;
      }
      if (std::find(def.params.begin(), def.params.end(), p.text) !=
          def.params.end())
        diags_.error(DiagId::pp_bad_define, p.loc,
                     "duplicate macro parameter '" + std::string(p.text) + "'");
      def.params.emplace_back(p.text);
      Token sep = raw_next();
      if (sep.is_op(")")) break;
      if (!sep.is_op(",")) {
        diags_.error(DiagId::pp_bad_define, sep.loc,
                     "expected ',' or ')' in macro parameters");
        unread(sep);
        skip_bad_define();
        return;
      }
    }
    t = raw_next();
  }
  if (t.kind != Tok::pp_open) {
    diags_.error(DiagId::pp_bad_define, t.kind == Tok::eof ? name.loc : t.loc,
                 "expected '%(' to start the body of macro '@" + def.name + "'");
    unread(t);
    skip_bad_define();
    return;
  }
  int depth = 0;
  for (;;) {
    Token b = raw_next();
    if (b.kind == Tok::eof) {
      diags_.error(DiagId::pp_unterminated, t.loc,
                   "unterminated body of macro '@" + def.name + "'");
      unread(b);
      return;
    }
    if (b.kind == Tok::pp_open) ++depth;
    if (b.kind == Tok::pp_close && depth-- == 0) break;
    def.body.push_back(b);
  }
  if (def.name == "define") {
    diags_.error(DiagId::pp_bad_define, name.loc,
                 "cannot redefine built-in '@define'");
    return;
  }
  if (is_builtin_at(def.name))
    diags_.report(DiagId::pp_macro_shadows_builtin, name.loc,
                   "macro redefines built-in operator '@" + def.name + "'");
  if (const MacroDef *old = local_.find(def.name)) {
    auto &d = diags_.error(DiagId::pp_macro_redefined, name.loc,
                           "redefinition of macro '@" + def.name + "'");
    d.notes.push_back({old->loc, "previous definition is here"});
    return;
  }
  local_.define(std::move(def));
}

std::vector<Token> Preprocessor::expand_fully(std::vector<Token> toks) {
  toks.push_back(end_marker());
  Frame f;
  f.toks = std::move(toks);
  push_frame(std::move(f));
  std::vector<Token> out;
  for (;;) {
    Token t = next();
    if (t.kind == Tok::eof && !t.loc.valid()) break;
    if (t.kind == Tok::eof) {  // cannot happen: the marker comes first
      unread(t);
      break;
    }
    out.push_back(t);
  }
  return out;
}

bool Preprocessor::expand_macro(const Token &use) {
  const MacroDef *def = find_macro(use.text.substr(1));
  std::string shown(use.text);
  for (const Frame &f : frames_)
    if (f.macro == def) {
      diags_.error(DiagId::pp_macro_recursion, use.loc,
                   "recursive expansion of macro '" + shown + "'");
      return false;
    }
  // Collect the arguments as raw token lists split at top-level commas.
  std::vector<std::vector<Token>> args;
  Location end_loc = use.loc;
  if (def->function_like) {
    Token open = raw_next();
    if (!open.is_op("(")) {
      diags_.error(DiagId::pp_macro_arity, use.loc,
                   "macro '" + shown + "' expects " +
                       std::to_string(def->params.size()) +
                       " argument(s) in parentheses");
      unread(open);
      return false;
    }
    int depth = 0;
    args.emplace_back();
    for (;;) {
      Token t = raw_next();
      if (t.kind == Tok::eof) {
        diags_.error(DiagId::pp_unterminated, open.loc,
                     "unterminated argument list of macro '" + shown + "'");
        unread(t);
        return false;
      }
      if (t.is_op("(") || t.is_op("[") || t.is_op("{")) ++depth;
      if (t.is_op(")") || t.is_op("]") || t.is_op("}")) {
        if (depth == 0 && t.is_op(")")) {
          end_loc = t.loc;
          break;
        }
        --depth;
      }
      if (depth == 0 && t.is_op(",")) {
        args.emplace_back();
        continue;
      }
      args.back().push_back(t);
    }
    if (args.size() == 1 && args[0].empty()) args.clear();
    if (args.size() != def->params.size()) {
      diags_.error(DiagId::pp_macro_arity, use.loc.through(end_loc),
                   "macro '" + shown + "' expects " +
                       std::to_string(def->params.size()) + " argument(s), " +
                       std::to_string(args.size()) + " given");
      return false;
    }
  }
  if (frames_.size() >= kMaxFrames || prescan_depth_ >= kMaxPrescanDepth ||
      expanded_tokens_ > kExpansionBudget) {
    if (!budget_reported_)
      diags_.error(DiagId::pp_macro_recursion, use.loc,
                   "expansion of macro '" + shown + "' is too deep or too large");
    budget_reported_ = true;
    return false;
  }
  // Arguments are expanded before substitution, so @m(@m(1)) is no recursion.
  ++prescan_depth_;
  for (auto &a : args) a = expand_fully(std::move(a));
  --prescan_depth_;

  Expansion e{ExpansionKind::macro, use.loc.through(end_loc), shown,
              kNoExpansion};
  ExpansionId id = sm_.add_expansion(std::move(e));
  Frame f;
  f.macro = def;
  for (const Token &b : def->body) {
    if (b.kind == Tok::at_name) {
      auto it = std::find(def->params.begin(), def->params.end(),
                          b.text.substr(1));
      if (it != def->params.end()) {
        const auto &arg = args[it - def->params.begin()];
        f.toks.insert(f.toks.end(), arg.begin(), arg.end());
        continue;
      }
    }
    Token t = b;
    t.loc = sm_.with_expansion(t.loc, id);
    f.toks.push_back(t);
  }
  push_frame(std::move(f));
  return true;
}

FileId Preprocessor::arg_file(size_t index) {
  if (arg_cache_.size() < opts_.script_args.size()) {
    arg_cache_.resize(opts_.script_args.size());
    arg_files_.resize(opts_.script_args.size(), kNoFile);
  }
  if (arg_files_[index] == kNoFile)
    arg_files_[index] = sm_.add("<argument " + std::to_string(index + 1) + ">",
                                opts_.script_args[index],
                                SourceOrigin::argument);
  return arg_files_[index];
}

const std::vector<Token> &Preprocessor::arg_tokens(size_t index) {
  FileId file = arg_file(index);
  if (!arg_lexed_.contains(index)) {
    arg_lexed_.insert(index);
    Lexer lex(sm_, file, diags_);
    for (Token t = lex.next(); t.kind != Tok::eof; t = lex.next())
      arg_cache_[index].push_back(t);
  }
  return arg_cache_[index];
}

void Preprocessor::script_arg(const Token &t) {
  size_t count = opts_.script_args.size();
  Token out;
  out.loc = t.loc;
  if (t.kind == Tok::argc_dollar || t.kind == Tok::argc_at) {
    out.kind = t.kind == Tok::argc_dollar ? Tok::number : Tok::string;
    out.raw_string = true;
    out.text = keep(std::to_string(count));
    unread(out);
    return;
  }
  size_t n = 0;
  for (char c : t.text.substr(1)) n = std::min<size_t>(n * 10 + (c - '0'), 1u << 30);
  if (n == 0 || n > count) {
    diags_.error(DiagId::arg_missing, t.loc,
                 "missing script argument '" + std::string(t.text) + "' (" +
                     std::to_string(count) + " given)");
    out.kind = t.kind == Tok::arg_dollar ? Tok::number : Tok::string;
    out.raw_string = true;
    out.text = t.kind == Tok::arg_dollar ? "0" : "";
    unread(out);
    return;
  }
  Expansion e{ExpansionKind::script_arg, t.loc, std::string(t.text),
              kNoExpansion};
  ExpansionId id = sm_.add_expansion(std::move(e));
  if (t.kind == Tok::arg_at) {
    // The whole text is the string, never lexed: `*@fs/*.c` or `%4d\n`
    // are fine here though they would not be as tokens.
    FileId f = arg_file(n - 1);
    out.kind = Tok::string;
    out.raw_string = true;
    out.text = sm_.text(f);
    out.loc = Location{f, 0, static_cast<uint32_t>(out.text.size()), id};
    unread(out);
    return;
  }
  Frame fr;
  fr.verbatim = true;
  for (Token a : arg_tokens(n - 1)) {
    a.loc = sm_.with_expansion(a.loc, id);
    fr.toks.push_back(a);
  }
  push_frame(std::move(fr));
}

}  // namespace stap
