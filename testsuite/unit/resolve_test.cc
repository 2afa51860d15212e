// Pass 2 symbol resolution: locals, globals, functions by arity, probe
// context rules. Exact diagnostic text.
#include <gtest/gtest.h>

#include "testsuite/unit/elab_fixture.h"

#include "elaborate/elaborate.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {
namespace {


TEST(Resolve, LocalsGlobalsAndCalls) {
  Elab e("global total\n"
         "function add(a, b) { return a + b }\n"
         "probe begin { x = add(1, 2); total = x; println(total) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.probes.size(), 1u);
  ASSERT_EQ(e.program.probes[0]->locals.size(), 1u);
  EXPECT_EQ(e.program.probes[0]->locals[0]->name, "x");
  EXPECT_EQ(e.program.probes[0]->locals[0]->type, Type::long_);
}

TEST(Resolve, UnresolvedFunctionWithSuggestion) {
  Elab e("function compute(a) { return a }\n"
         "probe begin { println(comptue(1, 2)) }\n");
  EXPECT_EQ(e.summary(), "t.stp:2:23: semantic error: unresolved function "
                         "'comptue' (called with 2 "
                         "arguments); did you mean 'compute'? [STAP2001]\n");
}

TEST(Resolve, WrongArityListsDeclarations) {
  Elab e("function f(a) { return a }\n"
         "probe begin { println(f(1, 2)) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:2:23: semantic error: wrong number of arguments to function 'f': "
      "expected 1, got 2 [STAP2003]\n"
      "t.stp:1:10: note: 'f' declared here with 1 parameter\n");
}

TEST(Resolve, OverloadByArity) {
  Elab e("function f(a) { return a }\n"
         "function f(a, b) { return a . b }\n"
         "probe begin { println(f(1)) println(f(\"x\", \"y\")) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.functions.size(), 2u);
  EXPECT_EQ(e.program.functions[0]->return_type, Type::long_);
  EXPECT_EQ(e.program.functions[1]->return_type, Type::string);
}

TEST(Resolve, SameArityDefinitionsAreOverloads) {
  // SystemTap 4.8: the call names the first; the others follow it in
  // source order, all reachable (a `next` may pass on to them).
  Elab e("function f(a) { return a }\n"
         "function f(b) { return b }\n"
         "function f(c) { return c }\n"
         "probe begin { println(f(1)) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.functions.size(), 3u);
  FunctionDecl *first = e.program.functions[0];
  EXPECT_EQ(first->params[0]->name, "a");
  ASSERT_NE(first->next_overload, nullptr);
  EXPECT_EQ(first->next_overload->params[0]->name, "b");
  ASSERT_NE(first->next_overload->next_overload, nullptr);
  EXPECT_EQ(first->next_overload->next_overload->params[0]->name, "c");
  EXPECT_EQ(first->next_overload->next_overload->return_type, Type::long_);
}

TEST(Resolve, ArrayMustBeGlobal) {
  Elab e("global counts\n"
         "probe begin { cuonts[1] = 2 }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:2:15: semantic error: unresolved array 'cuonts'; did you mean "
      "'counts'? [STAP2002]\n");
}

TEST(Resolve, ReadOnlyLocalWarns) {
  Elab e("probe begin { println(y + 0) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:1:23: warning: local variable 'y' is read but never "
            "assigned [STAP2006]\n");
}

TEST(Resolve, TargetVariableNeedsProbeContext) {
  Elab e("function f() { return $fd }\n"
         "probe begin { println($x) println(f()) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:1:23: semantic error: target variable '$fd' cannot be used in a "
      "function [STAP2018]\n"
      "t.stp:2:23: semantic error: target variable '$x' is not available in "
      "probe 'begin' [STAP2018]\n");
}

TEST(Resolve, ReturnValuesOnlyInReturnProbes) {
  Elab e("probe kernel.function(\"vfs_read\") { println($return) "
         "println(@entry($count)) }\n"
         "probe kernel.function(\"vfs_read\").return { println($return + "
         "@entry($count)) }\n");
  EXPECT_EQ(
      e.summary(),
      "t.stp:1:45: semantic error: '$return' is only available in return "
      "probes "
      "(not in 'kernel.function(\"vfs_read\")') [STAP2016]\n"
      "t.stp:1:62: semantic error: '@entry' is only available in return probes "
      "(not in 'kernel.function(\"vfs_read\")') [STAP2017]\n");
}

TEST(Resolve, DefinedDoesNotFail) {
  Elab e("probe begin { if (@defined($x)) println(1) }\n");
  EXPECT_EQ(e.summary(), "");
}

TEST(Resolve, DeleteNeedsVariable) {
  Elab e("global a\nprobe begin { a[1] = 1; delete a[1]; delete a; "
         "delete 1 + 2 }\n");
  // The parser may already reject `delete 1 + 2`; either way one error.
  EXPECT_NE(e.summary().find("error:"), std::string::npos);
}

TEST(Resolve, ReturnOutsideFunction) {
  // Pass 1 refuses it already (SystemTap does too); pass 2 still says why.
  Elab e("probe begin { return }\n");
  EXPECT_NE(e.summary().find("t.stp:1:15: parse error: found 'return' not in "
                             "function context"),
            std::string::npos);
}

}  // namespace
}  // namespace stap
