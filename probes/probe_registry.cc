#include "probes/probe_registry.h"

#include <algorithm>
#include <set>

#include "symbols/glob.h"

namespace stap {

const char *probe_arg_name(ProbeArg a) {
  switch (a) {
  case ProbeArg::none: return "";
  case ProbeArg::number: return "number";
  case ProbeArg::string: return "string";
  case ProbeArg::number_or_string: return "string|number";
  }
  return "";
}

const char *symbol_kind_name(SymbolKind k) {
  switch (k) {
  case SymbolKind::none: return "none";
  case SymbolKind::kernel_function: return "kernel function";
  case SymbolKind::kernel_statement: return "kernel statement";
  case SymbolKind::kernel_module_function: return "kernel module function";
  case SymbolKind::kernel_module_statement: return "kernel module statement";
  case SymbolKind::kernel_tracepoint: return "kernel tracepoint";
  case SymbolKind::kernel_data: return "kernel data symbol";
  case SymbolKind::process_function: return "process function";
  case SymbolKind::process_statement: return "process statement";
  case SymbolKind::process_mark: return "process mark";
  case SymbolKind::process_plt: return "process plt entry";
  }
  return "none";
}

bool has_name_wildcard(std::string_view name) { return has_glob_chars(name); }

namespace {

bool arg_is_number(const Expr *e) { return e->kind == ExprKind::number; }

const char *literal_kind(const Expr *e) {
  return arg_is_number(e) ? "number" : "string";
}

bool arg_fits(const Expr *arg, const ProbeComponentSpec &spec) {
  if (spec.arg == ProbeArg::none) return arg == nullptr;
  if (!arg) return spec.arg_optional;
  switch (spec.arg) {
  case ProbeArg::number: return arg_is_number(arg);
  case ProbeArg::string: return !arg_is_number(arg);
  default: return true;
  }
}

bool name_fits(const std::string &pp_name, const std::string &spec_name) {
  return pp_name == spec_name || glob_match(pp_name, spec_name);
}

// Does pp.components[pi..] match t.components[ti..]? `**` stands for any
// number (zero or more) of components; its own argument must be absent.
bool match_from(const ProbePoint &pp, size_t pi, const ProbeType &t, size_t ti,
                bool check_args) {
  const auto &pc = pp.components;
  const auto &tc = t.components;
  if (pi == pc.size()) return ti == tc.size();
  if (pc[pi].name == "**") {
    if (match_from(pp, pi + 1, t, ti, check_args)) return true;
    // `**` has no argument to give, so it cannot stand for a component
    // that requires one.
    return ti < tc.size() &&
           (tc[ti].arg == ProbeArg::none || tc[ti].arg_optional) &&
           match_from(pp, pi, t, ti + 1, check_args);
  }
  if (ti == tc.size()) return false;
  if (!name_fits(pc[pi].name, tc[ti].name)) return false;
  if (check_args && !arg_fits(pc[pi].arg, tc[ti])) return false;
  return match_from(pp, pi + 1, t, ti + 1, check_args);
}

bool has_wildcard_names(const ProbePoint &pp) {
  return std::any_of(pp.components.begin(), pp.components.end(),
                     [](const auto &c) { return has_name_wildcard(c.name); });
}

// Does pp's first n components match t's first n (names and arguments)?
bool prefix_fits(const ProbePoint &pp, size_t n, const ProbeType &t) {
  if (t.components.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (pp.components[i].name != t.components[i].name) return false;
    if (!arg_fits(pp.components[i].arg, t.components[i])) return false;
  }
  return true;
}

std::string names_prefix(const ProbePoint &pp, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < pp.components.size(); ++i) {
    if (i) out += '.';
    out += pp.components[i].name;
  }
  return out;
}

// pp printed up to (not including) component n, arguments kept.
std::string printed_prefix(const ProbePoint &pp, size_t n) {
  ProbePoint copy;
  copy.components.assign(pp.components.begin(),
                         pp.components.begin() + std::min(n, pp.components.size()));
  return copy.to_string();
}

Location component_loc(const ProbePoint &pp, size_t i) {
  if (i < pp.components.size() && pp.components[i].loc.valid())
    return pp.components[i].loc;
  return pp.loc;
}

bool close_enough(std::string_view typed, std::string_view cand, size_t d) {
  size_t limit = std::max<size_t>(1, std::min(typed.size(), cand.size()) / 3);
  return d <= limit;
}

}  // namespace

