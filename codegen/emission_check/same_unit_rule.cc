#include "codegen/emission_check/same_unit_rule.h"

#include <clang/Lex/Lexer.h>
#include <clang/Lex/MacroInfo.h>

#include <cctype>

namespace stap::emission {

using namespace clang;

void SameUnitRule::If(SourceLocation loc, SourceRange condition,
                          ConditionValueKind) {
  check_condition(loc, condition);
}

void SameUnitRule::Elif(SourceLocation loc, SourceRange condition,
                            ConditionValueKind, SourceLocation) {
  check_condition(loc, condition);
}

void SameUnitRule::Ifdef(SourceLocation loc, const Token &name,
                             const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void SameUnitRule::Ifndef(SourceLocation loc, const Token &name,
                              const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void SameUnitRule::Elifdef(SourceLocation loc, const Token &name,
                               const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void SameUnitRule::Elifndef(SourceLocation loc, const Token &name,
                                const MacroDefinition &) {
  check_name(loc, pp_.getSpelling(name));
}

void SameUnitRule::check_condition(SourceLocation loc, SourceRange range) {
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

void SameUnitRule::SourceRangeSkipped(SourceRange range, SourceLocation) {
  const SourceManager &sm = pp_.getSourceManager();
  if (!compiled_ || !sm.isWrittenInMainFile(range.getBegin())) return;
  unsigned first = sm.getPresumedLineNumber(range.getBegin());
  unsigned last = sm.getPresumedLineNumber(range.getEnd());
  auto hit = compiled_->lower_bound(first);
  if (hit != compiled_->end() && *hit <= last)
    report(range.getBegin(), "skipped-but-compiled",
           "the compiler compiled line " + std::to_string(*hit) +
               ", which the emission check's preprocessor skipped");
}

void SameUnitRule::check_name(SourceLocation loc, const std::string &name) {
  const SourceManager &sm = pp_.getSourceManager();
  if (!sm.isWrittenInMainFile(loc) || !compiler_specific(name)) return;
  report(loc, "compiler-test",
         "preprocessor test of '" + name +
             "', which the compiler and the emission check may answer "
             "differently: code one of them skips would be compiled "
             "unchecked");
}

void SameUnitRule::report(SourceLocation loc, const char *rule,
                          std::string message) {
  PresumedLoc p = pp_.getSourceManager().getPresumedLoc(loc);
  out_.push_back({rule, p.isValid() ? p.getLine() : 0,
                  p.isValid() ? p.getColumn() : 0, std::move(message), ""});
}

bool SameUnitRule::compiler_specific(const std::string &name) const {
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
