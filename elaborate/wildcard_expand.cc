#include "elaborate/wildcard_expand.h"

#include <algorithm>
#include <set>

#include "elaborate/kernel_function_copies.h"
#include "elaborate/kernel_inline_points.h"
#include "elaborate/suggest.h"
#include "symbols/glob.h"
#include "symbols/kprobe_blacklist.h"
#include "symbols/user_call_sites.h"
#include "symbols/user_dwarf.h"
#include "symbols/user_probe_site.h"

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
  out->pid = pp.pid;
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

// process(...).function("F") with nothing after it: the form that fires
// at F's inlined copies as well as at its entry.
bool plain_function(const ProbeType &t) {
  return t.symbols == SymbolKind::process_function &&
         t.components.back().name == "function";
}

// A kernel point pass 2 places through vmlinux's (or a module's) line
// table: kernel.statement("f@file:N"), and kernel.function("f@file") (at
// f's entry) or "f@file:N" (at the line; not a return there).
bool placed_through_lines(const ProbeType &t, const ProbePoint &pp) {
  if (t.symbols == SymbolKind::kernel_statement ||
      t.symbols == SymbolKind::kernel_module_statement)
    return true;
  if (t.symbols != SymbolKind::kernel_function &&
      t.symbols != SymbolKind::kernel_module_function)
    return false;
  const StringLit *fn = string_arg(pp, t.symbol_component);
  return fn && (!t.allows_return_values ||
                split_function_spec(fn->value).line.empty());
}

// A kernel.function or module("M").function point.
bool kernel_or_module_function(const ProbeType &t) {
  return t.symbols == SymbolKind::kernel_function ||
         t.symbols == SymbolKind::kernel_module_function;
}

// kernel.function("PATTERN").inline (or module("M")'s), which pass 2
// places at each inlined copy of the functions it names
// (kernel_inline_points.h).
bool kernel_inline(const ProbeType &t) {
  return kernel_or_module_function(t) && component_index(t, "inline") >= 0;
}

// kernel.function("F").label("L"), .callee("G")[.call|.return] and
// .callees[(N)] (or module("M")'s): placed through vmlinux's (or M's)
// DWARF too.
bool kernel_label_or_callee(const ProbeType &t) {
  return kernel_or_module_function(t) && (component_index(t, "label") >= 0 ||
                                          component_index(t, "callee") >= 0 ||
                                          component_index(t, "callees") >= 0);
}

// The points of inlined kernel copies `spec` names, or an error saying
// why there are none (unless `pp` is optional).
std::vector<ExpandedPoint>
kernel_inline_expansion(const ProbePoint &pp, const ProbePoint &base,
                        const ProbeType &type, const StringLit &spec, bool wild,
                        SymbolSource &symbols, AstContext &ctx,
                        Diagnostics &diags) {
  std::vector<ExpandedPoint> out;
  KernelInlineCopies copies = kernel_inline_copies(base, type.symbol_component,
                                                   spec.value, symbols, ctx);
  for (ProbePoint *p : copies.points) {
    p->from_wildcard = wild;
    out.push_back({p, &type});
  }
  if (out.empty() && !pp.optional) {
    std::string near = closest_name(split_function_spec(spec.value).name,
                                    copies.inlined_names);
    const Expr *module = base.arg_of("module");
    std::string of = module && module->kind == ExprKind::string
                         ? "a function of module '" +
                               static_cast<const StringLit *>(module)->value +
                               "'"
                         : "a kernel function";
    diags.error(DiagId::probe_no_match, spec.loc,
                "no inlined copy of " + of + " matches '" + spec.value +
                    "' in probe point '" + pp.to_string() + "'" +
                    (!copies.why.empty() ? ": " + copies.why
                     : near.empty()      ? ""
                                         : "; did you mean '" + near + "'?"));
  }
  return out;
}

