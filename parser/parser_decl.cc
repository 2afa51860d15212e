// Top-level declarations: global, probe (and aliases), function, %{ %}.
#include <algorithm>

#include "parser/parser.h"

namespace stap {

namespace {

bool adjacent(const Token &a, const Token &b) {
  return a.loc.file == b.loc.file && a.loc.end == b.loc.begin &&
         a.loc.expansion == b.loc.expansion;
}

// /* pure */ style markers anywhere in an embedded-C body.
Pragmas scan_pragmas(std::string_view code) {
  Pragmas p;
  size_t pos = 0;
  while ((pos = code.find("/*", pos)) != std::string_view::npos) {
    size_t end = code.find("*/", pos + 2);
    if (end == std::string_view::npos) break;
    std::string_view word = code.substr(pos + 2, end - pos - 2);
    while (!word.empty() && isspace(static_cast<unsigned char>(word.front())))
      word.remove_prefix(1);
    while (!word.empty() && isspace(static_cast<unsigned char>(word.back())))
      word.remove_suffix(1);
    if (word == "pure") p.pure = true;
    else if (word == "unprivileged") p.unprivileged = true;
    else if (word == "myproc-unprivileged") p.myproc_unprivileged = true;
    else if (word == "guru") p.guru = true;
    else if (word == "unmangled") p.unmangled = true;
    else if (word == "stable") p.stable = true;
    pos = end + 2;
  }
  return p;
}

}  // namespace

void Parser::parse_declaration() {
  const Token &t = peek();
  if (t.kind == Tok::embedded) {
    auto *e = ctx_.make_at<EmbeddedDecl>(t.loc);
    e->code = std::string(t.text);
    e->from_tapset = is_tapset_;
    e->file = file_;
    advance();
    out_->embeds.push_back(e);
    out_->order.push_back(e);
    return;
  }
  if (t.is_op(";")) {
    advance();
    return;
  }
  Location begin = t.loc;
  bool is_private = false;
  if (t.is_ident("private")) {
    advance();
    is_private = true;
    // SystemTap also takes `private NAME` for `private global NAME`.
    if (peek().kind == Tok::ident && !at_ident("global") &&
        !at_ident("function") && !at_ident("probe") && !at_ident("private"))
      return parse_global(is_private, false);
    if (!at_ident("global") && !at_ident("function"))
      fail_expected("'global' or 'function' after 'private'");
  }
  if (at_ident("global")) return parse_global(is_private);
  if (at_ident("function")) return parse_function(is_private, begin);
  if (at_ident("probe")) return parse_probe(begin);
  fail_expected("'probe', 'global', 'function' or '%{'");
}

void Parser::parse_global(bool is_private, bool keyword) {
  if (keyword) advance();  // global
  for (;;) {
    const Token &name = expect_ident("a global variable name");
    auto *v = ctx_.make_at<VarDecl>(name.loc);
    v->name = std::string(name.text);
    v->scope = VarScope::global;
    v->is_private = is_private;
    v->file = file_;
    v->from_tapset = is_tapset_;
    if (accept_op("%")) v->wrapping = true;
    if (accept_op("[")) {
      const Token &n = peek();
      if (n.kind != Tok::number) fail_expected("an array size");
      advance();
      auto *size = static_cast<NumberLit *>(parse_number(n, false));
      if (size->value <= 0)
        error(DiagId::parse_unexpected, n.loc, "array size out of range");
      v->size_hint = size->value;
      v->is_array = true;
      expect_op("]");
      // `global a[10]%` is accepted as well as `global a%[10]`.
      if (accept_op("%")) v->wrapping = true;
    }
    if (peek().is_op("=") && v->is_array) {
      // SystemTap gives arrays no initialiser at all.
      error(DiagId::parse_unexpected, peek().loc,
            "only scalar globals can be initialized; '" + v->name +
                "' is an array");
    }
    if (accept_op("=")) {
      const Token &lit = peek();
      if (lit.kind == Tok::string) {
        v->init = parse_string_literal();
      } else if (lit.kind == Tok::number) {
        advance();
        v->init = parse_number(lit, false);
      } else if (lit.is_op("-") && peek(1).kind == Tok::number) {
        advance();
        const Token &num = advance();
        v->init = parse_number(num, true);
        v->init->loc = lit.loc.through(num.loc);
      } else {
        fail_expected("a number or string literal");
      }
    }
    v->loc = span_from(v->loc);
    for (VarDecl *old : out_->globals)
      if (old->name == v->name) {
        auto &d = diags_.error(DiagId::parse_unexpected, name.loc,
                               "duplicate global name '" + v->name + "'");
        d.notes.push_back({old->loc, "first declared here"});
        break;
      }
    out_->globals.push_back(v);
    out_->order.push_back(v);
    if (!accept_op(",")) break;
  }
  accept_semicolon();
}

void Parser::parse_probe_component(ProbePoint *pp) {
  ProbePointComponent c;
  const Token &first = peek();
  if (first.kind != Tok::ident && !first.is_op("*"))
    fail_expected("a probe point component");
  c.loc = first.loc;
  c.name = std::string(first.text);
  advance();
  // Wildcards glue to their neighbours: "sys_*", "*open*", "**".
  while (adjacent(toks_[pos_ - 1], peek()) &&
         (peek().kind == Tok::ident || peek().kind == Tok::number ||
          peek().is_op("*"))) {
    c.name += peek().text;
    c.loc = c.loc.through(peek().loc);
    advance();
  }
  if (accept_op("(")) {
    const Token &a = peek();
    if (a.kind == Tok::string) {
      c.arg = parse_string_literal();
    } else if (a.kind == Tok::number) {
      advance();
      c.arg = parse_number(a, false);
      if (auto *n = static_cast<NumberLit *>(c.arg); n->value < 0)
        n->spelling = a.text;
    } else if (a.is_op("-") && peek(1).kind == Tok::number) {
      advance();
      const Token &num = advance();
      c.arg = parse_number(num, true);
      c.arg->loc = a.loc.through(num.loc);
    } else {
      fail_expected("a number or string literal");
    }
    expect_op(")");
    c.loc = c.loc.through(prev_loc());
  }
  pp->components.push_back(std::move(c));
}

bool Parser::at_brace_alternatives() const {
  // `{` opens alternatives only when what follows its matching `}` can
  // continue a probe point; otherwise it is a body after a missing point.
  if (!at_op("{")) return false;
  int depth = 0;
  for (size_t i = 0;; ++i) {
    const Token &t = peek(i);
    if (t.kind == Tok::eof) return false;
    if (t.is_op("{")) ++depth;
    if (t.is_op("}") && --depth == 0) {
      const Token &n = peek(i + 1);
      return n.is_op(".") || n.is_op(",") || n.is_op("{") || n.is_op("?") ||
             n.is_op("!") || n.is_op("=") || n.is_op("+=") || n.is_op("}") ||
             n.is_ident("if");
    }
  }
}

// A dotted point whose elements may be `{alt, alt}` lists of points, each
// alternative with its own `?`, `!` and condition when it ends the point.
// Returns the cartesian product, as SystemTap expands it.
std::vector<ProbePoint *> Parser::parse_probe_points(bool allow_condition) {
  enter(peek().loc);
  Location begin = peek().loc;
  std::vector<ProbePoint *> acc{ctx_.make_at<ProbePoint>(begin)};
  for (;;) {
    for (ProbePoint *p : acc)
      if (p->optional || p->sufficient || p->condition)
        fail_at(DiagId::parse_bad_probe_point, prev_loc(),
                "'?', '!' or a condition may only end a probe point, not an "
                "alternative followed by more components");
    if (at_brace_alternatives()) {
      braces_used_ = true;
      advance();
      std::vector<ProbePoint *> alts;
      do {
        std::vector<ProbePoint *> more = parse_probe_points(allow_condition);
        alts.insert(alts.end(), more.begin(), more.end());
      } while (accept_op(","));
      expect_op("}");
      std::vector<ProbePoint *> product;
      for (ProbePoint *head : acc)
        for (ProbePoint *tail : alts) {
          auto *p = ctx_.make_at<ProbePoint>(begin);
          *p = *head;
          p->components.insert(p->components.end(), tail->components.begin(),
                               tail->components.end());
          p->optional = tail->optional;
          p->sufficient = tail->sufficient;
          p->condition = tail->condition;
          product.push_back(p);
        }
      acc = std::move(product);
    } else {
      ProbePoint one;
      parse_probe_component(&one);
      for (ProbePoint *p : acc) p->components.push_back(one.components[0]);
    }
    if (!accept_op(".")) break;
  }
  bool optional = false, sufficient = false;
  for (;;) {
    if (accept_op("?")) optional = true;
    else if (accept_op("!")) sufficient = true;
    else break;
  }
  for (ProbePoint *p : acc) p->loc = span_from(begin);
  Expr *condition = nullptr;
  if (allow_condition && at_ident("if")) {
    advance();
    expect_op("(");
    condition = parse_expr();
    expect_op(")");
  }
  for (ProbePoint *p : acc) {
    p->optional |= optional;
    p->sufficient |= sufficient;
    if (condition && p->condition)
      error(DiagId::parse_bad_probe_point, condition->loc,
            "a probe point alternative already has a condition");
    else if (condition)
      p->condition = condition;
  }
  leave();
  return acc;
}

void Parser::parse_probe(Location begin) {
  advance();  // probe
  std::vector<ProbePoint *> points;
  braces_used_ = false;
  do {
    std::vector<ProbePoint *> more = parse_probe_points(true);
    points.insert(points.end(), more.begin(), more.end());
  } while (accept_op(","));
  if (at_op("=") || at_op("+=")) {
    if (braces_used_)
      error(DiagId::parse_bad_probe_point, points[0]->loc,
            "a probe alias name cannot use '{...}' alternatives");
    // SystemTap 4.8 refuses a list of names at the `=` in pass 1, in
    // these first words.
    else if (points.size() > 1)
      error(DiagId::parse_bad_probe_point, peek().loc,
            "expected probe point specifier: a probe alias defines one "
            "name, not a list (write one alias per name)");
    bool epilogue = advance().text == "+=";
    for (ProbePoint *p : points) {
      if (p->optional || p->sufficient) {
        Location mark = p->loc;  // the trailing '?' or '!'
        mark.begin = mark.end - 1;
        error(DiagId::parse_bad_probe_point, mark,
              "a probe alias name cannot be marked optional or sufficient");
      }
      if (p->condition)
        error(DiagId::parse_bad_probe_point, p->condition->loc,
              "a probe alias name cannot have a condition");
    }
    auto *a = ctx_.make_at<AliasDecl>(begin);
    a->names = std::move(points);
    a->epilogue = epilogue;
    a->from_tapset = is_tapset_;
    a->file = file_;
    do {
      std::vector<ProbePoint *> more = parse_probe_points(true);
      a->targets.insert(a->targets.end(), more.begin(), more.end());
    } while (accept_op(","));
    a->body = parse_block();
    // SystemTap's tapsets give some `=` aliases a second block, run after
    // the probe's own body.
    if (!epilogue && at_op(",")) {
      advance();
      a->epilogue_body = parse_block();
    }
    a->loc = span_from(begin);
    out_->aliases.push_back(a);
    out_->order.push_back(a);
    return;
  }
  auto *p = ctx_.make_at<ProbeDecl>(begin);
  p->points = std::move(points);
  p->from_tapset = is_tapset_;
  p->file = file_;
  p->body = parse_block();
  p->loc = span_from(begin);
  out_->probes.push_back(p);
  out_->order.push_back(p);
}

Type Parser::parse_type_suffix() {
  advance();  // ':'
  const Token &t = peek();
  if (t.is_ident("long")) {
    advance();
    return Type::long_;
  }
  if (t.is_ident("string")) {
    advance();
    return Type::string;
  }
  fail_expected("'long' or 'string'");
}

void Parser::parse_function(bool is_private, Location begin) {
  advance();  // function
  const Token &name = expect_ident("a function name");
  auto *f = ctx_.make_at<FunctionDecl>(begin);
  f->name = std::string(name.text);
  f->name_loc = name.loc;
  f->is_private = is_private;
  f->from_tapset = is_tapset_;
  f->file = file_;
  if (at_op(":")) {
    f->return_type = parse_type_suffix();
    f->return_type_declared = true;
  }
  expect_op("(");
  if (!at_op(")")) {
    for (;;) {
      const Token &pn = expect_ident("a parameter name");
      auto *v = ctx_.make_at<VarDecl>(pn.loc);
      v->name = std::string(pn.text);
      v->scope = VarScope::param;
      v->file = file_;
      v->from_tapset = is_tapset_;
      if (at_op(":")) {
        v->type = parse_type_suffix();
        v->type_declared = true;
      }
      bool dup = std::any_of(f->params.begin(), f->params.end(),
                             [&](VarDecl *o) { return o->name == v->name; });
      if (dup)
        error(DiagId::parse_duplicate_param, pn.loc,
              "duplicate parameter '" + v->name + "' in function '" + f->name +
                  "'");
      f->params.push_back(v);
      if (!accept_op(",")) break;
    }
  }
  expect_op(")");
  if (peek().kind == Tok::embedded) {
    const Token &code = advance();
    f->is_embedded = true;
    f->embedded_loc = code.loc;
    f->embedded_code = std::string(code.text);
    f->pragmas = scan_pragmas(code.text);
  } else {
    in_function_ = true;
    try {
      f->body = parse_block();
    } catch (SyntaxError &) {
      in_function_ = false;
      throw;
    }
    in_function_ = false;
  }
  f->loc = span_from(begin);
  out_->functions.push_back(f);
  out_->order.push_back(f);
}

}  // namespace stap
