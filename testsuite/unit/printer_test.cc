// Printer: parentheses from precedence, literal spelling, layout.
#include <gtest/gtest.h>

#include "parser/macros.h"
#include "parser/parse.h"
#include "parser/printer.h"

namespace stap {
namespace {

class PrinterTest : public ::testing::Test {
protected:
  AstContext ctx;
  Expr *num(int64_t v) {
    auto *n = ctx.make<NumberLit>();
    n->value = v;
    return n;
  }
  Expr *sym(const char *name) {
    auto *s = ctx.make<Symbol>();
    s->name = name;
    return s;
  }
  Expr *bin(const char *op, Expr *l, Expr *r) {
    auto *b = ctx.make<BinaryExpr>();
    b->op = op, b->lhs = l, b->rhs = r;
    return b;
  }
  Expr *assign(Expr *l, Expr *r) {
    auto *a = ctx.make<AssignExpr>();
    a->op = "=", a->lhs = l, a->rhs = r;
    return a;
  }
  Expr *unary(const char *op, Expr *e) {
    auto *u = ctx.make<UnaryExpr>();
    u->op = op, u->operand = e;
    return u;
  }
  Expr *ternary(Expr *c, Expr *t, Expr *e) {
    auto *n = ctx.make<TernaryExpr>();
    n->cond = c, n->then_expr = t, n->else_expr = e;
    return n;
  }
};

TEST_F(PrinterTest, ParenthesesFollowPrecedence) {
  EXPECT_EQ(print_expr(bin("*", bin("+", sym("a"), sym("b")), sym("c"))),
            "(a + b) * c");
  EXPECT_EQ(print_expr(bin("+", sym("a"), bin("*", sym("b"), sym("c")))),
            "a + b * c");
  EXPECT_EQ(print_expr(bin("-", sym("a"), bin("-", sym("b"), sym("c")))),
            "a - (b - c)");
  EXPECT_EQ(print_expr(bin("-", bin("-", sym("a"), sym("b")), sym("c"))),
            "a - b - c");
  EXPECT_EQ(print_expr(bin("+", assign(sym("a"), num(1)), num(2))),
            "(a = 1) + 2");
  EXPECT_EQ(print_expr(assign(sym("a"), assign(sym("b"), num(1)))),
            "a = b = 1");
  EXPECT_EQ(print_expr(ternary(ternary(sym("a"), sym("b"), sym("c")), sym("d"),
                               ternary(sym("e"), sym("f"), sym("g")))),
            "(a ? b : c) ? d : e ? f : g");
  EXPECT_EQ(print_expr(unary("!", bin("&", sym("a"), sym("b")))), "!(a & b)");
}

TEST_F(PrinterTest, UnaryOperandsNeverGlue) {
  EXPECT_EQ(print_expr(unary("-", num(-5))), "-(-5)");
  EXPECT_EQ(print_expr(unary("-", unary("-", sym("x")))), "-(-x)");
  EXPECT_EQ(print_expr(unary("!", unary("~", sym("x")))), "!(~x)");
  auto *inc = ctx.make<IncDecExpr>();
  inc->increment = true, inc->prefix = true, inc->operand = sym("x");
  EXPECT_EQ(print_expr(unary("+", inc)), "+(++x)");
  EXPECT_EQ(print_expr(num(INT64_MIN)), "-9223372036854775808");
}

TEST_F(PrinterTest, StringEscapes) {
  EXPECT_EQ(quote_string("a\"b\\c\n\t\r\a\b\f\v"),
            "\"a\\\"b\\\\c\\n\\t\\r\\a\\b\\f\\v\"");
  EXPECT_EQ(quote_string(std::string("\x01\x7f\0z", 4)), "\"\\001\\177\\000z\"");
  EXPECT_EQ(quote_string("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

TEST_F(PrinterTest, StatementLayout) {
  auto *b = ctx.make<Block>();
  auto *w = ctx.make<WhileStmt>();
  w->cond = sym("x");
  auto *es = ctx.make<ExprStmt>();
  es->expr = assign(sym("y"), num(1));
  w->body = es;
  b->stmts.push_back(w);
  b->stmts.push_back(ctx.make<NullStmt>());
  EXPECT_EQ(print_stmt(b), "{\n  while (x)\n    y = 1;\n  ;\n}");
  EXPECT_EQ(print_stmt(b, 1), "{\n    while (x)\n      y = 1;\n    ;\n  }");
}

TEST_F(PrinterTest, WholeFileIsAFixedPoint) {
  const char *text =
      "global g = -1\n"
      "probe a.b(\"x\\n\")?, c if (g) { x = -(-1) . \"\\001\" "
      "foreach (v = [k] in arr+ limit 2) { if (k) continue else break } "
      "y = z ? 1 : w = 2 }\n"
      "function f:string (s:string) %{ /* pure */ %}\n";
  SourceManager sm;
  Diagnostics diags(sm);
  MacroTable macros;
  ParseOptions opts;
  ParsedFile *p1 = parse_file(sm.add("t.stp", text), sm, ctx, diags, opts, macros);
  std::string once = print_file(*p1);
  EXPECT_EQ(once,
            "global g = -1\n"
            "probe a.b(\"x\\n\")?, c if (g) {\n"
            "  x = -(-1) . \"\\001\";\n"
            "  foreach (v = [k] in arr+ limit 2) {\n"
            "    if (k)\n"
            "      continue;\n"
            "    else\n"
            "      break;\n"
            "  }\n"
            "  y = (z ? 1 : w) = 2;\n"
            "}\n"
            "function f:string (s:string) %{ /* pure */ %}\n");
  ParsedFile *p2 = parse_file(sm.add("printed", once), sm, ctx, diags, opts, macros);
  EXPECT_EQ(print_file(*p2), once);
  // `z ? 1 : w = 2` assigns to a ternary: reported, but printed faithfully.
  EXPECT_EQ(diags.error_count(), 2u);
}

}  // namespace
}  // namespace stap
