// The rule that keeps the check honest: it judges the translation unit the
// compiler compiled. Include paths and -D macros are the compiler's own
// (the check is given its arguments), so two things remain:
//  - a conditional in the generated file may not test a macro that the
//    compiler and Clang predefine differently (`__clang__`, `__GNUC__`,
//    `__OPTIMIZE__`, `__has_builtin`, STAP_EMISSION_CHECK, the name older
//    checks defined): said early, by name;
//  - given the compiler's preprocessed output, no line the check's
//    preprocessor skipped may hold code the compiler compiled (a macro a
//    compiler-specific kernel header defines, such as GCC_VERSION).
#pragma once

#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>

#include <set>
#include <vector>

#include "codegen/emission_check/emission_rules.h"

namespace stap::emission {

class SameUnitRule : public clang::PPCallbacks {
public:
  // `compiled`: the main file's lines the compiler compiled, or nullptr
  // when its preprocessed output is not known.
  SameUnitRule(clang::Preprocessor &pp, const std::set<unsigned> *compiled,
               std::vector<Violation> &out)
      : pp_(pp), compiled_(compiled), out_(out) {}

  void If(clang::SourceLocation loc, clang::SourceRange condition,
          ConditionValueKind) override;
  void Elif(clang::SourceLocation loc, clang::SourceRange condition,
            ConditionValueKind, clang::SourceLocation) override;
  void Ifdef(clang::SourceLocation loc, const clang::Token &name,
             const clang::MacroDefinition &) override;
  void Ifndef(clang::SourceLocation loc, const clang::Token &name,
              const clang::MacroDefinition &) override;
  void Elifdef(clang::SourceLocation loc, const clang::Token &name,
               const clang::MacroDefinition &) override;
  void Elifndef(clang::SourceLocation loc, const clang::Token &name,
                const clang::MacroDefinition &) override;
  void SourceRangeSkipped(clang::SourceRange range,
                          clang::SourceLocation endif) override;

private:
  void check_condition(clang::SourceLocation loc, clang::SourceRange range);
  void check_name(clang::SourceLocation loc, const std::string &name);
  bool compiler_specific(const std::string &name) const;

  void report(clang::SourceLocation loc, const char *rule, std::string message);

  clang::Preprocessor &pp_;
  const std::set<unsigned> *compiled_;
  std::vector<Violation> &out_;
};

}  // namespace stap::emission
