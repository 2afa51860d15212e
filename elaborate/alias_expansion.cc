#include "elaborate/alias_expansion.h"

#include <algorithm>
#include <deque>

#include "elaborate/ast_clone.h"
#include "elaborate/probe_write.h"
#include "elaborate/process_target.h"
#include "elaborate/wildcard_expand.h"
#include "probes/family.h"
#include "symbols/glob.h"

namespace stap {

namespace {

// A point whose string argument is a pattern (`function("vfs_*")`).
bool has_pattern_argument(const ProbePoint &pp) {
  return std::any_of(pp.components.begin(), pp.components.end(),
                     [](const ProbePointComponent &c) {
                       return c.arg && c.arg->kind == ExprKind::string &&
                              has_glob_chars(
                                  static_cast<StringLit *>(c.arg)->value);
                     });
}

// A body to run, and the expansion chain its copy carries.
struct Piece {
  const Block *body;
  ExpansionId chain;
};

struct Expansion_ {
  ProbeDecl *written = nullptr;
  std::string written_text;
  std::vector<AliasDecl *> chain;
  std::vector<std::string> names;
  bool optional = false;
  Expr *condition = nullptr;
  // The innermost alias a suffix was attached through, and its point as
  // written there: an error in the suffixed point names both.
  std::string suffixed_alias;
  const ProbePoint *suffixed_target = nullptr;
};

std::string join(const std::vector<ProbePointComponent> &comps) {
  std::string out;
  for (size_t i = 0; i < comps.size(); ++i) {
    if (i) out += '.';
    out += comps[i].name;
  }
  return out;
}

std::vector<std::string> names_of(const ProbePoint &p) {
  std::vector<std::string> out;
  for (const auto &c : p.components) out.push_back(c.name);
  return out;
}

// Alias names carry no arguments; a point that passes one names something
// else.
bool matches_alias(const ProbePoint &pp, const ProbePoint &alias_name) {
  for (size_t i = 0; i < pp.components.size(); ++i)
    if (pp.components[i].arg &&
        (i >= alias_name.components.size() ||
         !alias_name.components[i].arg))
      return false;
  return alias_name_matches(pp, names_of(alias_name));
}

// Copies `from`'s diagnostics. An error in a point that had an alias's
// suffix attached shows where the alias's own point is; when the suffix
// made the point unknown, the message says so.
void copy_diagnostics(const Diagnostics &from, Diagnostics &to,
                      const Expansion_ &e) {
  for (const Diagnostic &d : from.all()) {
    bool blame = e.suffixed_target && d.severity == Severity::error;
    Diagnostic &n = to.report(d.id, d.loc,
                              blame && d.id == DiagId::probe_unknown
                                  ? "invalid suffix for probe alias '" +
                                        e.suffixed_alias + "': " + d.message
                                  : d.message);
    n.notes = d.notes;
    if (blame)
      n.notes.push_back({e.suffixed_target->loc,
                         "probe alias '" + e.suffixed_alias + "' expands to '" +
                             e.suffixed_target->to_string() + "' here"});
  }
}

class Expander {
public:
  explicit Expander(ElabState &st) : st_(st) {}

  void expand(ProbeDecl *written) {
    for (ProbePoint *pp : written->points) {
      Expansion_ e;
      e.written = written;
      e.written_text = pp->to_string();
      // `!` is optional and sufficient (SystemTap's language reference).
      e.optional = pp->optional || pp->sufficient;
      e.condition = pp->condition;
      std::deque<Piece> pieces;
      if (written->body) pieces.push_back({written->body, kNoExpansion});
      size_t made = point(pp, e, pieces);
      if (pp->sufficient && made > 0) break;
    }
  }

private:
  using AliasMatches = std::vector<std::pair<AliasDecl *, const ProbePoint *>>;

  // The aliases whose name matches `pp` whole (after loading the tapset
  // files that define them).
  AliasMatches aliases_named(const ProbePoint &pp) {
    st_.library.require_aliases(pp);
    register_new_tapsets(st_);
    AliasMatches matched;
    for (AliasDecl *a : st_.aliases)
      for (const ProbePoint *name : a->names)
        if (matches_alias(pp, *name)) {
          matched.push_back({a, name});
          break;
        }
    return matched;
  }

