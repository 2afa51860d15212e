#include "elaborate/guru_check.h"

#include "parser/visitor.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

// SystemTap 4.8's words, which users grep for; a parse error there too.
constexpr const char *kMessage =
    "embedded code in unprivileged script; need stap -g";

// Finds %{ %} inside probe, alias and function bodies.
class EmbeddedFinder : public Visitor<EmbeddedFinder> {
public:
  explicit EmbeddedFinder(Diagnostics &diags) : diags_(diags) {}
  void visit_embedded_expr(EmbeddedExpr *n) { report(n->loc); }
  void visit_embedded_stmt(EmbeddedStmt *n) { report(n->loc); }
  void report(const Location &loc) {
    diags_.error(DiagId::parse_needs_guru, loc, kMessage);
  }

private:
  Diagnostics &diags_;
};

// Finds calls to tapset functions marked /* guru */ (set_kernel_int...).
class GuruCallFinder : public Visitor<GuruCallFinder> {
public:
  explicit GuruCallFinder(Diagnostics &diags) : diags_(diags) {}
  void visit_call(CallExpr *n) {
    if (n->decl && n->decl->is_embedded && n->decl->pragmas.guru)
      diags_.error(DiagId::sem_guru_function, n->loc,
                   "function may not be used unless -g is specified: '" +
                       n->name + "' is a guru-mode function");
    Visitor::visit_call(n);
  }

private:
  Diagnostics &diags_;
};

}  // namespace

void check_guru_functions(const Program &program, bool guru,
                          const std::string &privilege, Diagnostics &diags) {
  if (guru || privilege != "stapdev") return;
  GuruCallFinder find(diags);
  for (ProbeDecl *p : program.probes) find.visit_probe(p);
  for (FunctionDecl *f : program.functions)
    if (!f->is_embedded) find.visit_function(f);
}

void check_guru_probes(const Program &program, const SourceManager &sm,
                       bool guru, const std::string &privilege,
                       Diagnostics &diags) {
  if (guru || privilege != "stapdev") return;
  for (size_t i = 0; i < program.probes.size(); ++i) {
    const ProbeType *t = program.probe_types[i];
    const ProbeDecl *p = program.probes[i];
    if (!t || !t->needs_guru || p->points.empty()) continue;
    const ProbePoint *pp = p->points.front();
    // As written (0x4000, not 16384), when the point has its text.
    std::string text = pp->loc.valid() && pp->loc.end > pp->loc.begin
                           ? std::string(sm.text(pp->loc))
                           : pp->to_string();
    diags.error(DiagId::probe_needs_guru, pp->loc,
                "probe point '" + text +
                    "' is at a raw, unverified address: it needs guru mode "
                    "(-g)");
  }
}

void check_embedded_needs_guru(ParsedFile *script, bool guru,
                               const std::string &privilege,
                               Diagnostics &diags) {
  if (!script || guru || privilege != "stapdev") return;
  EmbeddedFinder find(diags);
  for (EmbeddedDecl *e : script->embeds)
    if (!e->from_tapset) find.report(e->loc);
  for (FunctionDecl *f : script->functions) {
    if (f->from_tapset) continue;
    if (f->is_embedded)
      find.report(f->embedded_loc.valid() ? f->embedded_loc : f->loc);
    else
      find.visit_function(f);
  }
  for (ProbeDecl *p : script->probes)
    if (!p->from_tapset) find.visit_probe(p);
  for (AliasDecl *a : script->aliases)
    if (!a->from_tapset) find.visit_alias(a);
}

}  // namespace stap
