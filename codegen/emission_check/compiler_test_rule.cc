#include "codegen/emission_check/compiler_test_rule.h"

#include <clang/Lex/Lexer.h>
#include <clang/Lex/MacroInfo.h>

#include <cctype>

namespace stap::emission {

using namespace clang;

void CompilerTestRule::If(SourceLocation loc, SourceRange condition,
                          ConditionValueKind) {
  check_condition(loc, condition);
}

void CompilerTestRule::Elif(SourceLocation loc, SourceRange condition,
                            ConditionValueKind, SourceLocation) {
  check_condition(loc, condition);
}

void CompilerTestRule::Ifdef(SourceLocation loc, const Token &name,
                             const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void CompilerTestRule::Ifndef(SourceLocation loc, const Token &name,
                              const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void CompilerTestRule::Elifdef(SourceLocation loc, const Token &name,
                               const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void CompilerTestRule::Elifndef(SourceLocation loc, const Token &name,
                                const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void CompilerTestRule::check_condition(SourceLocation loc, SourceRange range) {
  const SourceManager &sm = pp_.getSourceManager();
  if (!sm.isWrittenInMainFile(loc)) return;  // the headers are trusted
  StringRef text = Lexer::getSourceText(CharSourceRange::getCharRange(range),
                                        sm, pp_.getLangOpts());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    if (!std::isalpha(c) && c != '_') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
      ++i;
    std::string word = text.substr(start, i - start).str();
    if (word != "defined") check_name(loc, word);
  }
}

void CompilerTestRule::check_name(SourceLocation loc, const std::string &name) {
  const SourceManager &sm = pp_.getSourceManager();
  if (!sm.isWrittenInMainFile(loc) || !compiler_specific(name)) return;
  PresumedLoc p = sm.getPresumedLoc(loc);
  out_.push_back({"compiler-test", p.isValid() ? p.getLine() : 0,
                  p.isValid() ? p.getColumn() : 0,
                  "preprocessor test of '" + name +
                      "', which the compiler and the emission check may "
                      "answer differently: code one of them skips would be "
                      "compiled unchecked",
                  ""});
}

bool CompilerTestRule::compiler_specific(const std::string &name) const {
  if (name == "STAP_EMISSION_CHECK") return true;
  if (const MacroInfo *mi = pp_.getMacroInfo(pp_.getIdentifierInfo(name)))
    return mi->isBuiltinMacro() ||
           pp_.getSourceManager().isWrittenInBuiltinFile(mi->getDefinitionLoc());
  // Undefined here, but a reserved name may be one the other compiler
  // predefines (`__GNUC_STDC_INLINE__`, `__SSP_STRONG__` ...).
  return name.size() > 1 && name[0] == '_' &&
         (name[1] == '_' || std::isupper(static_cast<unsigned char>(name[1])));
}

}  // namespace stap::emission
