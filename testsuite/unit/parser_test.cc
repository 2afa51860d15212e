// Parser: every construct, AST shape, error messages and recovery.
#include <gtest/gtest.h>


#include "parser/macros.h"
#include "parser/parse.h"
#include "parser/printer.h"

namespace stap {
namespace {

struct Parsed {
  SourceManager sm;
  Diagnostics diags{sm};
  AstContext ctx;
  MacroTable macros;
  ParsedFile *file = nullptr;
  std::string printed;
  std::string errors;
};

std::unique_ptr<Parsed> parse(const std::string &text,
                              std::vector<std::string> args = {}) {
  auto p = std::make_unique<Parsed>();
  FileId f = p->sm.add("t.stp", text);
  ParseOptions opts;
  opts.script_args = std::move(args);
  p->file = parse_file(f, p->sm, p->ctx, p->diags, opts, p->macros);
  p->printed = print_file(*p->file);
  p->errors = p->diags.render_all();
  return p;
}

// The body of `probe begin { <stmts> }`, printed.
std::string body(const std::string &stmts) {
  auto p = parse("probe begin {\n" + stmts + "\n}");
  EXPECT_EQ(p->errors, "") << stmts;
  std::string s = p->printed;
  std::string head = "probe begin {\n";
  if (s.rfind(head, 0) != 0) return s;
  s = s.substr(head.size());
  return s.substr(0, s.size() >= 3 ? s.size() - 3 : 0);
}

TEST(Parser, Globals) {
  auto p = parse("global a, b = 5, c[100], d%[10], e%, s = \"x\" \"y\"\n"
                 "global n = -9223372036854775808; private global pg");
  EXPECT_EQ(p->errors, "");
  ASSERT_EQ(p->file->globals.size(), 8u);
  EXPECT_EQ(p->file->globals[2]->size_hint, 100);
  EXPECT_TRUE(p->file->globals[2]->is_array);
  EXPECT_TRUE(p->file->globals[3]->wrapping);
  EXPECT_TRUE(p->file->globals[4]->wrapping);
  EXPECT_TRUE(p->file->globals[7]->is_private);
  EXPECT_EQ(static_cast<NumberLit *>(p->file->globals[6]->init)->value,
            INT64_MIN);
  EXPECT_EQ(p->printed,
            "global a\nglobal b = 5\nglobal c[100]\nglobal d%[10]\n"
            "global e%\nglobal s = \"xy\"\nglobal n = -9223372036854775808\n"
            "private global pg\n");
}

TEST(Parser, ProbePoints) {
  auto p = parse(
      "probe kernel.function(\"sys_*\").return?, syscall.*!, a.b**.c(5),\n"
      "  timer.ms(-10) if (x > 1), process(\"/bin/ls\").function(\"main\") {}");
  EXPECT_EQ(p->errors, "");
  ASSERT_EQ(p->file->probes.size(), 1u);
  const auto &pts = p->file->probes[0]->points;
  ASSERT_EQ(pts.size(), 5u);
  EXPECT_TRUE(pts[0]->optional);
  EXPECT_TRUE(pts[1]->sufficient);
  EXPECT_EQ(pts[1]->components[1].name, "*");
  EXPECT_EQ(pts[2]->components[1].name, "b**");
  EXPECT_NE(pts[3]->condition, nullptr);
  EXPECT_EQ(static_cast<NumberLit *>(pts[3]->components[1].arg)->value, -10);
  EXPECT_EQ(p->printed,
            "probe kernel.function(\"sys_*\").return?, syscall.*!, "
            "a.b**.c(5), timer.ms(-10) if (x > 1), "
            "process(\"/bin/ls\").function(\"main\") {\n}\n");
}

TEST(Parser, Aliases) {
  auto p = parse("probe a.b = kernel.function(\"x\") { y = 1 }\n"
                 "probe d += timer.s(1) { }");
  EXPECT_EQ(p->errors, "");
  ASSERT_EQ(p->file->aliases.size(), 2u);
  EXPECT_EQ(p->file->aliases[0]->names.size(), 1u);
  EXPECT_FALSE(p->file->aliases[0]->epilogue);
  EXPECT_TRUE(p->file->aliases[1]->epilogue);
  EXPECT_EQ(p->printed, "probe a.b = kernel.function(\"x\") {\n  y = 1;\n}\n"
                        "probe d += timer.s(1) {\n}\n");
}

// SystemTap 4.8 refuses a list of alias names at the '=', wildcard or not.
TEST(Parser, AliasNameListIsRefusedAtTheEquals) {
  auto p = parse("probe a.b, a.c += begin { }");
  EXPECT_EQ(p->errors,
            "t.stp:1:16: parse error: expected probe point specifier: a probe "
            "alias defines one name, not a list (write one alias per name) "
            "[STAP1102]\n"
            "  probe a.b, a.c += begin { }\n"
            "                 ^~\n");
}

TEST(Parser, AliasNamesTakeNoMarks) {
  auto p = parse("probe myalias? = begin { }");
  EXPECT_EQ(
      p->errors,
      "t.stp:1:14: parse error: a probe alias name cannot be marked optional "
      "or sufficient [STAP1102]\n"
      "  probe myalias? = begin { }\n"
      "               ^\n");
}

TEST(Parser, Functions) {
  auto p = parse(
      "function f:long (a:long, b:string) { return a }\n"
      "private function g(x) %{ /* pure */ /*unprivileged*/ /* stable */ %}\n"
      "function f(a) { }\n");
  EXPECT_EQ(p->errors, "");
  ASSERT_EQ(p->file->functions.size(), 3u);
  const FunctionDecl *f = p->file->functions[0];
  EXPECT_EQ(f->return_type, Type::long_);
  EXPECT_TRUE(f->return_type_declared);
  EXPECT_EQ(f->params[1]->type, Type::string);
  EXPECT_EQ(f->params[1]->scope, VarScope::param);
  const FunctionDecl *g = p->file->functions[1];
  EXPECT_TRUE(g->is_private);
  EXPECT_TRUE(g->is_embedded);
  EXPECT_TRUE(g->pragmas.pure);
  EXPECT_TRUE(g->pragmas.unprivileged);
  EXPECT_TRUE(g->pragmas.stable);
  EXPECT_FALSE(g->pragmas.guru);
  EXPECT_EQ(p->printed,
            "function f:long (a:long, b:string) {\n  return a;\n}\n"
            "private function g (x) %{ /* pure */ /*unprivileged*/ /* stable "
            "*/ %}\n"
            "function f (a) {\n}\n");
}

TEST(Parser, EmbeddedC) {
  auto p = parse("%{ #include <x.h> %}\nfunction f() { %{ a(); %} x = %{ 1 %} }");
  EXPECT_EQ(p->errors, "");
  EXPECT_EQ(p->file->embeds.size(), 1u);
  EXPECT_EQ(p->printed,
            "%{ #include <x.h> %}\n"
            "function f () {\n  %{ a(); %}\n  x = %{ 1 %};\n}\n");
}

// Whether %{ %} is permitted (guru mode, privilege) is pass 2's question:
// the grammar takes it in probe bodies too.
TEST(Parser, EmbeddedCInProbeBodyParses) {
  auto p = parse("probe begin { %{ x(); %} }");
  EXPECT_EQ(p->errors, "");
  EXPECT_EQ(p->printed, "probe begin {\n  %{ x(); %}\n}\n");
}

TEST(Parser, ControlFlow) {
  EXPECT_EQ(body("if (a) b = 1 else if (c) d++ else { e-- }"),
            "  if (a)\n    b = 1;\n  else if (c)\n    d++;\n  else {\n"
            "    e--;\n  }");
  EXPECT_EQ(body("while (i < 3) { i++; continue }"),
            "  while (i < 3) {\n    i++;\n    continue;\n  }");
  EXPECT_EQ(body("for (i = 0; i < 10; i++) break"),
            "  for (i = 0; i < 10; i++)\n    break;");
  EXPECT_EQ(body("for (;;) next"), "  for (;;)\n    next;");
  auto fn = parse("function f() {\nreturn; return 1 ; ;\n}");
  EXPECT_EQ(fn->errors, "");
  EXPECT_EQ(fn->printed, "function f () {\n  return;\n  return 1;\n  ;\n}\n");
  EXPECT_NE(parse("probe begin { return }")->errors.find(
                "found 'return' not in function context"),
            std::string::npos);
  EXPECT_EQ(body("try { error(\"x\") } catch (msg) { println(msg) } "
                 "try { } catch { }"),
            "  try {\n    error(\"x\");\n  } catch (msg) {\n"
            "    println(msg);\n  }\n  try {\n  } catch {\n  }");
}

TEST(Parser, Foreach) {
  auto p = parse("probe begin { foreach (v- = [a, b] in arr limit 5) x++ }");
  EXPECT_EQ(p->errors, "");
  auto *f = static_cast<ForeachStmt *>(p->file->probes[0]->body->stmts[0]);
  EXPECT_EQ(f->value->name, "v");
  EXPECT_EQ(f->keys.size(), 2u);
  EXPECT_EQ(f->sort_column, -1);
  EXPECT_TRUE(f->sort_descending);
  EXPECT_NE(f->limit, nullptr);
  EXPECT_EQ(body("foreach ([a, b+] in arr) x++"),
            "  foreach ([a, b+] in arr)\n    x++;");
  EXPECT_EQ(body("foreach (k in arr-) x++"), "  foreach (k in arr-)\n    x++;");
  EXPECT_EQ(body("foreach (k in @hist_log(s)) x++"),
            "  foreach (k in @hist_log(s))\n    x++;");
}

TEST(Parser, DeleteForms) {
  EXPECT_EQ(body("delete a[1, \"x\"] delete a delete a[*, k]"),
            "  delete a[1, \"x\"];\n  delete a;\n  delete a[*, k];");
}

TEST(Parser, ExpressionPrecedence) {
  EXPECT_EQ(body("x = a || b && c | d ^ e & f"),
            "  x = a || b && c | d ^ e & f;");
  EXPECT_EQ(body("x = (a || b) && c"), "  x = (a || b) && c;");
  EXPECT_EQ(body("x = a . b + c << 2 < 3"), "  x = a . b + c << 2 < 3;");
  EXPECT_EQ(body("x = (a . b) + c"), "  x = (a . b) + c;");
  EXPECT_EQ(body("x = a - (b - c)"), "  x = a - (b - c);");
  EXPECT_EQ(body("x = a ? b : c ? d : e"), "  x = a ? b : c ? d : e;");
  EXPECT_EQ(body("x = y = 3"), "  x = y = 3;");
  EXPECT_EQ(body("x = k in arr && [a, b] in arr"),
            "  x = k in arr && [a, b] in arr;");
  EXPECT_EQ(body("x = -5 - -y + !(~z) + - -1"),
            "  x = -5 - -y + !(~z) + -(-1);");
  EXPECT_EQ(body("s <<< 1; x .= \"a\"; x >>= 2; x %= 3"),
            "  s <<< 1;\n  x .= \"a\";\n  x >>= 2;\n  x %= 3;");
}

TEST(Parser, RegexNeedsLiteral) {
  EXPECT_EQ(body("x = s =~ \"^a+\" && t !~ \"b\""),
            "  x = s =~ \"^a+\" && t !~ \"b\";");
  auto p = parse("probe begin { x = s =~ t }");
  EXPECT_EQ(
      p->errors,
      "t.stp:1:24: parse error: expected a string literal (regular expression) "
      "but found 't' [STAP1100]\n"
      "  probe begin { x = s =~ t }\n"
      "                         ^\n");
}

TEST(Parser, TargetsAndAtOperators) {
  EXPECT_EQ(body("x = $fd->f_path[2]->d[i]$ . $$parms$$ . $$return"),
            "  x = $fd->f_path[2]->d[i]$ . $$parms$$ . $$return;");
  EXPECT_EQ(body("x = @cast(p, \"task_struct\", \"kernel\")->pid + "
                 "&@cast(p, \"s\")->a"),
            "  x = @cast(p, \"task_struct\", \"kernel\")->pid + "
            "&@cast(p, \"s\")->a;");
  EXPECT_EQ(body("x = @var(\"jiffies@kernel/time.c\")->a + &$v"),
            "  x = @var(\"jiffies@kernel/time.c\")->a + &$v;");
  EXPECT_EQ(body("x = @entry($a) + @defined($b) + @probewrite(c)"),
            "  x = @entry($a) + @defined($b) + @probewrite(c);");
}

TEST(Parser, StatsAndPrints) {
  EXPECT_EQ(body("x = @count(s) + @sum(s[1]) + @min(s) + @max(s) + @avg(s) + "
                 "@variance(s)"),
            "  x = @count(s) + @sum(s[1]) + @min(s) + @max(s) + @avg(s) + "
            "@variance(s);");
  EXPECT_EQ(body("print(@hist_linear(s, 0, 100, 10)) y = @hist_log(s)[3]"),
            "  print(@hist_linear(s, 0, 100, 10));\n  y = @hist_log(s)[3];");
  auto p = parse("probe begin { printf(\"%d\\n\", 1) sprintf(\"a\") "
                 "printd(\",\", 1, 2) printdln(\",\", 1, 2) sprintln(1) }");
  EXPECT_EQ(p->errors, "");
  auto *e = static_cast<ExprStmt *>(p->file->probes[0]->body->stmts[0]);
  ASSERT_EQ(e->expr->kind, ExprKind::print);
  EXPECT_TRUE(static_cast<PrintExpr *>(e->expr)->has_format());
  auto q = parse("probe begin { printf(fmt, 1) }");
  EXPECT_EQ(
      q->errors,
      "t.stp:1:22: parse error: format of 'printf' must be a string literal "
      "[STAP1107]\n"
      "  probe begin { printf(fmt, 1) }\n"
      "                       ^~~\n");
}

TEST(Parser, ScriptArgumentsAndNumbers) {
  auto p = parse("probe begin { x = $1 + 0x10 + 010; y = @2 }", {"3 * 4", "s"});
  EXPECT_EQ(p->errors, "");
  EXPECT_EQ(p->printed, "probe begin {\n  x = 3 * 4 + 16 + 8;\n  y = \"s\";\n}\n");
  // Up to 2^64-1 a literal wraps, as in SystemTap; beyond, it is refused.
  EXPECT_EQ(parse("probe begin { x = 18446744073709551615 }")->printed,
            "probe begin {\n  x = -1;\n}\n");
  auto q = parse("probe begin { x = 18446744073709551616 }");
  EXPECT_EQ(
      q->errors,
      "t.stp:1:19: parse error: integer literal '18446744073709551616' does "
      "not fit in 64 bits [STAP1005]\n"
      "  probe begin { x = 18446744073709551616 }\n"
      "                    ^~~~~~~~~~~~~~~~~~~~\n");
  auto r = parse("probe begin { x = 0xffffffffffffffff }");
  EXPECT_EQ(r->printed, "probe begin {\n  x = -1;\n}\n");
}

TEST(Parser, ErrorRecoveryReportsEveryError) {
  auto p = parse(
      "probe begin {\n"
      "  x = (1 +\n"
      "  if (x) y = 2\n"
      "  z = 3 4\n"
      "}\n"
      "global\n"
      "function f(a, a) { }\n"
      "probe end { foo( }\n"
      "probe ok { println(\"fine\") }\n");
  EXPECT_EQ(p->errors,
            "t.stp:3:3: parse error: expected an expression but found 'if' "
            "[STAP1100]\n"
            "    if (x) y = 2\n"
            "    ^~\n"
            "t.stp:7:1: parse error: expected a global variable name but found "
            "'function' [STAP1100]\n"
            "  function f(a, a) { }\n"
            "  ^~~~~~~~\n"
            "t.stp:7:15: parse error: duplicate parameter 'a' in function 'f' "
            "[STAP1105]\n"
            "  function f(a, a) { }\n"
            "                ^\n"
            "t.stp:8:18: parse error: expected an expression but found '}' "
            "[STAP1100]\n"
            "  probe end { foo( }\n"
            "                   ^\n");
  // `z = 3 4` is two statements; the good parts survive.
  EXPECT_EQ(p->printed,
            "probe begin {\n  if (x)\n    y = 2;\n  z = 3;\n  4;\n}\n"
            "function f (a, a) {\n}\n"
            "probe end {\n}\n"
            "probe ok {\n  println(\"fine\");\n}\n");
}

TEST(Parser, ResynchronisesAtTheNextLineWithoutSemicolons) {
  auto p = parse("probe begin {\n  a = )\n  b = 2\n  c = ]\n  d = 4\n}\n");
  EXPECT_EQ(p->errors,
            "t.stp:2:7: parse error: expected an expression but found ')' "
            "[STAP1100]\n"
            "    a = )\n"
            "        ^\n"
            "t.stp:4:7: parse error: expected an expression but found ']' "
            "[STAP1100]\n"
            "    c = ]\n"
            "        ^\n");
  EXPECT_EQ(p->printed, "probe begin {\n  b = 2;\n  d = 4;\n}\n");
}

TEST(Parser, ExpectedMessagesNameBothSides) {
  auto p = parse("probe begin { if (x { } }");
  EXPECT_EQ(p->errors,
            "t.stp:1:21: parse error: expected ')' but found '{' [STAP1100]\n"
            "  probe begin { if (x { } }\n"
            "                      ^\n");
  auto q = parse("probe begin { x = 1");
  EXPECT_EQ(q->errors,
            "t.stp:1:20: parse error: expected '}' but found end of input "
            "[STAP1100]\n"
            "  probe begin { x = 1\n"
            "                     ^\n");
  auto r = parse("foo");
  EXPECT_EQ(
      r->errors,
      "t.stp:1:1: parse error: expected 'probe', 'global', 'function' or '%{' "
      "but found 'foo' [STAP1100]\n"
      "  foo\n"
      "  ^~~\n");
}

TEST(Parser, BadLvalues) {
  auto p = parse("probe begin { 1 = 2; f()++ }");
  EXPECT_EQ(
      p->errors,
      "t.stp:1:15: parse error: left side of '=' is not assignable [STAP1103]\n"
      "  probe begin { 1 = 2; f()++ }\n"
      "                ^\n"
      "t.stp:1:22: parse error: operand of '++' is not assignable [STAP1103]\n"
      "  probe begin { 1 = 2; f()++ }\n"
      "                       ^~~\n");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "probe begin { x = " + std::string(5000, '(') + "1" +
                     std::string(5000, ')') + " }";
  auto p = parse(deep);
  EXPECT_NE(p->errors.find("error: nesting is deeper than the limit of 500 "
                           "[STAP1101]"),
            std::string::npos);
  std::string blocks = "probe begin " + std::string(3000, '{') +
                       std::string(3000, '}');
  EXPECT_TRUE(parse(blocks)->diags.has_errors());
  std::string chain = "probe begin { x = 1";
  for (int i = 0; i < 3000; ++i) chain += " + 1";
  EXPECT_NE(parse(chain + " }")->errors.find(
                "expression is longer than the limit of 500 operators"),
            std::string::npos);
}

// Speed is measured by testsuite/bench, not here; this checks that a large
// script parses completely.
TEST(Parser, OneMegabyteParsesCompletely) {
  std::string text;
  for (int i = 0; text.size() < (1u << 20); ++i)
    text += "probe kernel.function(\"f" + std::to_string(i) +
            "\").return?, timer.ms(5) {\n"
            "  arr[i, \"k\"] = (a + b * c - d / 2) . sprintf(\"%d\\n\", $fd->x)\n"
            "  if (x =~ \"^ab\") { delete arr[*, 2]; next } else y++\n"
            "  foreach ([k, v-] in arr limit 10) printf(\"%s %d\\n\", k, v)\n"
            "}\nfunction fn" + std::to_string(i) +
            ":long (a:long, b:string) { return a << 2 | strlen(b) }\n";
  auto p = parse(text);
  EXPECT_EQ(p->diags.error_count(), 0u);
  EXPECT_GT(p->file->probes.size(), 3000u);
}

TEST(Parser, GarbageTerminates) {
  std::string junk;
  for (int i = 0; i < 2000; ++i)
    junk += "} ) ] { ( [ ; probe , = += %( %) @ $\n";
  auto p = parse(junk);
  bool gave_up = false;
  for (const Diagnostic &d : p->diags.all())
    gave_up |= d.id == DiagId::parse_too_many_errors &&
               d.message == "too many errors, stopping here";
  EXPECT_TRUE(gave_up);
}

}  // namespace
}  // namespace stap