bool ProbeRegistry::parse_pattern(std::string_view p,
                                  std::vector<ProbeComponentSpec> &out) {
  out.clear();
  size_t i = 0;
  while (i < p.size()) {
    ProbeComponentSpec spec;
    size_t start = i;
    while (i < p.size() && p[i] != '.' && p[i] != '(') ++i;
    spec.name = std::string(p.substr(start, i - start));
    if (spec.name.empty()) return false;
    if (i < p.size() && p[i] == '(') {
      size_t close = p.find(')', i);
      if (close == std::string_view::npos) return false;
      std::string_view arg = p.substr(i + 1, close - i - 1);
      if (!arg.empty() && arg.back() == '?') {
        spec.arg_optional = true;
        arg.remove_suffix(1);
      }
      if (arg == "number") spec.arg = ProbeArg::number;
      else if (arg == "string") spec.arg = ProbeArg::string;
      else if (arg == "string|number" || arg == "number|string")
        spec.arg = ProbeArg::number_or_string;
      else return false;
      i = close + 1;
    }
    out.push_back(std::move(spec));
    if (i < p.size()) {
      if (p[i] != '.') return false;
      ++i;
      if (i == p.size()) return false;
    }
  }
  return !out.empty();
}

void ProbeRegistry::add(ProbeType t) {
  if (t.components.empty()) parse_pattern(t.pattern, t.components);
  // Derive which component names symbols and which names the binary, so the
  // family tables only say what kind of symbol it is.
  for (size_t i = 0; i < t.components.size(); ++i) {
    const ProbeComponentSpec &c = t.components[i];
    if (c.arg != ProbeArg::string && c.arg != ProbeArg::number_or_string)
      continue;
    static const char *const kSymbolic[] = {"function", "statement", "trace",
                                            "mark", "plt", "data"};
    bool symbolic = std::any_of(std::begin(kSymbolic), std::end(kSymbolic),
                                [&](const char *n) { return c.name == n; });
    if (symbolic && t.symbols != SymbolKind::none && t.symbol_component < 0)
      t.symbol_component = static_cast<int>(i);
    if (c.name == "process" || c.name == "module" || c.name == "library")
      t.binary_component = static_cast<int>(i);
  }
  types_.push_back(std::move(t));
}

const ProbeRegistry &ProbeRegistry::builtin() {
  static const ProbeRegistry reg = [] {
    ProbeRegistry r;
    for (int i = 0; i <= static_cast<int>(kLastProbeFamily); ++i) {
      auto family = static_cast<ProbeFamily>(i);
      size_t first = r.types_.size();
      probe_family(family).register_types(r);
      for (size_t t = first; t < r.types_.size(); ++t)
        r.types_[t].family = family;
    }
    return r;
  }();
  return reg;
}

bool ProbeRegistry::is_builtin_family(std::string_view first) const {
  return std::any_of(types_.begin(), types_.end(), [&](const ProbeType &t) {
    return t.components.front().name == first;
  });
}

std::vector<const ProbeType *> ProbeRegistry::match_quiet(
    const ProbePoint &pp) const {
  std::vector<const ProbeType *> out;
  if (pp.components.empty()) return out;
  for (const ProbeType &t : types_)
    if (match_from(pp, 0, t, 0, true)) out.push_back(&t);
  return out;
}

std::vector<const ProbeType *> ProbeRegistry::match_all(
    const ProbePoint &pp, Diagnostics &diags,
    const std::vector<std::string> *extra_names) const {
  std::vector<const ProbeType *> out = match_quiet(pp);
  if (out.empty()) report_failure(pp, diags, extra_names);
  return out;
}

const ProbeType *ProbeRegistry::match(
    const ProbePoint &pp, Diagnostics &diags,
    const std::vector<std::string> *extra_names) const {
  std::vector<const ProbeType *> all = match_all(pp, diags, extra_names);
  return all.empty() ? nullptr : all.front();
}