// The points of process function point `p` (a concrete name): itself, at
// F's entry, unless it is .inline or F has no symbol; and for .inline and
// plain .function, one point per inlined copy of F, named by the copy's
// address, .inline(ADDR), so each has its own variable locations.
void add_inline_copies(ProbePoint *p, const ProbeType &t,
                       const std::string &binary, SymbolSource &symbols,
                       AstContext &ctx, std::vector<ExpandedPoint> &out) {
  const int inl = component_index(t, "inline");
  std::string name =
      split_function_spec(string_arg(*p, t.symbol_component)->value).name;
  std::string why;
  const BinaryInfo *info = symbols.binary(binary, false, &why);
  bool has_symbol = false, inlined = false;
  for (const ElfFunction &f :
       info ? info->functions : std::vector<ElfFunction>{})
    if (f.name == name) has_symbol = f.has_symbol, inlined = f.inlined;
  if (inl < 0 && (has_symbol || !inlined)) out.push_back({p, &t});
  if ((inl < 0 && !plain_function(t)) || !inlined) return;
  const UserDwarf *dwarf = symbols.user_dwarf(binary, false, &why);
  for (uint64_t pc :
       dwarf ? dwarf->inline_sites(name) : std::vector<uint64_t>{}) {
    auto *copy = ctx.make_at<ProbePoint>(p->loc);
    *copy = *p;
    auto *addr = ctx.make_at<NumberLit>(p->loc);
    addr->value = static_cast<int64_t>(pc);
    char hex[24];
    snprintf(hex, sizeof(hex), "0x%llx", static_cast<unsigned long long>(pc));
    addr->spelling = hex;
    addr->type = Type::long_;
    if (inl >= 0)
      copy->components[inl].arg = addr;
    else
      copy->components.push_back({"inline", addr, p->loc});
    out.push_back({copy, &t});
  }
}