  // SystemTap's alias suffixes: a point no alias or built-in probe
  // matches whole may start with an alias name; the longest such start
  // wins, and the rest of the point (`suffix`) is attached to every point
  // the alias expands to.
  AliasMatches aliases_prefixing(const ProbePoint &pp,
                                 std::vector<ProbePointComponent> &suffix) {
    if (!st_.registry.match_quiet(pp).empty()) return {};
    for (size_t len = pp.components.size(); len-- > 1;) {
      ProbePoint head = pp;
      head.components.resize(len);
      AliasMatches matched = aliases_named(head);
      if (matched.empty()) continue;
      suffix.assign(pp.components.begin() + len, pp.components.end());
      return matched;
    }
    return {};
  }

  size_t point(const ProbePoint *pp, Expansion_ &e,
               const std::deque<Piece> &pieces) {
    std::vector<ProbePointComponent> suffix;
    AliasMatches matched = aliases_named(*pp);
    if (matched.empty()) matched = aliases_prefixing(*pp, suffix);
    if (matched.empty()) return builtin(pp, e, pieces);
    size_t made = 0;
    for (auto [alias, name] : matched)
      made += through_alias(pp, alias, *name, suffix, e, pieces);
    return made;
  }

  size_t through_alias(const ProbePoint *use, AliasDecl *alias,
                       const ProbePoint &name,
                       const std::vector<ProbePointComponent> &suffix,
                       Expansion_ &e, const std::deque<Piece> &pieces) {
    std::string alias_name = join(name.components);
    if (std::find(e.chain.begin(), e.chain.end(), alias) != e.chain.end()) {
      // The use's expansion chain already shows the way round the loop.
      st_.diags.error(DiagId::probe_alias_recursion, use->loc,
                      "probe alias '" + alias_name + "' expands to itself");
      return 0;
    }
    ExpansionId exp = st_.sm.add_expansion(
        {ExpansionKind::alias, use->loc, alias_name, kNoExpansion});
    std::deque<Piece> inner = pieces;
    if (alias->body) {
      if (alias->epilogue) inner.push_back({alias->body, exp});
      else inner.push_front({alias->body, exp});
    }
    if (alias->epilogue_body) inner.push_back({alias->epilogue_body, exp});
    e.chain.push_back(alias);
    e.names.push_back(alias_name);
    bool was_optional = e.optional;
    std::string was_suffixed_alias = e.suffixed_alias;
    const ProbePoint *was_suffixed_target = e.suffixed_target;
    Expr *was_condition = e.condition;
    size_t made = 0;
    for (ProbePoint *target : alias->targets) {
      ProbePoint *t = clone_point(target, st_.ctx, st_.sm, exp);
      if (!suffix.empty()) {
        e.suffixed_alias = alias_name;
        e.suffixed_target = clone_point(target, st_.ctx, st_.sm, exp);
        t->components.insert(t->components.end(), suffix.begin(), suffix.end());
      }
      e.optional = was_optional || t->optional || t->sufficient;
      if (!e.condition) e.condition = t->condition;
      size_t n = point(t, e, inner);
      made += n;
      e.condition = was_condition;
      if (t->sufficient && n > 0) break;
    }
    e.optional = was_optional;
    e.suffixed_alias = was_suffixed_alias;
    e.suffixed_target = was_suffixed_target;
    e.chain.pop_back();
    e.names.pop_back();
    return made;
  }

  std::vector<std::string> suggestion_names() const {
    std::vector<std::string> out = st_.library.alias_names();
    for (AliasDecl *a : st_.aliases)
      for (const ProbePoint *n : a->names) out.push_back(join(n->components));
    return out;
  }

  // A resolved point: no `?`/`!` any more, the condition of the outermost
  // point that had one.
  ProbePoint *concrete(const ProbePoint *p, Expr *condition) {
    ProbePoint *c = st_.ctx.make_at<ProbePoint>(p->loc);
    c->components = p->components;
    c->pid = p->pid;
    c->from_wildcard = p->from_wildcard;
    c->kernel_symbol = p->kernel_symbol;
    c->kernel_offset = p->kernel_offset;
    c->kernel_inline_die = p->kernel_inline_die;
    c->kernel_callers = p->kernel_callers;
    c->condition = condition;
    return c;
  }

