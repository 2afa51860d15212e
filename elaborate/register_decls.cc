// Step "register": a parsed file's declarations enter the symbol tables.
// The script registers first, so its functions shadow tapset functions of
// the same name and arity.
#include "elaborate/elab_state.h"

namespace stap {

namespace {

void note_previous(Diagnostic &d, const Node *prev) {
  d.notes.push_back({prev->loc, "previous definition is here"});
}

void register_function(ElabState &st, FunctionDecl *fn) {
  auto &list = st.functions[fn->name];
  FunctionDecl *first = nullptr;
  for (FunctionDecl *other : list)
    if (other->params.size() == fn->params.size() && other->file == fn->file)
      first = other;
  for (size_t i = 0; i < fn->params.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (fn->params[i]->name == fn->params[j]->name) {
        Diagnostic &d = st.diags.error(
            DiagId::sem_duplicate_param, fn->params[i]->loc,
            "duplicate parameter '" + fn->params[i]->name + "' in function '" +
                fn->name + "'");
        note_previous(d, fn->params[j]);
      }
  for (VarDecl *p : fn->params) {
    p->scope = VarScope::param;
    p->written = true;  // a parameter always has the caller's value
  }
  // A later tapset file redefining a name is shadowed silently (the
  // script registers first, lookups prefer the caller's own file).
  if (!first) {
    list.push_back(fn);
    return;
  }
  // Same name and arity in one file: an overload, tried after the others
  // when they run `next` (as SystemTap does).
  FunctionDecl *last = first;
  while (last->next_overload) last = last->next_overload;
  last->next_overload = fn;
}

void register_global(ElabState &st, VarDecl *g) {
  g->scope = VarScope::global;
  auto &list = st.globals[g->name];
  for (VarDecl *other : list) {
    if (other->file != g->file) continue;
    Diagnostic &d = st.diags.error(DiagId::sem_duplicate_global, g->loc,
                                   "redefinition of global '" + g->name + "'");
    note_previous(d, other);
    return;
  }
  if (g->size_hint > 0) g->is_array = true;
  if (g->init) {
    g->written = true;
    g->type = g->init->kind == ExprKind::string ? Type::string : Type::long_;
  }
  list.push_back(g);
}

// SystemTap 4.8 refuses, when it registers an alias, a name component that
// is a bare '*' (it would match any use) or that takes a parameter (a use
// could not pass one through); 'b*' and '**' it takes.
void check_alias_names(ElabState &st, const AliasDecl *a) {
  for (const ProbePoint *name : a->names)
    for (const ProbePointComponent &c : name->components) {
      if (c.name == "*")
        st.diags.error(DiagId::probe_bad_alias_name, c.loc,
                       "invalid use of wildcard probe point component '" +
                           c.name + "' in probe alias name '" +
                           name->to_string() + "'");
      else if (c.arg)
        st.diags.error(DiagId::probe_bad_alias_name, c.loc,
                       "alias component " + c.name +
                           " contains illegal parameter in probe alias name '" +
                           name->to_string() + "'");
    }
}

}  // namespace

void register_file(ElabState &st, ParsedFile *file) {
  if (!file) return;
  for (VarDecl *g : file->globals) register_global(st, g);
  for (FunctionDecl *fn : file->functions) {
    register_function(st, fn);
    // Every script function is resolved (errors in unused ones count);
    // tapset functions only when called.
    if (!fn->from_tapset) st.pending_functions.push_back(fn);
  }
  for (AliasDecl *a : file->aliases) {
    check_alias_names(st, a);
    st.aliases.push_back(a);
  }
  for (EmbeddedDecl *e : file->embeds) st.embeds.push_back(e);
  for (ProbeDecl *p : file->probes) st.pending_probes.push_back(p);
}

void register_new_tapsets(ElabState &st) {
  for (ParsedFile *f : st.library.take_new_files()) {
    st.tapsets_used.push_back(f);
    register_file(st, f);
  }
}

}  // namespace stap
