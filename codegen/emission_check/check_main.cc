// stap-check-c: Clang LibTooling check of generated module C.
//
//   stap-check-c [--unprivileged] [--budget-hook NAME] [--api-dir DIR]
//                [--compiled FILE.i] FILE.c [-- COMPILER ARGS]
//
// COMPILER ARGS are the arguments the module's compiler was given for
// FILE.c (kbuild's recorded command, run from the same directory): the
// check parses with the same include paths and macros, so it sees the
// translation unit that was compiled. FILE.i is the compiler's own
// preprocessed output of FILE.c: no line the check skips may be compiled.
// Without COMPILER ARGS FILE.c is parsed with -I DIR alone (the golden
// tests).
//
// Exit status: 0 clean, 1 violations (printed one per line), 2 the file
// could not be parsed or read.
#include <clang/AST/ASTConsumer.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/Tooling.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "codegen/emission_check/same_unit_rule.h"
#include "codegen/emission_check/emission_rules.h"

namespace stap::emission {
namespace {

using namespace clang;

class Checker : public RecursiveASTVisitor<Checker> {
public:
  Checker(ASTContext &ctx, const Rules &rules,
          const std::vector<std::pair<unsigned, unsigned>> &embedded,
          std::vector<Violation> &out)
      : ctx_(ctx), sm_(ctx.getSourceManager()), rules_(rules),
        embedded_(embedded), out_(out) {}

  bool TraverseFunctionDecl(FunctionDecl *fn) {
    if (!fn->hasBody() || !in_main_file(fn->getLocation()))
      return true;  // runtime headers are trusted: they are not generated
    labels_.clear();
    return RecursiveASTVisitor::TraverseFunctionDecl(fn);
  }

  bool VisitForStmt(ForStmt *s) { return check_loop(s, s->getBody()); }
  bool VisitWhileStmt(WhileStmt *s) { return check_loop(s, s->getBody()); }
  bool VisitDoStmt(DoStmt *s) { return check_loop(s, s->getBody()); }

  bool VisitLabelStmt(LabelStmt *s) {
    labels_.push_back(s->getDecl());
    return true;
  }

  bool VisitGotoStmt(GotoStmt *s) {
    if (!in_main_file(s->getBeginLoc())) return true;
    // A label seen before the goto in this function means a backward jump:
    // a loop the budget check cannot see.
    if (std::find(labels_.begin(), labels_.end(), s->getLabel()) != labels_.end())
      report(s->getBeginLoc(), "backward-goto",
             "backward goto to '" + s->getLabel()->getName().str() +
                 "' forms a loop that does not charge the action budget");
    return true;
  }

  bool VisitGCCAsmStmt(GCCAsmStmt *s) {
    if (rules_.unprivileged && in_main_file(s->getBeginLoc()) &&
        !from_header_macro(s->getBeginLoc()))
      report(s->getBeginLoc(), "inline-asm",
             "inline assembly in a module built for an unprivileged user");
    return true;
  }

  // Script data lives in the per-CPU frame, never on the kernel stack: a
  // C array there, or a compound literal (which lives to the end of its
  // block), would make a long probe body's stack frame grow with it.
  bool VisitVarDecl(VarDecl *v) {
    if (v->hasLocalStorage() && v->getType()->isArrayType() &&
        in_main_file(v->getLocation()))
      report(v->getLocation(), "stack-array",
             "array '" + v->getNameAsString() +
                 "' on the kernel stack (script data belongs in the frame)");
    return true;
  }

  bool VisitCompoundLiteralExpr(CompoundLiteralExpr *e) {
    if (e->getType()->isArrayType() && in_main_file(e->getBeginLoc()))
      report(e->getBeginLoc(), "stack-array",
             "compound literal array on the kernel stack (script data "
             "belongs in the frame)");
    return true;
  }

  bool VisitCallExpr(CallExpr *call) {
    if (!in_main_file(call->getBeginLoc()) ||
        from_header_macro(call->getBeginLoc()))
      return true;
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee) {
      if (rules_.unprivileged)
        report(call->getBeginLoc(), "indirect-call",
               "call through a function pointer in an unprivileged module");
      return true;
    }
    std::string name = callee->getNameAsString();
    if (std::find(rules_.raw_user_access.begin(), rules_.raw_user_access.end(),
                  name) != rules_.raw_user_access.end()) {
      report(call->getBeginLoc(), "raw-user-access",
             "'" + name + "' bypasses the runtime's fault-safe accessors");
      return true;
    }
    if (rules_.unprivileged && !allowed(callee))
      report(call->getBeginLoc(), "call-outside-api",
             "call to '" + name +
                 "' which is not a runtime entry point allowed for "
                 "unprivileged modules");
    return true;
  }

private:
  bool in_main_file(SourceLocation loc) const {
    return sm_.isWrittenInMainFile(sm_.getExpansionLoc(loc));
  }