// The points of `pp` with every symbol pattern expanded, labels aside.
std::vector<ExpandedPoint> expand_symbols(const ProbePoint &pp,
                                          const ProbeType &type,
                                          SymbolSource &symbols,
                                          AstContext &ctx, Diagnostics &diags,
                                          bool names_only) {
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

  // A kernel point only DWARF can place: said here, naming the package,
  // when the target's debuginfo is not installed. A wildcard component
  // (`.c*`) quietly leaves such forms out, like an optional point.
  if (type.family == ProbeFamily::kernel_dwarf) {
    ProbeFamilyDef::PointError form = kernel_dwarf_only_form(*base);
    bool quiet =
        pp.optional || std::any_of(pp.components.begin(), pp.components.end(),
                                   [](const ProbePointComponent &c) {
                                     return has_name_wildcard(c.name);
                                   });
    // module("M"): M's own debuginfo; a module pattern is matched (and
    // refused) below, without opening every module's.
    const StringLit *mod = string_arg(*base, type.binary_component);
    std::string module = mod ? mod->value : "";
    std::string missing;
    if (!form.message.empty() && !has_glob_chars(module))
      missing = symbols.missing_kernel_debuginfo(module);
    if (!missing.empty()) {
      if (!quiet)
        diags.error(DiagId::probe_needs_debuginfo,
                    arg_loc(*base, form.component),
                    "probe point '" + pp.to_string() + "' (" + form.message +
                        ") needs " + missing);
      return out;
    }
    // Each module's debuginfo is a file of its own: a module pattern
    // would open every one (SystemTap 4.8 does, for minutes).
    if ((kernel_inline(type) || kernel_label_or_callee(type)) &&
        has_glob_chars(module)) {
      if (!quiet)
        diags.error(
            DiagId::probe_needs_debuginfo,
            arg_loc(*base, type.binary_component),
            "cannot place probe point '" + pp.to_string() +
                "': " + form.message +
                " is placed through one module's debuginfo, and module '" +
                module + "' is a pattern: name the module");
      return out;
    }
    // Pass 3 places kernel source lines (below); the forms it does not
    // build at all are refused with their type (alias_expansion.cc).
    if (!form.message.empty() && pass3_implements(type) &&
        !placed_through_lines(type, *base) && !kernel_inline(type) &&
        !kernel_label_or_callee(type)) {
      if (!quiet)
        diags.error(DiagId::opt_not_implemented, arg_loc(*base, form.component),
                    "probe point '" + pp.to_string() + "' (" + form.message +
                        ") is not supported yet");
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
    binary_path =
        user_binary ? symbols.resolve_binary(b->value, library) : b->value;
    // process("EXE").library("LIB"): LIB as EXE's dynamic loader finds it.
    const int exe_at = component_index(type, "process");
    if (const StringLit *exe = string_arg(*base, exe_at); library && exe) {
      std::string exe_path = symbols.resolve_binary(exe->value, false);
      binary_path = symbols.resolve_library(b->value, exe_path);
      if (exe_path != exe->value) {
        auto *lit = ctx.make_at<StringLit>(exe->loc);
        lit->value = exe_path;
        lit->type = Type::string;
        base->components[exe_at].arg = lit;
      }
    }
    if (user_binary && !has_glob_chars(binary_path)) {
      std::string error;
      if (!symbols.binary(binary_path, library, &error)) {
        if (!pp.optional)
          diags.error(DiagId::probe_bad_binary, arg_loc(*base, bin), error);
        return out;
      }
    }
    // Later passes see the file pass 2 found ("ls" becomes "/usr/bin/ls"),
    // so they never search PATH themselves.
    if (binary_path != b->value) {
      auto *lit = ctx.make_at<StringLit>(b->loc);
      lit->value = binary_path;
      lit->type = Type::string;
      base->components[bin].arg = lit;
    }
  }

  // process("PATH").statement(ADDR) or .function(ADDR): the address must
  // be code of the file (pass 3 turns it into a file offset for the uprobe).
  int st = component_index(type, "statement");
  if (st < 0) st = component_index(type, "function");
  if (user_binary && st >= 0 && !binary_path.empty() &&
      !has_glob_chars(binary_path) && base->components[st].arg &&
      base->components[st].arg->kind == ExprKind::number) {
    std::string error;
    auto addr = static_cast<const NumberLit *>(base->components[st].arg)->value;
    if (!address_file_offset(binary_path, static_cast<uint64_t>(addr),
                             &error)) {
      if (!pp.optional)
        diags.error(DiagId::probe_bad_param, arg_loc(*base, st), error);
      return out;
    }
  }

  const int sym = type.symbol_component;
  // A bare .plt probes every PLT entry: .plt("*").
  if (type.symbols == SymbolKind::process_plt && sym >= 0 &&
      !base->components[sym].arg) {
    auto *all = ctx.make_at<StringLit>(base->components[sym].loc);
    all->value = "*";
    all->type = Type::string;
    base->components[sym].arg = all;
  }
  const StringLit *pattern = string_arg(*base, sym);
  bool wild = pattern && has_glob_chars(split_function_spec(pattern->value).name +
                                        split_function_spec(pattern->value).file);
  if (pattern && kernel_inline(type))
    return kernel_inline_expansion(pp, *base, type, *pattern, wild, symbols,
                                   ctx, diags);
  // A user function named without wildcards must exist too: matched as a
  // pattern of itself, so a typo gets "no ... matches" and a suggestion.
  bool user_literal = !wild && pattern && !binary_path.empty() &&
                      ((type.symbols == SymbolKind::process_function &&
                        split_function_spec(pattern->value).file.empty()) ||
                       type.symbols == SymbolKind::process_statement ||
                       type.symbols == SymbolKind::process_mark ||
                       type.symbols == SymbolKind::process_plt);
  // So must a kernel function (in a module named without wildcards):
  // kprobes would only refuse it when the module is loaded.
  bool kernel_literal = !wild && pattern &&
                        split_function_spec(pattern->value).file.empty() &&
                        (type.symbols == SymbolKind::kernel_function ||
                         (type.symbols == SymbolKind::kernel_module_function &&
                          !has_glob_chars(binary_path)));
  // So must a kernel source line or file, in the kernel's line table.
  bool kernel_line = !wild && pattern &&
                     (type.symbols == SymbolKind::kernel_statement ||
                      type.symbols == SymbolKind::kernel_function ||
                      type.symbols == SymbolKind::kernel_module_statement ||
                      type.symbols == SymbolKind::kernel_module_function) &&
                     !split_function_spec(pattern->value).file.empty();
  // Functions the kernel is known to refuse: an error when named, left
  // out of a wildcard (below).
  if (pattern && !wild && type.symbols == SymbolKind::kernel_function) {
    std::string fn = split_function_spec(pattern->value).name;
    if (auto why = kprobe_refusal(fn)) {
      if (!pp.optional)
        diags.error(DiagId::probe_refused, arg_loc(*base, sym),
                    "the kernel refuses kprobes on '" + fn + "': " + *why +
                        " (probe point '" + pp.to_string() + "')");
      return out;
    }
  }
  // A tracepoint is always looked up: "sched_switch" becomes
  // "sched:sched_switch", and a misspelt name is reported here.
  if (type.symbols == SymbolKind::none || !pattern ||
      (!wild && !user_literal && !kernel_literal && !kernel_line &&
       type.symbols != SymbolKind::kernel_tracepoint)) {
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
  if ((type.symbols == SymbolKind::process_statement ||
       type.symbols == SymbolKind::kernel_statement ||
       type.symbols == SymbolKind::kernel_module_statement) &&
      component_index(type, "nearest") >= 0)
    qualifier = "nearest";
  SymbolMatches m =
      symbols.glob(type.symbols, binary_path, pattern->value, qualifier);
  switch (m.status) {
  case SymbolStatus::unavailable:
    // An optional probe on a module this kernel does not have (neither
    // loaded nor a .ko) is left out, body and all, as SystemTap does: the
    // tapsets' module("nfs") aliases must not fail where NFS is absent.
    if (pp.optional && (type.symbols == SymbolKind::kernel_module_function ||
                        type.symbols == SymbolKind::kernel_module_statement))
      return out;
    // A kernel source line or file is only placed through the DWARF.
    if (type.family == ProbeFamily::kernel_dwarf &&
        !split_function_spec(pattern->value).file.empty() &&
        placed_through_lines(type, *base)) {
      if (!pp.optional)
        diags.error(DiagId::probe_needs_debuginfo, arg_loc(*base, sym),
                    "cannot place probe point '" + pp.to_string() +
                        "': " + m.detail);
      return out;
    }
    // A plain name needs no expansion: without a symbol table it is
    // taken at its word, as it would be by kprobes.
    if (kernel_literal) {
      out.push_back({base, &type});
      return out;
    }
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
  case SymbolStatus::bad_pattern:
    diags.error(DiagId::probe_bad_param, arg_loc(*base, sym),
                m.detail + " in probe point '" + pp.to_string() + "'");
    return out;
  case SymbolStatus::ok: break;
  }
  if (type.symbols == SymbolKind::kernel_function)
    for (size_t i = m.names.size(); i-- > 0;)
      if (kprobe_refusal(split_function_spec(m.names[i]).name)) {
        m.names.erase(m.names.begin() + i);
        if (i < m.places.size()) m.places.erase(m.places.begin() + i);
      }
  // _start is the process's first frame and never returns: as SystemTap
  // does, a wildcard leaves its return probe out, and naming it is refused.
  if (type.symbols == SymbolKind::process_function &&
      type.allows_return_values &&
      std::erase_if(m.names,
                    [](const std::string &n) {
                      return split_function_spec(n).name == "_start";
                    }) &&
      m.names.empty()) {
    if (!pp.optional)
      diags.error(DiagId::probe_refused, arg_loc(*base, sym),
                  "a return probe on '_start' is refused: it never returns "
                  "(probe point '" +
                      pp.to_string() + "')");
    return out;
  }
  // A plain kernel.function("F") of an F without a symbol: its inlined
  // copies, when the kernel's DWARF has them.
  if (m.names.empty() && kernel_literal &&
      type.symbols == SymbolKind::kernel_function &&
      type.components.back().name == "function" &&
      symbols.missing_kernel_debuginfo().empty()) {
    KernelInlineCopies copies = kernel_inline_copies(
        *base, type.symbol_component, pattern->value, symbols, ctx);
    for (ProbePoint *p : copies.points) out.push_back({p, &type});
    if (!out.empty()) return out;
  }
  // A plain kernel.function in a script probes the inlined copies of the
  // functions it names too (kernel_function_copies.h); a wildcard also
  // those of functions that have no symbol.
  const bool copies = probes_inlined_copies(pp, type, pattern->value, symbols);
  std::vector<std::string> inlined_only;
  if (copies && wild)
    inlined_only = inlined_functions_matching(
        split_function_spec(pattern->value).name, m.names, symbols);
  // A plain name the kernel's BTF lacks: kprobes may still find it, so it
  // is kept, unless it is optional (`?`, `!`: an alternative is next).
  if (m.names.empty() && kernel_literal && m.incomplete) {
    if (pp.optional) return out;
    // SystemTap refuses a name it cannot find; here the list is known to
    // miss some functions, so a typo in a script is only warned about.
    if (!pp.in_tapset) {
      std::string near =
          closest_name(pattern->value,
                       symbols.glob(type.symbols, binary_path, "*", "").names);
      diags.report(DiagId::probe_name_unlisted, arg_loc(*base, sym),
                   "no " + std::string(symbol_kind_name(type.symbols)) + " '" +
                       pattern->value +
                       "' in the kernel's BTF; kept for kprobes to look up "
                       "at run time" +
                       (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
    out.push_back({base, &type});
    return out;
  }
  // A user function known only from DWARF has no entry to put a uprobe
  // at: an error when named, left out of a wildcard.
  // .function("F").inline: the functions the compiler inlined somewhere.
  if (type.symbols == SymbolKind::process_function &&
      component_index(type, "inline") >= 0) {
    std::string error;
    const BinaryInfo *info = symbols.binary(binary_path, false, &error);
    std::erase_if(m.names, [&](const std::string &n) {
      std::string name = split_function_spec(n).name;
      for (const ElfFunction &f :
           info ? info->functions : std::vector<ElfFunction>{})
        if (f.name == name) return !f.inlined;
      return true;
    });
  } else if (type.symbols == SymbolKind::process_function) {
    std::string error, inlined;
    const BinaryInfo *info = symbols.binary(binary_path, false, &error);
    auto no_symbol = [&](const std::string &n) {
      std::string name = split_function_spec(n).name;
      for (const ElfFunction &f :
           info ? info->functions : std::vector<ElfFunction>{})
        if (f.name == name && !f.has_symbol)
          return plain_function(type) && f.inlined ? false
                                                   : (inlined = name, true);
      return false;
    };
    std::erase_if(m.names, no_symbol);
    if (m.names.empty() && !wild && !inlined.empty()) {
      if (!pp.optional)
        diags.error(DiagId::probe_no_match, arg_loc(*base, sym),
                    "function '" + inlined + "' of '" + binary_path +
                        "' has DWARF but no symbol (it is inlined wherever "
                        "it is called); probe its inlined copies with "
                        "'.inline' (probe point '" +
                        pp.to_string() + "')");
      return out;
    }
  }
  if (m.names.empty() && inlined_only.empty()) {
    std::string near = m.detail;
    // Statements suggest the nearest line (symbols.h); others a name.
    if ((user_literal && type.symbols != SymbolKind::process_statement) ||
        kernel_literal)
      near =
          closest_name(pattern->value,
                       symbols.glob(type.symbols, binary_path, "*", "").names);
    if (!pp.optional)
      diags.error(DiagId::probe_no_match, arg_loc(*base, sym),
                  "no " + std::string(symbol_kind_name(type.symbols)) +
                      " matches '" + pattern->value + "' in probe point '" +
                      pp.to_string() + "'" +
                      (near.empty() ? "" : "; did you mean '" + near + "'?"));
    return out;
  }
  if (names_only) {
    if (copies) {
      std::vector<std::string> names = m.names;
      names.insert(names.end(), inlined_only.begin(), inlined_only.end());
      for (const std::string &n : names)
        for (std::string &c : inlined_copy_names(n, symbols))
          m.names.push_back(std::move(c));
    }
    out.push_back({base, &type, false, std::move(m.names)});
    return out;
  }
  std::vector<std::string> with_copies;
  if (copies) {
    with_copies = m.names;
    with_copies.insert(with_copies.end(), inlined_only.begin(),
                       inlined_only.end());
  }
  for (size_t i = 0; i < m.names.size(); ++i) {
    std::string &name = m.names[i];
    const KernelPlace *place = i < m.places.size() ? &m.places[i] : nullptr;
    // A line a kprobe cannot name: an error when asked for, left out of
    // a wildcard.
    if (place && !place->why.empty()) {
      if (!wild && !pp.optional)
        diags.error(DiagId::probe_no_match, arg_loc(*base, sym),
                    "cannot place a kprobe at '" + name + "': " + place->why +
                        " (probe point '" + pp.to_string() + "')");
      continue;
    }
    auto *p = ctx.make_at<ProbePoint>(base->loc);
    *p = *base;
    auto *lit = ctx.make_at<StringLit>(pattern->loc);
    lit->value = std::move(name);
    lit->type = Type::string;
    p->components[sym].arg = lit;
    p->from_wildcard = wild;
    if (place) {
      p->kernel_symbol = place->symbol;
      p->kernel_offset = place->offset;
    }
    if (type.symbols == SymbolKind::process_function)
      add_inline_copies(p, type, binary_path, symbols, ctx, out);
    else
      out.push_back({p, &type});
  }
  for (const std::string &name : with_copies)
    for (ProbePoint *p : inlined_copy_points(*base, sym, name, symbols, ctx)) {
      p->from_wildcard = wild;
      out.push_back({p, &type});
    }
  return out;
}

// .function("F").label("L"): each function's C labels matching L, from
// its DWARF; none at all is an error naming the closest label.
std::vector<ExpandedPoint> expand_labels(const ProbePoint &pp,
                                         std::vector<ExpandedPoint> in,
                                         SymbolSource &symbols, AstContext &ctx,
                                         Diagnostics &diags) {
  std::vector<ExpandedPoint> out;
  std::vector<std::string> seen;
  std::string pattern, why;
  Location where = pp.loc;
  for (const ExpandedPoint &e : in) {
    const ProbeType &t = *e.type;
    const int lab = component_index(t, "label");
    const StringLit *label = string_arg(*e.point, lab);
    const StringLit *fn = string_arg(*e.point, t.symbol_component);
    const StringLit *bin = string_arg(*e.point, t.binary_component);
    if (lab < 0 || !label || !fn || !bin || e.unexpanded) {
      out.push_back(e);
      continue;
    }
    pattern = label->value;
    where = arg_loc(*e.point, lab);
    const UserDwarf *dwarf = symbols.user_dwarf(bin->value, false, &why);
    if (!dwarf) continue;
    for (const DwarfLabel &l :
         dwarf->labels(split_function_spec(fn->value).name)) {
      seen.push_back(l.name);
      if (!glob_match(pattern, l.name)) continue;
      auto *p = ctx.make_at<ProbePoint>(e.point->loc);
      *p = *e.point;
      auto *lit = ctx.make_at<StringLit>(label->loc);
      lit->value = l.name;
      lit->type = Type::string;
      p->components[lab].arg = lit;
      out.push_back({p, e.type});
    }
  }
  if (out.empty() && !in.empty() && !pp.optional) {
    std::string near = closest_name(pattern, seen);
    diags.error(DiagId::probe_no_match, where,
                "no label matches '" + pattern + "' in probe point '" +
                    pp.to_string() + "'" +
                    (!why.empty()   ? ": " + why
                     : near.empty() ? ""
                                    : "; did you mean '" + near + "'?"));
  }
  return out;
}

// The argument of .callee("G") (the pattern, into *pattern), .callees(N)
// or .callees: how many levels of callees are probed.
int64_t callee_argument(const Expr *arg, std::string *pattern) {
  if (arg && arg->kind == ExprKind::string)
    *pattern = static_cast<const StringLit *>(arg)->value;
  else if (arg && arg->kind == ExprKind::number)
    return static_cast<const NumberLit *>(arg)->value;
  return 1;
}

// kernel.function("F").label("L"), .callee("G"), .callees[(N)]: the
// labels or inlined callees of each F (kernel_inline_points.h); none at
// all is an error naming the closest.
std::vector<ExpandedPoint> expand_kernel_parts(const ProbePoint &pp,
                                               std::vector<ExpandedPoint> in,
                                               SymbolSource &symbols,
                                               AstContext &ctx,
                                               Diagnostics &diags) {
  std::vector<ExpandedPoint> out;
  std::vector<std::string> seen;
  std::string pattern = "*", why, what = "label";
  Location where = pp.loc;
  for (const ExpandedPoint &e : in) {
    const ProbeType &t = *e.type;
    int at = component_index(t, "label");
    if (at < 0) at = component_index(t, "callee"), what = "callee";
    if (at < 0) at = component_index(t, "callees");
    if (e.unexpanded || at < 0) {
      out.push_back(e);
      continue;
    }
    int64_t depth = callee_argument(e.point->components[at].arg, &pattern);
    where = arg_loc(*e.point, at);
    KernelFunctionParts parts =
        what == "label"
            ? kernel_label_points(*e.point, t.symbol_component, at, pattern,
                                  symbols, ctx)
            : kernel_callee_points(*e.point, t.symbol_component, at, pattern,
                                   depth,
                                   t.components.back().name != "callee" &&
                                       t.components.back().name != "callees",
                                   symbols, ctx);
    for (ProbePoint *p : parts.points) {
      p->from_wildcard = e.point->from_wildcard;
      out.push_back({p, e.type});
    }
    seen.insert(seen.end(), parts.seen.begin(), parts.seen.end());
    if (!parts.why.empty()) why = parts.why;
    if (why.empty()) why = parts.out_of_line;
  }
  if (out.empty() && !in.empty() && !pp.optional) {
    std::string near = closest_name(pattern, seen);
    diags.error(DiagId::probe_no_match, where,
                "no " + what + " matches '" + pattern + "' in probe point '" +
                    pp.to_string() + "'" +
                    (!why.empty()    ? ": " + why
                     : !near.empty() ? "; did you mean '" + near + "'?"
                     : what == "callee"
                         ? ": the function's DWARF names no callee"
                         : ""));
  }
  return out;
}

// .function("F").callee("G"), .callees and .callees(N): a point per
// (caller, callee) pair of F's static call graph (direct calls, decoded
// from the callers' code), N levels deep. A callee below the first level
// is named with its own caller, function("G").callee("H"): the runtime
// checks the immediate caller only.
std::vector<ExpandedPoint> expand_callees(const ProbePoint &pp,
                                          std::vector<ExpandedPoint> in,
                                          AstContext &ctx, Diagnostics &diags) {
  std::vector<ExpandedPoint> out;
  std::vector<std::string> seen;
  std::set<std::pair<std::string, std::string>> done;
  std::string pattern = "*", why;
  Location where = pp.loc;
  auto literal = [&](const std::string &value, Location loc) {
    auto *lit = ctx.make_at<StringLit>(loc);
    lit->value = value;
    lit->type = Type::string;
    return lit;
  };
  for (const ExpandedPoint &e : in) {
    const ProbeType &t = *e.type;
    int at = component_index(t, "callee");
    if (at < 0) at = component_index(t, "callees");
    const StringLit *fn = string_arg(*e.point, t.symbol_component);
    const StringLit *bin = string_arg(*e.point, t.binary_component);
    if (at < 0 || !fn || !bin || e.unexpanded) {
      out.push_back(e);
      continue;
    }
    int64_t depth = callee_argument(e.point->components[at].arg, &pattern);
    where = arg_loc(*e.point, at);
    std::vector<std::string> level = {split_function_spec(fn->value).name};
    for (int64_t d = 0; d < depth && !level.empty(); ++d) {
      std::vector<std::string> next;
      for (const std::string &caller : level) {
        auto calls = direct_calls(bin->value, caller, &why);
        for (const DirectCall &c : calls ? *calls : std::vector<DirectCall>{}) {
          if (d == 0) seen.push_back(c.callee);
          if (!glob_match(pattern, c.callee) ||
              !done.insert({caller, c.callee}).second)
            continue;
          next.push_back(c.callee);
          auto *p = ctx.make_at<ProbePoint>(e.point->loc);
          *p = *e.point;
          if (d > 0)
            p->components[t.symbol_component].arg = literal(caller, fn->loc);
          p->components[at].name = "callee";
          p->components[at].arg = literal(c.callee, where);
          out.push_back({p, e.type});
        }
      }
      level = std::move(next);
    }
  }
  if (out.empty() && !in.empty() && !pp.optional) {
    std::string near = closest_name(pattern, seen);
    diags.error(DiagId::probe_no_match, where,
                "no callee matches '" + pattern + "' in probe point '" +
                    pp.to_string() + "'" +
                    (seen.empty() && !why.empty() ? ": " + why
                     : seen.empty() ? ": the function makes no direct calls "
                                      "to functions its file names"
                     : near.empty() ? ""
                                    : "; did you mean '" + near + "'?"));
  }
  return out;
}

}  // namespace

std::vector<ExpandedPoint> expand_wildcards(const ProbePoint &pp,
                                            const ProbeType &type,
                                            SymbolSource &symbols,
                                            AstContext &ctx, Diagnostics &diags,
                                            bool names_only) {
  bool labels = component_index(type, "label") >= 0;
  bool callees = type.is_process && (component_index(type, "callee") >= 0 ||
                                     component_index(type, "callees") >= 0);
  bool kernel_parts = kernel_label_or_callee(type);
  std::vector<ExpandedPoint> out =
      expand_symbols(pp, type, symbols, ctx, diags,
                     names_only && !labels && !callees && !kernel_parts);
  if (kernel_parts && !out.empty())
    return expand_kernel_parts(pp, std::move(out), symbols, ctx, diags);
  if (callees) return expand_callees(pp, std::move(out), ctx, diags);
  if (!labels) return out;
  return expand_labels(pp, std::move(out), symbols, ctx, diags);
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