  // `-p2` is the whole lint: a point whose family pass 3 cannot build yet
  // is refused here, where it was written, not by pass 3. An optional one
  // is left out like any other point that cannot be placed.
  bool buildable(const ProbePoint *pp, const ProbeType &t, bool optional) {
    if (pass3_implements(t)) return true;
    if (!optional)
      st_.diags.error(DiagId::opt_not_implemented, pp->loc,
                      "probe point '" + pp->to_string() +
                          "' is not supported yet (stap cannot build this "
                          "kind of '" +
                          probe_family(t.family).name + "' probe)");
    return false;
  }

  // A wildcard kept unexpanded (no symbols to match it against: the
  // warning said why) names no probe pass 3 could place: an error here,
  // or nothing at all for an optional point.
  void refuse_unexpanded(const ExpandedPoint &ep, bool optional) {
    if (!optional)
      st_.diags.error(DiagId::opt_not_implemented, ep.point->loc,
                      "probe point '" + ep.point->to_string() +
                          "' cannot be built: its wildcard could not be "
                          "expanded");
  }

  size_t builtin(const ProbePoint *pp, Expansion_ &e,
                 const std::deque<Piece> &pieces) {
    // Bare process.function / process(PID).function: the executable first.
    if (auto bound = bind_process_target(*pp, e.optional, st_.opts, st_.ctx,
                                         st_.diags)) {
      if (!*bound) return 0;
      pp = *bound;
    }
    std::vector<const ProbeType *> types = st_.registry.match_quiet(*pp);
    if (types.empty()) {
      if (e.optional) return 0;
      Diagnostics scratch(st_.sm, st_.diags.options());
      std::vector<std::string> names = suggestion_names();
      // An alias the preprocessor left out (a kernel version condition) is
      // still in the library's index: never suggest the name as written.
      std::erase(names, join(pp->components));
      st_.registry.match_all(*pp, scratch, &names);
      if (scratch.all().empty())
        scratch.error(DiagId::probe_unknown, pp->loc,
                      "unknown probe point '" + pp->to_string() + "'");
      copy_diagnostics(scratch, st_.diags, e);
      return 0;
    }
    size_t made = 0;
    for (const ProbeType *t : types) {
      // Optional-ness may come from an outer point: let the expander know.
      ProbePoint query = *pp;
      query.optional = e.optional;
      query.in_tapset =
          e.written->from_tapset ||
          std::any_of(e.chain.begin(), e.chain.end(),
                      [](const AliasDecl *a) { return a->from_tapset; });
      // The family's own point rules first (a procfs path, a timer range),
      // then whether pass 3 builds the point at all.
      Diagnostics scratch(st_.sm, st_.diags.options());
      std::vector<ExpandedPoint> points =
          expand_wildcards(query, *t, *st_.symbols, st_.ctx, scratch);
      copy_diagnostics(scratch, st_.diags, e);
      if (points.empty() || !buildable(pp, *t, e.optional)) continue;
      Block *body = st_.ctx.make_at<Block>(e.written->body
                                               ? e.written->body->loc
                                               : pp->loc);
      for (const Piece &p : pieces)
        body->stmts.push_back(clone_stmt(p.body, st_.ctx, st_.sm, p.chain));
      if (!e.chain.empty()) resolve_probe_writes(body, e.written->body);
      size_t owner = st_.probes.size();
      for (const ExpandedPoint &ep : points) {
        if (ep.unexpanded) {
          refuse_unexpanded(ep, e.optional);
          continue;
        }
        ProbeDecl *d = st_.ctx.make_at<ProbeDecl>(e.written->loc);
        d->points.push_back(concrete(ep.point, e.condition));
        d->body = body;
        d->is_private = e.written->is_private;
        d->from_tapset = e.written->from_tapset;
        d->file = e.written->file;
        d->via_aliases = e.chain;
        ResolvedProbe rp;
        rp.decl = d;
        rp.type = ep.type;
        rp.origin.written = e.written_text;
        rp.origin.aliases = e.names;
        rp.origin.optional = e.optional;
        rp.origin.from_pattern = has_pattern_argument(*pp);
        rp.shares_body = st_.probes.size() != owner;
        rp.owner = owner;
        st_.probes.push_back(std::move(rp));
        ++made;
      }
    }
    return made;
  }

  ElabState &st_;
};

}  // namespace

void expand_pending_probes(ElabState &st) {
  Expander ex(st);
  // Expanding may pull in tapset files whose own probes join the queue.
  while (!st.pending_probes.empty()) {
    std::vector<ProbeDecl *> batch;
    batch.swap(st.pending_probes);
    for (ProbeDecl *p : batch) ex.expand(p);
  }
}

}  // namespace stap