void ProbeRegistry::report_failure(
    const ProbePoint &pp, Diagnostics &diags,
    const std::vector<std::string> *extra_names) const {
  const std::string whole = pp.to_string();
  if (pp.components.empty()) {
    diags.error(DiagId::probe_unknown, pp.loc, "empty probe point");
    return;
  }

  // 1. The names fit some type: an argument is wrong, missing or extra.
  if (!has_wildcard_names(pp)) {
    size_t best_ok = 0;
    const ProbeType *best = nullptr;
    for (const ProbeType &t : types_) {
      if (!match_from(pp, 0, t, 0, false)) continue;
      size_t ok = 0;
      while (ok < t.components.size() &&
             arg_fits(pp.components[ok].arg, t.components[ok]))
        ++ok;
      if (!best || ok > best_ok) best = &t, best_ok = ok;
    }
    if (best) {
      size_t i = best_ok;
      const ProbePointComponent &c = pp.components[i];
      std::string who = "'" + names_prefix(pp, i + 1) + "'";
      // Every argument kind accepted at this position by a type whose names
      // fit and whose earlier arguments fit too.
      std::set<std::string> kinds;
      for (const ProbeType &t : types_)
        if (match_from(pp, 0, t, 0, false) && prefix_fits(pp, i, t) &&
            t.components[i].arg != ProbeArg::none)
          kinds.insert(probe_arg_name(t.components[i].arg));
      std::string expected;
      for (const std::string &k : kinds)
        expected += (expected.empty() ? "" : " or ") + k;
      if (expected == "number or string") expected = "string or number";
      std::string msg;
      Location loc = component_loc(pp, i);
      if (!c.arg) {
        msg = who + " requires a " + expected + " argument";
      } else if (kinds.empty()) {
        msg = who + " takes no argument";
        loc = c.arg->loc.valid() ? c.arg->loc : loc;
      } else {
        msg = who + " expects a " + expected + " argument, not a " +
              literal_kind(c.arg);
        loc = c.arg->loc.valid() ? c.arg->loc : loc;
      }
      diags.error(DiagId::probe_bad_param, loc,
                  msg + " in probe point '" + whole + "'");
      return;
    }
  }

  // 2. Find how far the point follows some type, then what could come next.
  size_t k = 0;
  while (k < pp.components.size()) {
    bool any = std::any_of(types_.begin(), types_.end(), [&](const ProbeType &t) {
      return prefix_fits(pp, k + 1, t);
    });
    if (!any) break;
    ++k;
  }
  std::vector<std::string> next;  // component names valid at position k
  bool may_end = false;
  for (const ProbeType &t : types_) {
    if (!prefix_fits(pp, k, t)) continue;
    if (t.components.size() == k) may_end = true;
    else if (std::find(next.begin(), next.end(), t.components[k].name) ==
             next.end())
      next.push_back(t.components[k].name);
  }
  std::sort(next.begin(), next.end());

  std::string suggestion;
  size_t best_d = SIZE_MAX;
  if (k == pp.components.size()) {
    // Every component fitted but the point stops early (`kernel`).
    Diagnostic &d = diags.error(DiagId::probe_unknown, pp.loc,
                                "incomplete probe point '" + whole + "'");
    std::string list;
    for (const std::string &n : next) list += (list.empty() ? "." : ", .") + n;
    d.notes.push_back({Location{}, "'" + printed_prefix(pp, k) +
                                       "' continues with one of " + list});
    return;
  }
  const std::string &typed = pp.components[k].name;
  std::string prefix = printed_prefix(pp, k);
  for (const std::string &n : next) {
    size_t dist = edit_distance(typed, n);
    if (dist < best_d && close_enough(typed, n, dist)) {
      best_d = dist;
      suggestion = prefix.empty() ? n : prefix + "." + n;
    }
  }
  if (extra_names) {
    std::string typed_all = names_prefix(pp, pp.components.size());
    for (const std::string &alias : *extra_names) {
      size_t dist = edit_distance(typed_all, alias);
      if (dist < best_d && close_enough(typed_all, alias, dist)) {
        best_d = dist;
        suggestion = alias;
      }
    }
  }
  std::string msg = "unknown probe point '" + whole + "'";
  if (!suggestion.empty()) msg += "; did you mean '" + suggestion + "'?";
  Diagnostic &d = diags.error(DiagId::probe_unknown, component_loc(pp, k), msg);
  if (k > 0 && suggestion.empty() && !next.empty() && next.size() <= 12) {
    std::string list;
    for (const std::string &n : next) list += (list.empty() ? "." : ", .") + n;
    d.notes.push_back({Location{}, "'" + prefix + "' continues with one of " +
                                       list + (may_end ? " (or nothing)" : "")});
  }
}

std::string dump_probe_types(
    const ProbeRegistry &reg,
    const std::function<std::string(const ProbeType &)> &extra_column) {
  std::vector<const ProbeType *> sorted;
  for (const ProbeType &t : reg.types()) sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(),
            [](auto *a, auto *b) { return a->pattern < b->pattern; });
  size_t w1 = 0, w2 = 0;
  for (auto *t : sorted) {
    w1 = std::max(w1, t->pattern.size());
    w2 = std::max(w2, t->action.size());
  }
  std::string out;
  for (auto *t : sorted) {
    std::string line = t->pattern;
    line.resize(w1 + 2, ' ');
    if (extra_column) {
      line += t->action;
      line.resize(w1 + 2 + w2 + 2, ' ');
      line += extra_column(*t);
    } else {
      line += t->action;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace stap
