// Pass 2 type inference: exact diagnostic text for each error kind.
#include <gtest/gtest.h>

#include "testsuite/unit/elab_fixture.h"

#include "elaborate/elaborate.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {
namespace {


TEST(Types, InferredThroughCallsAndReturns) {
  Elab e("global names\n"
         "function greet(who) { return \"hi \" . who }\n"
         "probe begin { names[1, \"a\"] = greet(\"bob\"); println(names[1, \"a\"]) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.globals.size(), 1u);
  VarDecl *g = e.program.globals[0];
  EXPECT_TRUE(g->is_array);
  EXPECT_EQ(g->type, Type::string);
  ASSERT_EQ(g->index_types.size(), 2u);
  EXPECT_EQ(g->index_types[0], Type::long_);
  EXPECT_EQ(g->index_types[1], Type::string);
  EXPECT_EQ(e.program.functions[0]->params[0]->type, Type::string);
}

TEST(Types, ConflictNamesBothTypesAndWhere) {
  Elab e("global x\n"
         "probe begin { x = 1 }\n"
         "probe end { x = \"s\" }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:3:17: semantic error: cannot assign string to variable 'x' "
            "of type "
            "long [STAP2004]\n"
            "t.stp:2:15: note: variable 'x' inferred as long here\n");
}

TEST(Types, OperandMismatch) {
  Elab e("probe begin { s = \"a\"; println(s + 1) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:1:32: semantic error: invalid operand to '+': expected long, got "
      "string [STAP2004]\n"
      "t.stp:1:15: note: variable 's' inferred as string here\n");
}

TEST(Types, ParameterTypesUnifyAcrossCalls) {
  Elab e("function f(a) { return 0 }\n"
         "probe begin { f(1) }\n"
         "probe end { f(\"x\") }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:3:15: semantic error: argument 1 to function 'f' is string, but "
      "parameter 'a' of function 'f' is long [STAP2004]\n"
      "t.stp:2:17: note: parameter 'a' of function 'f' inferred as long "
      "here\n");
}

TEST(Types, OverloadsShareResultType) {
  Elab e("function f(a) { return 1 }\n"
         "function f(a) { return \"no\" }\n"
         "probe begin { println(f(1)) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:10: semantic error: overload of function 'f': returns "
            "string, but long in its previous definition [STAP2013]\n"
            "t.stp:1:10: note: previous definition is here\n");
}

TEST(Types, ReturnTypesUnify) {
  Elab e("function f(a) { if (a) return 1\n return \"no\" }\n"
         "probe begin { println(f(1)) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:2:9: semantic error: function 'f' returns string here, but long "
      "elsewhere [STAP2004]\n"
      "t.stp:1:31: note: return value of function 'f' inferred as long "
      "here\n");
}

TEST(Types, AssignToStatistic) {
  Elab e("global s\n"
         "probe begin { s <<< 1; s = 2 }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:24: semantic error: cannot assign to statistic variable "
            "'s' with "
            "'='; use '<<<' [STAP2007]\n"
            "t.stp:2:15: note: variable 's' inferred as stats here\n");
}

TEST(Types, ExtractFromNonStatistic) {
  Elab e("global n\n"
         "probe begin { n = 1; println(@count(n)) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:37: semantic error: '@count' needs a statistic, but "
            "variable 'n' "
            "is long [STAP2008]\n"
            "t.stp:2:15: note: variable 'n' inferred as long here\n");
}

TEST(Types, ForeachOverScalar) {
  Elab e("global n\n"
         "probe begin { n = 1; foreach (k in n) println(k) }\n");
  EXPECT_EQ(e.summary(), "t.stp:2:36: semantic error: cannot iterate with "
                         "'foreach' over scalar 'n' "
                         "[STAP2009]\n"
                         "t.stp:2:15: note: 'n' is a scalar because of this\n");
}

TEST(Types, IndexingAScalar) {
  Elab e("global n\n"
         "probe begin { n = 1; n[2] = 3 }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:22: semantic error: cannot index scalar 'n' [STAP2012]\n"
            "t.stp:2:15: note: 'n' is a scalar because of this\n");
}

TEST(Types, ArrayAsScalar) {
  Elab e("global a\n"
         "probe begin { a[1] = 1; println(a) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:2:33: semantic error: array 'a' used as a scalar [STAP2011]\n"
      "t.stp:2:15: note: 'a' is an array because of this\n");
}

TEST(Types, WrongNumberOfIndices) {
  Elab e("global a\n"
         "probe begin { a[1, 2] = 1; println(a[1]) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:2:36: semantic error: wrong number of indices for array 'a': "
      "expected 2, got 1 [STAP2010]\n"
      "t.stp:2:15: note: 'a' indexed with 2 here\n");
}

TEST(Types, PrintfFormatChecks) {
  Elab e("probe begin { printf(\"%d %s\\n\", 1) printf(\"%d\\n\", \"x\") }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:1:15: semantic error: format of 'printf' expects 2 arguments, got "
      "1 "
      "[STAP2022]\n"
      "t.stp:1:51: semantic error: format '%d' expects long, but argument 1 is "
      "string [STAP2022]\n");
}

TEST(Types, StatisticsAndHistograms) {
  Elab e("global s, t\n"
         "probe begin { s <<< 1; t[\"a\"] <<< 2; println(@avg(s)) "
         "print(@hist_log(t[\"a\"])) }\n");
  EXPECT_EQ(e.summary(), "");
  EXPECT_EQ(e.program.globals[0]->type, Type::stats);
  EXPECT_EQ(e.program.globals[1]->type, Type::stats);
  EXPECT_TRUE(e.program.globals[1]->is_array);
}


TEST(Types, VoidFunctionValueHasNoType) {
  Elab e("function nothing() { }\n"
         "probe begin { x = nothing(); println(x) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:15: semantic error: cannot infer a type for variable 'x' "
            "[STAP2005]\n");
}

TEST(Types, NeverWrittenSuggestsNearName) {
  Elab e("global count\n"
         "probe begin { count = 1; println(cuont + 0) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:2:34: warning: local variable 'cuont' is read but never "
            "assigned; did you mean 'count'? [STAP2006]\n");
}

}  // namespace
}  // namespace stap
