// Pass 2 optimisation: folding, elision and unused-code removal.
#include <gtest/gtest.h>

#include "testsuite/unit/elab_fixture.h"

#include "elaborate/elaborate.h"
#include "elaborate/optimize.h"
#include "parser/macros.h"
#include "parser/parse.h"
#include "parser/visitor.h"

namespace stap {
namespace {

// The optimiser's tests run with optimisation on unless they say otherwise.
struct OptElab : Elab {
  explicit OptElab(const std::string &text, bool optimize = true)
      : Elab(text, optimize) {}
};

ExprStmt *first_expr(ProbeDecl *p) {
  for (Stmt *s : p->body->stmts) {
    if (s->kind == StmtKind::expr) return static_cast<ExprStmt *>(s);
    if (s->kind == StmtKind::block)
      for (Stmt *t : static_cast<Block *>(s)->stmts)
        if (t->kind == StmtKind::expr) return static_cast<ExprStmt *>(t);
  }
  return nullptr;
}

TEST(Optimize, FoldsLiteralArithmetic) {
  OptElab e("probe begin { println(1 + 2 * 3, \"a\" . \"b\", 3 < 4) }\n");
  EXPECT_EQ(e.summary(), "");
  ExprStmt *s = first_expr(e.program.probes[0]);
  ASSERT_TRUE(s);
  auto *p = static_cast<PrintExpr *>(s->expr);
  ASSERT_EQ(p->args.size(), 3u);
  ASSERT_EQ(p->args[0]->kind, ExprKind::number);
  EXPECT_EQ(static_cast<NumberLit *>(p->args[0])->value, 7);
  ASSERT_EQ(p->args[1]->kind, ExprKind::string);
  EXPECT_EQ(static_cast<StringLit *>(p->args[1])->value, "ab");
  ASSERT_EQ(p->args[2]->kind, ExprKind::number);
  EXPECT_EQ(static_cast<NumberLit *>(p->args[2])->value, 1);
}

// A literal zero divisor is a pass-2 error at the operator; the folder
// itself must leave such a division alone either way.
TEST(Optimize, DivisionByZeroIsNotFolded) {
  OptElab e("probe begin { println(1 / 0) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:1:25: semantic error: division by zero in constant "
            "expression [STAP2043]\n");
  AstContext ctx;
  auto *b = ctx.make<BinaryExpr>();
  b->op = "%";
  b->lhs = ctx.make<NumberLit>();
  b->rhs = ctx.make<NumberLit>();
  EXPECT_EQ(fold_constants(b, ctx), b);
  ExprStmt *s = first_expr(e.program.probes[0]);
  ASSERT_TRUE(s);
  auto *p = static_cast<PrintExpr *>(s->expr);
  EXPECT_EQ(p->args[0]->kind, ExprKind::binary);
}

TEST(Optimize, FoldingSkipsOverflowingDivision) {
  Expr *e;
  AstContext ctx;
  auto *l = ctx.make<NumberLit>();
  l->value = INT64_MIN;
  auto *r = ctx.make<NumberLit>();
  r->value = -1;
  auto *b = ctx.make<BinaryExpr>();
  b->op = "/";
  b->lhs = l;
  b->rhs = r;
  e = fold_constants(b, ctx);
  EXPECT_EQ(e, b);
  b->op = "+";
  r->value = 1;
  l->value = INT64_MAX;
  e = fold_constants(b, ctx);
  ASSERT_EQ(e->kind, ExprKind::number);
  EXPECT_EQ(static_cast<NumberLit *>(e)->value, INT64_MIN);  // wraps as C does
}

TEST(Optimize, UnusedCodeWarnings) {
  OptElab e("global unused_g\n"
         "function helper() { return 1 }\n"
         "probe begin { x = 5; 1 + 2; println(\"hi\") }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:1:8: warning: eliding unused global variable 'unused_g' "
            "[STAP2031]\n"
            "t.stp:2:10: warning: eliding unused function 'helper' "
            "[STAP2030]\n"
            "t.stp:3:15: warning: eliding unused local variable 'x' "
            "[STAP2032]\n"
            "t.stp:3:22: warning: eliding side-effect-free expression "
            "[STAP2033]\n");
  EXPECT_TRUE(e.program.functions.empty());
  EXPECT_TRUE(e.program.globals.empty());
  EXPECT_TRUE(e.program.probes[0]->locals.empty());
}

TEST(Optimize, KeepsSideEffectsOfElidedAssignments) {
  OptElab e("global n\nfunction bump() { n++; return n }\n"
         "probe begin { x = bump() }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:3:15: warning: eliding unused local variable 'x' "
            "[STAP2032]\n");
  ASSERT_EQ(e.program.functions.size(), 1u);
  ExprStmt *s = first_expr(e.program.probes[0]);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->expr->kind, ExprKind::call);
}

// The store to an unread local goes, but a right-hand side that can fail
// (division, modulo) or change state (++, assignment) stays as a statement.
TEST(Optimize, KeepsFallibleRightHandSides) {
  OptElab e("probe begin { y = 0; a = 1 / y; b = 2 % y; c = y++; d = (z = 3);"
         " println(z) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:1:22: warning: eliding unused local variable 'a' "
            "[STAP2032]\n"
            "t.stp:1:33: warning: eliding unused local variable 'b' "
            "[STAP2032]\n"
            "t.stp:1:44: warning: eliding unused local variable 'c' "
            "[STAP2032]\n"
            "t.stp:1:53: warning: eliding unused local variable 'd' "
            "[STAP2032]\n");
  std::vector<ExprKind> kinds;
  std::vector<Stmt *> stmts = e.program.probes[0]->body->stmts;
  if (stmts.size() == 1 && stmts[0]->kind == StmtKind::block)
    stmts = static_cast<Block *>(stmts[0])->stmts;
  for (Stmt *s : stmts)
    if (s->kind == StmtKind::expr)
      kinds.push_back(static_cast<ExprStmt *>(s)->expr->kind);
  EXPECT_EQ(kinds, (std::vector<ExprKind>{ExprKind::assign, ExprKind::binary,
                                          ExprKind::binary, ExprKind::incdec,
                                          ExprKind::assign, ExprKind::print}));
  std::vector<std::string> locals;
  for (VarDecl *v : e.program.probes[0]->locals) locals.push_back(v->name);
  EXPECT_EQ(locals, (std::vector<std::string>{"y", "z"}));
}

// The calls a probe's statements make, in order.
std::vector<std::string> calls_in(const Block *body) {
  struct Calls : Visitor<Calls> {
    std::vector<std::string> names;
    void visit_call(CallExpr *n) {
      names.push_back(n->name);
      Visitor::visit_call(n);
    }
  } c;
  c.visit(const_cast<Block *>(body));
  return c.names;
}

// An unused value from a function without side effects goes, call and
// all; so does what only it read (a cascade), and the function itself,
// quietly (the user wrote a call to it). Calls with an effect stay: a
// global write, output, embedded C without /* pure */, transitively, also
// through recursion.
TEST(Optimize, DropsUnusedCallsToPureFunctions) {
  Elab e;
  e.opts.guru = e.opts.parse.env.guru = true;  // embedded-C functions below
  e.run("global g\n"
        "function twice(a) { return 2 * a }\n"
        "function sets(a) { g = a; return a }\n"
        "function says(a) { println(a); return a }\n"
        "function via(a) { return says(a) + 1 }\n"
        "function ping(n) { return n ? pong(n - 1) : 0 }\n"
        "function pong(n) { if (n == 3) printf(\"x\"); return ping(n) }\n"
        "probe begin {\n"
        "  a = twice(1); b = sprintf(\"%d\", a)\n"
        "  c = sets(2); d = says(3); f = via(4); h = ping(5)\n"
        "  i = cpure(6); j = cimpure(7); k = cpure(cpure(8))\n"
        "  twice(6)\n"
        "}\n"
        "function cpure:long (v:long) %{ /* pure */ STAP_RETVALUE = 1; %}\n"
        "function cimpure:long (v:long) %{ STAP_RETVALUE = 2; %}\n",
        /*optimize=*/true);
  EXPECT_EQ(
      e.summary(),
      "t.stp:9:3: warning: eliding unused local variable 'a' [STAP2032]\n"
      "t.stp:9:17: warning: eliding unused local variable 'b' [STAP2032]\n"
      "t.stp:10:3: warning: eliding unused local variable 'c' [STAP2032]\n"
      "t.stp:10:16: warning: eliding unused local variable 'd' [STAP2032]\n"
      "t.stp:10:29: warning: eliding unused local variable 'f' [STAP2032]\n"
      "t.stp:10:41: warning: eliding unused local variable 'h' [STAP2032]\n"
      "t.stp:11:3: warning: eliding unused local variable 'i' [STAP2032]\n"
      "t.stp:11:17: warning: eliding unused local variable 'j' [STAP2032]\n"
      "t.stp:11:33: warning: eliding unused local variable 'k' [STAP2032]\n"
      "t.stp:12:3: warning: eliding side-effect-free expression "
      "[STAP2033]\n");
  EXPECT_EQ(
      calls_in(e.program.probes[0]->body),
      (std::vector<std::string>{"sets", "says", "via", "ping", "cimpure"}));
  std::set<std::string> functions;
  for (FunctionDecl *f : e.program.functions) functions.insert(f->name);
  EXPECT_FALSE(functions.count("twice"));
  EXPECT_FALSE(functions.count("cpure"));
  EXPECT_TRUE(functions.count("cimpure"));
  EXPECT_TRUE(functions.count("pong"));
  EXPECT_TRUE(e.program.probes[0]->locals.empty());
}

// A value read later keeps its call; with -u nothing is dropped.
TEST(Optimize, KeepsUsedCallsAndAllWithDashU) {
  OptElab used("function twice(a) { return 2 * a }\n"
               "probe begin { a = twice(1); println(a) }\n");
  EXPECT_EQ(used.summary(), "");
  EXPECT_EQ(calls_in(used.program.probes[0]->body),
            (std::vector<std::string>{"twice"}));
  OptElab off("function twice(a) { return 2 * a }\n"
              "probe begin { a = twice(1) }\n",
              /*optimize=*/false);
  EXPECT_EQ(off.summary(), "");
  EXPECT_EQ(calls_in(off.program.probes[0]->body),
            (std::vector<std::string>{"twice"}));
}

TEST(Optimize, OffWithDashU) {
  SourceManager sm;
  AstContext ctx;
  Diagnostics diags(sm);
  MacroTable macros;
  ElaborateOptions opts;
  opts.optimize = false;
  FileId f = sm.add("t.stp", "function helper() { return 1 }\n"
                             "probe begin { println(1 + 2) }\n");
  ParsedFile *pf = parse_file(f, sm, ctx, diags, opts.parse, macros);
  Program p = elaborate(pf, sm, ctx, diags, opts, macros);
  EXPECT_EQ(diags.render_all(), "");
  EXPECT_EQ(p.functions.size(), 1u);
}

}  // namespace
}  // namespace stap
