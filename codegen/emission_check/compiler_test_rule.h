// The rule that keeps the check honest: the generated file may not hold a
// preprocessor conditional that the compiler and this Clang-based check
// could decide differently, since code one of them skips would then be
// compiled unchecked (or checked but not compiled). Include paths and
// -D macros are the compiler's own (the check is given its arguments), so
// what differs is only what each compiler predefines: `__clang__`,
// `__GNUC__`, `__OPTIMIZE__`, `__has_builtin`, and STAP_EMISSION_CHECK,
// the name older checks defined.
#pragma once

#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>

#include <vector>

#include "codegen/emission_check/emission_rules.h"

namespace stap::emission {

class CompilerTestRule : public clang::PPCallbacks {
public:
  CompilerTestRule(clang::Preprocessor &pp, std::vector<Violation> &out)
      : pp_(pp), out_(out) {}

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

private:
  void check_condition(clang::SourceLocation loc, clang::SourceRange range);
  void check_name(clang::SourceLocation loc, const std::string &name);
  bool compiler_specific(const std::string &name) const;

  clang::Preprocessor &pp_;
  std::vector<Violation> &out_;
};

}  // namespace stap::emission