  // Written in the body of a macro from a header (the runtime's
  // STP_ACTION, the kernel's likely()): that code is the header's.
  bool from_header_macro(SourceLocation loc) const {
    return loc.isMacroID() && !sm_.isWrittenInMainFile(sm_.getSpellingLoc(loc));
  }

  bool allowed(const FunctionDecl *callee) const {
    // Functions the generator itself defined in this file are fine: their
    // own bodies are checked too.
    for (const FunctionDecl *d : callee->redecls())
      if (d->hasBody() && in_main_file(d->getLocation())) return true;
    return rules_.api_names.count(callee->getNameAsString()) != 0;
  }

  bool is_budget_hook(StringRef name) const {
    for (const auto &h : rules_.budget_hooks)
      if (name == h) return true;
    return false;
  }

  // True when `loc` comes from an expansion of the budget hook macro.
  bool from_budget_macro(SourceLocation loc) const {
    for (int depth = 0; loc.isMacroID() && depth < 32; ++depth) {
      if (is_budget_hook(
              Lexer::getImmediateMacroName(loc, sm_, ctx_.getLangOpts())))
        return true;
      loc = sm_.getImmediateMacroCallerLoc(loc);
    }
    return false;
  }

  // The hook may be a function or a macro (the runtime's STP_ACTION).
  bool charges_budget(const Stmt *s) const {
    if (!s) return false;
    if (from_budget_macro(s->getBeginLoc())) return true;
    if (const auto *call = dyn_cast<CallExpr>(s))
      if (const FunctionDecl *f = call->getDirectCallee())
        if (is_budget_hook(f->getName())) return true;
    for (const Stmt *child : s->children())
      if (charges_budget(child)) return true;
    return false;
  }

  bool check_loop(const Stmt *loop, const Stmt *body) {
    // Loops inside runtime macros (do { } while (0)) are the runtime's.
    if (!in_main_file(loop->getBeginLoc()) || loop->getBeginLoc().isMacroID())
      return true;
    if (!charges_budget(body))
      report(loop->getBeginLoc(), "loop-budget",
             "loop does not charge the action budget (no '" +
                 rules_.budget_hooks.front() + "' in its body)");
    return true;
  }

  void report(SourceLocation loc, const char *rule, std::string message) {
    PresumedLoc p = sm_.getPresumedLoc(sm_.getExpansionLoc(loc));
    for (auto [first, last] : embedded_)
      if (p.isValid() && p.getLine() >= first && p.getLine() <= last)
        return;  // embedded C is judged by its markers (check_text)
    Violation v;
    v.rule = rule;
    v.line = p.isValid() ? p.getLine() : 0;
    v.col = p.isValid() ? p.getColumn() : 0;
    v.message = std::move(message);
    out_.push_back(std::move(v));
  }

  ASTContext &ctx_;
  SourceManager &sm_;
  const Rules &rules_;
  const std::vector<std::pair<unsigned, unsigned>> &embedded_;
  std::vector<Violation> &out_;
  std::vector<const LabelDecl *> labels_;
};

class CheckAction : public ASTFrontendAction {
public:
  CheckAction(const Rules &rules,
              const std::vector<std::pair<unsigned, unsigned>> &embedded,
              const std::set<unsigned> *compiled, std::vector<Violation> &out)
      : rules_(rules), embedded_(embedded), compiled_(compiled), out_(out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
                                                 StringRef) override {
    Preprocessor &pp = ci.getPreprocessor();
    pp.addPPCallbacks(std::make_unique<SameUnitRule>(pp, compiled_, out_));
    struct Consumer : ASTConsumer {
      const Rules &rules;
      const std::vector<std::pair<unsigned, unsigned>> &embedded;
      std::vector<Violation> &out;
      Consumer(const Rules &r, const std::vector<std::pair<unsigned, unsigned>> &e,
               std::vector<Violation> &o)
          : rules(r), embedded(e), out(o) {}
      void HandleTranslationUnit(ASTContext &ctx) override {
        Checker(ctx, rules, embedded, out)
            .TraverseDecl(ctx.getTranslationUnitDecl());
      }
    };
    return std::make_unique<Consumer>(rules_, embedded_, out_);
  }

private:
  const Rules &rules_;
  const std::vector<std::pair<unsigned, unsigned>> &embedded_;
  const std::set<unsigned> *compiled_;
  std::vector<Violation> &out_;
};

// The names the API headers declare (functions and macros): the calls an
// unprivileged module may make. Read by parsing every header in `dir`.
class ApiNamesAction : public ASTFrontendAction {
public:
  ApiNamesAction(std::string dir, std::set<std::string> &names)
      : dir_(std::move(dir)), names_(names) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
                                                 StringRef) override {
    struct Consumer : ASTConsumer {
      ApiNamesAction &a;
      Preprocessor &pp;
      Consumer(ApiNamesAction &a, Preprocessor &pp) : a(a), pp(pp) {}
      void HandleTranslationUnit(ASTContext &ctx) override {
        for (const Decl *d : ctx.getTranslationUnitDecl()->decls())
          if (const auto *fn = dyn_cast<FunctionDecl>(d))
            if (a.in_api(ctx.getSourceManager(), fn->getLocation()))
              a.names_.insert(fn->getNameAsString());
        for (const auto &[id, state] : pp.macros())
          if (const MacroInfo *mi = pp.getMacroInfo(id))
            if (a.in_api(ctx.getSourceManager(), mi->getDefinitionLoc()))
              a.names_.insert(id->getName().str());
      }
    };
    return std::make_unique<Consumer>(*this, ci.getPreprocessor());
  }

private:
  bool in_api(const SourceManager &sm, SourceLocation loc) const {
    return sm.getFilename(sm.getExpansionLoc(loc)).startswith(dir_);
  }
  std::string dir_;
  std::set<std::string> &names_;
};

