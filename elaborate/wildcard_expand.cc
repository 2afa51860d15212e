#include "elaborate/wildcard_expand.h"

#include "symbols/glob.h"

namespace stap {

namespace {

// For each component of `t`, the index of the component of `pp` that
// matched it, or -1 when a `**` absorbed it. Mirrors the registry's matcher.
bool map_components(const ProbePoint &pp, size_t pi, const ProbeType &t,
                    size_t ti, std::vector<int> &map) {
  const auto &pc = pp.components;
  const auto &tc = t.components;
  if (pi == pc.size()) return ti == tc.size();
  if (pc[pi].name == "**") {
    if (map_components(pp, pi + 1, t, ti, map)) return true;
    if (ti < tc.size() && (tc[ti].arg == ProbeArg::none || tc[ti].arg_optional)) {
      map[ti] = -1;
      return map_components(pp, pi, t, ti + 1, map);
    }
    return false;
  }
  if (ti == tc.size()) return false;
  if (pc[pi].name != tc[ti].name && !glob_match(pc[pi].name, tc[ti].name))
    return false;
  map[ti] = static_cast<int>(pi);
  return map_components(pp, pi + 1, t, ti + 1, map);
}

// `pp` rewritten with the type's component names (resolving `*`, `**`).
ProbePoint *concretize_names(const ProbePoint &pp, const ProbeType &t,
                             AstContext &ctx) {
  std::vector<int> map(t.components.size(), -1);
  if (!map_components(pp, 0, t, 0, map)) return nullptr;
  auto *out = ctx.make_at<ProbePoint>(pp.loc);
  out->optional = pp.optional;
  out->sufficient = pp.sufficient;
  out->condition = pp.condition;
  for (size_t i = 0; i < t.components.size(); ++i) {
    ProbePointComponent c;
    c.name = t.components[i].name;
    if (map[i] >= 0) {
      c.arg = pp.components[map[i]].arg;
      c.loc = pp.components[map[i]].loc;
    } else {
      c.loc = pp.loc;
    }
    out->components.push_back(std::move(c));
  }
  return out;
}

const StringLit *string_arg(const ProbePoint &pp, int index) {
  if (index < 0 || static_cast<size_t>(index) >= pp.components.size())
    return nullptr;
  const Expr *e = pp.components[index].arg;
  return e && e->kind == ExprKind::string ? static_cast<const StringLit *>(e)
                                          : nullptr;
}

int component_index(const ProbeType &t, std::string_view name) {
  for (size_t i = 0; i < t.components.size(); ++i)
    if (t.components[i].name == name) return static_cast<int>(i);
  return -1;
}

bool is_user_kind(SymbolKind k) {
  return k == SymbolKind::process_function ||
         k == SymbolKind::process_statement || k == SymbolKind::process_mark ||
         k == SymbolKind::process_plt;
}

Location arg_loc(const ProbePoint &pp, int index) {
  const ProbePointComponent &c = pp.components[index];
  if (c.arg && c.arg->loc.valid()) return c.arg->loc;
  return c.loc.valid() ? c.loc : pp.loc;
}

}  // namespace

std::vector<ExpandedPoint> expand_wildcards(const ProbePoint &pp,
                                            const ProbeType &type,
                                            SymbolSource &symbols,
                                            AstContext &ctx,
                                            Diagnostics &diags) {
  std::vector<ExpandedPoint> out;
  ProbePoint *base = concretize_names(pp, type, ctx);
  if (!base) return out;
  if (type.positive_numbers) {
    for (size_t i = 0; i < base->components.size(); ++i) {
      const Expr *a = base->components[i].arg;
      if (!a || a->kind != ExprKind::number) continue;
      int64_t v = static_cast<const NumberLit *>(a)->value;
      if (v > 0) continue;
      diags.error(DiagId::probe_bad_param, arg_loc(*base, static_cast<int>(i)),
                  "'" + base->components[i].name + "' needs a positive number, "
                  "not " + std::to_string(v) + " in probe point '" +
                  pp.to_string() + "'");
      return out;
    }
  }

  if (auto check = probe_family(type.family).check_point) {
    ProbeFamilyDef::PointError e = check(*base);
    if (!e.message.empty()) {
      diags.error(DiagId::probe_bad_param, arg_loc(*base, e.component),
                  e.message + " in probe point '" + pp.to_string() + "'");
      return out;
    }
  }

  // The binary a user-space probe names must exist and be ELF, wildcard or
  // not: "process("/nope").begin" is a mistake worth reporting at pass 2.
  const int bin = type.binary_component;
  std::string binary_path;
  const bool user_binary = bin >= 0 && type.components[bin].name != "module";
  if (const StringLit *b = string_arg(*base, bin)) {
    bool library = type.components[bin].name == "library";
    binary_path = user_binary ? resolve_binary_path(b->value, library) : b->value;
    if (user_binary && !has_glob_chars(binary_path)) {
      std::string error;
      if (!symbols.binary(binary_path, library, &error)) {
        if (!pp.optional)
          diags.error(DiagId::probe_bad_binary, arg_loc(*base, bin), error);
        return out;
      }
    }
  }

  const int sym = type.symbol_component;
  const StringLit *pattern = string_arg(*base, sym);
  bool wild = pattern && has_glob_chars(split_function_spec(pattern->value).name +
                                        split_function_spec(pattern->value).file);
  if (type.symbols == SymbolKind::none || !wild) {
    out.push_back({base, &type});
    return out;
  }
  if (is_user_kind(type.symbols) && binary_path.empty()) {
    // Bare process.function("*"): the executable comes from -c/-x later.
    out.push_back({base, &type, true});
    return out;
  }

  std::string qualifier;
  if (type.symbols == SymbolKind::process_mark)
    if (const StringLit *p = string_arg(*base, component_index(type, "provider")))
      qualifier = p->value;
  SymbolMatches m =
      symbols.glob(type.symbols, binary_path, pattern->value, qualifier);
  switch (m.status) {
  case SymbolStatus::unavailable:
    if (symbols.first_time("unavailable:" + m.detail))
      diags.report(DiagId::probe_symbols_unavailable, arg_loc(*base, sym),
                   std::string("cannot expand '") + pattern->value +
                       "': " + m.detail +
                       "; keeping the probe point unexpanded");
    out.push_back({base, &type, true});
    return out;
  case SymbolStatus::bad_binary:
    if (!pp.optional)
      diags.error(DiagId::probe_bad_binary, arg_loc(*base, bin >= 0 ? bin : sym),
                  m.detail);
    return out;
  case SymbolStatus::ok: break;
  }
  if (m.names.empty()) {
    if (!pp.optional)
      diags.error(DiagId::probe_no_match, arg_loc(*base, sym),
                  "no " + std::string(symbol_kind_name(type.symbols)) +
                      " matches '" + pattern->value + "' in probe point '" +
                      pp.to_string() + "'");
    return out;
  }
  for (const std::string &name : m.names) {
    auto *p = ctx.make_at<ProbePoint>(base->loc);
    *p = *base;
    auto *lit = ctx.make_at<StringLit>(pattern->loc);
    lit->value = name;
    lit->type = Type::string;
    p->components[sym].arg = lit;
    out.push_back({p, &type});
  }
  return out;
}

std::vector<ExpandedPoint> expand_probe_point(
    const ProbePoint &pp, const ProbeRegistry &registry, SymbolSource &symbols,
    AstContext &ctx, Diagnostics &diags,
    const std::vector<std::string> *alias_names) {
  std::vector<ExpandedPoint> out;
  std::vector<const ProbeType *> types =
      pp.optional ? registry.match_quiet(pp)
                  : registry.match_all(pp, diags, alias_names);
  for (const ProbeType *t : types)
    for (ExpandedPoint &e : expand_wildcards(pp, *t, symbols, ctx, diags))
      out.push_back(e);
  return out;
}

}  // namespace stap