bool load_api_names(const std::string &dir, std::set<std::string> &names) {
  std::string source;
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".h")
      source += "#include \"" + e.path().string() + "\"\n";
  return clang::tooling::runToolOnCodeWithArgs(
      std::make_unique<ApiNamesAction>(dir, names), source,
      {"-fsyntax-only", "-std=gnu11", "-I" + dir}, "stap-api-names.c");
}

std::optional<std::string> read_whole(const std::string &path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "stap-check-c: cannot read '" << path << "'\n";
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int usage() {
  std::cerr << "usage: stap-check-c [--unprivileged] [--budget-hook NAME] "
               "[--api-dir DIR] [--compiled FILE.i] FILE.c "
               "[-- compiler args]\n";
  return 2;
}

}  // namespace
}  // namespace stap::emission

int main(int argc, char **argv) {
  using namespace stap::emission;
  Rules rules;
  std::string file;
  bool custom_hooks = false;
  // No macro of the check's own: it parses what the compiler parses.
  std::vector<std::string> clang_args = {"-fsyntax-only"};
  std::vector<std::string> compiler_args;
  bool have_compiler_args = false;
  std::string compiled_file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--unprivileged") rules.unprivileged = true;
    else if (a == "--budget-hook" && i + 1 < argc) {
      if (!custom_hooks) rules.budget_hooks.clear();
      custom_hooks = true;
      rules.budget_hooks.push_back(argv[++i]);
    }
    else if (a == "--api-dir" && i + 1 < argc) rules.api_dir = argv[++i];
    else if (a == "--compiled" && i + 1 < argc) compiled_file = argv[++i];
    else if (a == "--") {
      have_compiler_args = true;
      for (++i; i < argc; ++i) compiler_args.push_back(argv[i]);
    } else if (!a.empty() && a[0] == '-') return usage();
    else if (file.empty()) file = a;
    else return usage();
  }
  if (file.empty()) return usage();
  if (have_compiler_args) {
    // Kernel headers draw Clang warnings that are not ours to judge.
    clang_args.push_back("-w");
    for (auto &a : preprocessor_args(compiler_args)) clang_args.push_back(a);
  } else {
    clang_args.push_back("-std=gnu11");
    if (!rules.api_dir.empty()) clang_args.push_back("-I" + rules.api_dir);
  }
  if (!rules.api_dir.empty() && !load_api_names(rules.api_dir, rules.api_names)) {
    std::cerr << "stap-check-c: cannot read the API headers in '"
              << rules.api_dir << "'\n";
    return 2;
  }
  std::optional<std::string> read = read_whole(file);
  if (!read) return 2;
  const std::string source = *read;
  std::optional<std::set<unsigned>> compiled;
  if (!compiled_file.empty()) {
    std::optional<std::string> text = read_whole(compiled_file);
    if (!text) return 2;
    compiled = compiled_lines(*text, file);
  }

  std::vector<Violation> found = check_text(source, rules);
  const auto embedded = embedded_regions(source);
  bool parsed = clang::tooling::runToolOnCodeWithArgs(
      std::make_unique<CheckAction>(rules, embedded,
                                    compiled ? &*compiled : nullptr, found),
      source,
      clang_args, file);
  if (!parsed) {
    std::cerr << "stap-check-c: '" << file
              << "' does not compile in check mode (a translator bug)\n";
    return 2;
  }
  std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
    return std::tie(a.line, a.col) < std::tie(b.line, b.col);
  });
  for (auto &v : found) {
    if (v.script_location.empty())
      v.script_location = script_location_for_line(source, v.line);
    std::cout << file << ":" << v.line << ":" << v.col << ": error: "
              << v.message << " [emission/" << v.rule << "]";
    if (!v.script_location.empty())
      std::cout << " (generated for " << v.script_location << ")";
    std::cout << "\n";
  }
  return found.empty() ? 0 : 1;
}
