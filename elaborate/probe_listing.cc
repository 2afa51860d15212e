#include "elaborate/probe_listing.h"

#include <algorithm>
#include <cctype>

#include "elaborate/probe_point_text.h"
#include "elaborate/wildcard_expand.h"
#include "symbols/btf_types.h"
#include "symbols/glob.h"
#include "symbols/kernel_btf.h"
#include "symbols/sdt_notes.h"
#include "symbols/user_dwarf.h"

namespace stap {

namespace {

// A kernel type as SystemTap's -L writes it: no space before a '*'
// ("struct file*", "char**").
std::string listed_type(BtfRef t) {
  std::string s = c_type_name(t);
  for (size_t at; (at = s.find(" *")) != std::string::npos;) s.erase(at, 1);
  return s;
}

std::vector<std::string> split_dots(std::string_view s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (true) {
    size_t e = s.find('.', b);
    out.emplace_back(s.substr(b, e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

// Component-name matching of a pattern against an alias name; `**` spans
// any number of components. Aliases take no arguments, so a pattern
// component with one never matches.
bool alias_matches(const ProbePoint &pp, size_t pi,
                   const std::vector<std::string> &alias, size_t ai) {
  if (pi == pp.components.size()) return ai == alias.size();
  const ProbePointComponent &c = pp.components[pi];
  if (c.arg) return false;
  if (c.name == "**")
    return alias_matches(pp, pi + 1, alias, ai) ||
           (ai < alias.size() && alias_matches(pp, pi, alias, ai + 1));
  return ai < alias.size() && glob_match(c.name, alias[ai]) &&
         alias_matches(pp, pi + 1, alias, ai + 1);
}

// An inlined copy, a label or a callee of a kernel function (pass 2 placed it
// through vmlinux's DWARF or its module's): the variables visible where its
// kprobe fires, innermost scope first; nullopt for other points.
std::optional<std::string> kernel_dwarf_vars(const ProbePoint &pp,
                                             SymbolSource &symbols) {
  // A callee called out of line (kernel_callers) is G's entry: G's
  // variables, not F's the point is named by.
  if (pp.kernel_symbol.empty() ||
      (!pp.kernel_inline_die && !pp.arg_of("label") &&
       pp.kernel_callers.empty()))
    return std::nullopt;
  std::string why, module;
  if (const Expr *m = pp.arg_of("module"); m && m->kind == ExprKind::string)
    module = static_cast<const StringLit *>(m)->value;
  const UserDwarf *d = symbols.kernel_dwarf(&why, module);
  auto pc = d ? symbols.kernel_address(pp.kernel_symbol, pp.kernel_offset, &why,
                                       module)
              : std::nullopt;
  auto at = !pc ? std::nullopt
            : pp.kernel_inline_die
                ? d->inline_copy_at(pp.kernel_inline_die, *pc)
                : d->function_containing(*pc);
  std::string out;
  // As SystemTap lists them: those with no location there are left out.
  for (const DwarfVariable &v :
       at ? at->variables : std::vector<DwarfVariable>{})
    if (v.location.kind != DwarfLocation::Kind::optimized_out)
      out += " $" + v.name + ":" + c_type_name(v.type);
  return out;
}

// A kernel function's variables from its BTF prototype, as SystemTap's -L
// shows them: "$return:TYPE" first in a return probe (unless void), then
// each parameter. Without a prototype the point is listed bare, with a
// note saying why.
std::string kernel_function_vars(const ExpandedPoint &e,
                                 const std::string &name, SymbolSource &symbols,
                                 std::vector<std::string> *messages) {
  const ProbeType &t = *e.type;
  std::string module;
  if (t.symbols == SymbolKind::kernel_module_function) {
    const Expr *m = e.point->components[t.binary_component].arg;
    if (!m || m->kind != ExprKind::string) return "";
    module = static_cast<const StringLit *>(m)->value;
  }
  auto note = [&](const std::string &key, const std::string &text) {
    if (messages && symbols.first_time(key))
      messages->push_back("note: " + text);
    return std::string();
  };
  std::string why;
  KernelBtf *k = symbols.kernel_btf(&why);
  if (!k)
    return note("listing:kernel-vars",
                "kernel target variables need the kernel's debuginfo or BTF, "
                "which is not available; listing points without them");
  const struct btf *b = module.empty() ? k->vmlinux() : k->module(module, &why);
  if (!b)
    return note("listing:module-vars:" + module,
                why + "; listing '" + module +
                    "' functions without target variables");
  auto proto = function_proto(b, name);
  if (!proto)
    return note(
        "listing:no-proto:" + module + ":" + name,
        "the BTF of " +
            (module.empty() ? "the kernel" : "module '" + module + "'") +
            " has no prototype for '" + name +
            "'; listing it without target variables");
  std::string out;
  if (t.allows_return_values && describe(proto->ret).kind != CKind::void_)
    out = " $return:" + listed_type(proto->ret);
  for (const auto &[param, type] : proto->params)
    if (!param.empty()) out += " $" + param + ":" + listed_type(type);
  return out;
}

bool is_digit(char c) { return isdigit(static_cast<unsigned char>(c)); }

// Text order, except that runs of digits compare as numbers, so a
// function's statements list as ":8", ":9", ":10".
bool numbers_in_order(const std::string &a, const std::string &b) {
  // The common prefix decides nothing; past it, digits matter only where
  // both sides are in a run of them (the run may start inside the
  // prefix). Most lines differ in a letter: one memcmp.
  size_t k = std::mismatch(a.begin(), a.begin() + std::min(a.size(), b.size()),
                           b.begin())
                 .first -
             a.begin();
  bool a_run = (k < a.size() && is_digit(a[k])) || (k && is_digit(a[k - 1]));
  bool b_run = (k < b.size() && is_digit(b[k])) || (k && is_digit(b[k - 1]));
  if (!a_run || !b_run) {
    if (k == a.size() || k == b.size()) return a.size() < b.size();
    return a[k] < b[k];
  }
  while (k && is_digit(a[k - 1])) --k;
  size_t i = k, j = k;
  while (i < a.size() && j < b.size()) {
    if (isdigit(static_cast<unsigned char>(a[i])) &&
        isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ei = a.find_first_not_of("0123456789", i);
      size_t ej = b.find_first_not_of("0123456789", j);
      std::string_view na = std::string_view(a).substr(i, ei - i);
      std::string_view nb = std::string_view(b).substr(j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei == std::string::npos ? a.size() : ei;
      j = ej == std::string::npos ? b.size() : ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

// The label a .function("F").label("L") point names, from F's DWARF.
std::optional<DwarfLabel> label_of(const ProbePoint &pp, const UserDwarf *dwarf,
                                   const std::string &function) {
  const Expr *label = pp.arg_of("label");
  if (!dwarf || !label || label->kind != ExprKind::string) return std::nullopt;
  for (const DwarfLabel &l : dwarf->labels(function))
    if (l.name == static_cast<const StringLit *>(label)->value) return l;
  return std::nullopt;
}

std::string vars_suffix(const ExpandedPoint &e, SymbolSource &symbols,
                        std::vector<std::string> *messages) {
  const ProbeType &t = *e.type;
  if (!t.has_target_vars || t.symbol_component < 0) return "";
  const ProbePoint &pp = *e.point;
  const Expr *fn = pp.components[t.symbol_component].arg;
  if (!fn || fn->kind != ExprKind::string) return "";
  if (!t.is_process) {
    std::string name =
        split_function_spec(static_cast<const StringLit *>(fn)->value).name;
    if (t.symbols == SymbolKind::kernel_tracepoint) {
      if (auto args = symbols.kernel_tracepoint_args(name)) {
        std::string out;
        for (const auto &[arg, type] : args->params)
          out += " $" + arg + ":" + listed_type(type);
        return out;
      }
    }
    if (auto vars = kernel_dwarf_vars(pp, symbols)) return *vars;
    if (t.symbols == SymbolKind::kernel_function ||
        t.symbols == SymbolKind::kernel_module_function)
      return kernel_function_vars(e, name, symbols, messages);
    if (messages && symbols.first_time("listing:kernel-vars"))
      messages->push_back("note: kernel target variables need the kernel's "
                          "debuginfo or BTF, which is not available; listing "
                          "points without them");
    return "";
  }
  if (t.binary_component < 0) return "";
  const Expr *bin = pp.components[t.binary_component].arg;
  if (!bin || bin->kind != ExprKind::string) return "";
  bool library = t.components[t.binary_component].name == "library";
  std::string path = symbols.resolve_binary(
      static_cast<const StringLit *>(bin)->value, library);
  const std::string &spec = static_cast<const StringLit *>(fn)->value;
  std::string name = split_function_spec(spec).name;
  std::string out;
  if (t.symbols == SymbolKind::process_mark) {
    // $arg1..$argN, as many as every site of the mark has.
    std::string error, provider;
    for (const ProbePointComponent &c : pp.components)
      if (c.name == "provider" && c.arg && c.arg->kind == ExprKind::string)
        provider = static_cast<const StringLit *>(c.arg)->value;
    auto notes = read_sdt_notes(path, &error);
    auto sites =
        notes ? mark_sites(*notes, provider, name) : std::vector<SdtNote>{};
    for (size_t i = 1, n = common_argument_count(sites); i <= n; ++i)
      out += " $arg" + std::to_string(i) + ":long";
    return out;
  }
  std::string error;
  const UserDwarf *dwarf = symbols.user_dwarf(path, false, &error);
  if (t.allows_return_values) {
    // $return (unless void), then what the entry offers: a return probe
    // reads those as they were at entry (process_target_vars.cc), and
    // SystemTap lists them so.
    auto f = dwarf ? dwarf->function(name) : std::nullopt;
    if (f && describe(f->return_type).kind != CKind::void_)
      out = " $return:" + c_type_name(f->return_type);
  }
  // A statement or a label: the variables visible there (innermost
  // scope first).
  std::optional<DwarfFunction> at;
  if (t.symbols == SymbolKind::process_statement) {
    const DwarfLine *line = dwarf ? dwarf->statement(spec) : nullptr;
    if (line) at = dwarf->function_at(line->function, line->addr);
  } else if (auto label = label_of(pp, dwarf, name)) {
    at = dwarf->function_at(name, label->addr);
  }
  if (at || t.symbols == SymbolKind::process_statement) {
    for (const DwarfVariable &v :
         at ? at->variables : std::vector<DwarfVariable>{})
      out += " $" + v.name + ":" + c_type_name(v.type);
    return out;
  }
  for (const TargetVariable &v : function_target_variables(path, name))
    out += " $" + v.name + ":" + v.type;
  return out;
}

// -L names a process function with DWARF as SystemTap does:
// function("main@/src/prog.c:29").
std::string with_source(std::string line, const ExpandedPoint &e,
                        SymbolSource &symbols) {
  const ProbeType &t = *e.type;
  if (!t.is_process || t.symbols != SymbolKind::process_function ||
      t.symbol_component < 0 || t.binary_component < 0)
    return line;
  const ProbePoint &pp = *e.point;
  const Expr *fn = pp.components[t.symbol_component].arg;
  const Expr *bin = pp.components[t.binary_component].arg;
  if (!fn || fn->kind != ExprKind::string || !bin ||
      bin->kind != ExprKind::string)
    return line;
  const std::string &name = static_cast<const StringLit *>(fn)->value;
  if (name.find('@') != std::string::npos) return line;
  std::string error;
  const BinaryInfo *info = symbols.binary(
      static_cast<const StringLit *>(bin)->value,
      t.components[t.binary_component].name == "library", &error);
  if (!info) return line;
  for (const ElfFunction &f : info->functions) {
    if (f.name != name || f.decl_file.empty()) continue;
    // A label's point shows the label's line, as SystemTap's does.
    int decl_line = f.decl_line;
    std::string why;
    if (auto label =
            label_of(pp, symbols.user_dwarf(info->path, false, &why), name))
      decl_line = label->line;
    std::string from = ".function(\"" + name + "\")";
    size_t at = line.find(from);
    if (at != std::string::npos)
      line.replace(at, from.size(),
                   ".function(\"" + name + "@" + f.decl_file + ":" +
                       std::to_string(decl_line) + "\")");
    break;
  }
  return line;
}

// The lines of a names-only expansion: the point's text around its
// symbol argument, written once, with each name in it (a name the text
// would escape is printed through a point of its own).
void list_names(const ExpandedPoint &e, AstContext &ctx,
                std::vector<std::string> &out) {
  ProbePoint p = *e.point;
  ProbePointComponent &sym = p.components[e.type->symbol_component];
  auto *lit = ctx.make_at<StringLit>(sym.arg ? sym.arg->loc : p.loc);
  lit->type = Type::string;
  sym.arg = lit;
  lit->value = "\x01";
  std::string text = p.to_string();
  size_t at = text.find('\x01');
  out.reserve(out.size() + e.names.size());
  for (const std::string &name : e.names) {
    bool plain = at != std::string::npos &&
                 std::none_of(name.begin(), name.end(), [](char c) {
                   return c == '"' || c == '\\' || c < 0x20 || c == 0x7f;
                 });
    if (plain) {
      std::string line;
      line.reserve(text.size() + name.size());
      line.append(text, 0, at).append(name).append(text, at + 1);
      out.push_back(std::move(line));
      continue;
    }
    lit->value = name;
    out.push_back(p.to_string());
  }
}

// A pattern that starts with alias names and goes on (an alias suffix,
// `vfs.read.return.maxactive(5)`) lists those aliases with the suffix, as
// written; the longest matching start wins, as in alias expansion.
void list_suffixed_aliases(const ProbePoint &pp,
                           const std::vector<std::string> &alias_names,
                           std::vector<std::string> &out) {
  for (size_t len = pp.components.size(); len-- > 1;) {
    ProbePoint head = pp, suffix = pp;
    head.components.resize(len);
    suffix.components.erase(suffix.components.begin(),
                            suffix.components.begin() + len);
    for (const std::string &alias : alias_names)
      if (alias_matches(head, 0, split_dots(alias), 0))
        out.push_back(alias + "." + suffix.to_string());
    if (!out.empty()) return;
  }
}

}  // namespace

std::vector<std::string> list_probe_points(
    std::string_view pattern, const std::vector<std::string> &alias_names,
    const ProbeRegistry &registry, SymbolSource &symbols,
    const ListingOptions &opts, std::vector<std::string> *messages) {
  std::vector<std::string> out;
  SourceManager sm;
  FileId file = sm.add("<pattern>", std::string(pattern), SourceOrigin::generated);
  AstContext ctx;
  std::string error;
  ProbePoint *pp = parse_probe_point_text(pattern, ctx, &error, file);
  if (!pp) {
    if (messages)
      messages->push_back("error: malformed probe point pattern '" +
                          std::string(pattern) + "': " + error);
    return out;
  }

  for (const std::string &alias : alias_names)
    if (alias_matches(*pp, 0, split_dots(alias), 0)) out.push_back(alias);

  // Listing never fails on a pattern that only matches aliases, so the
  // registry is asked quietly and expansion problems become messages.
  std::vector<const ProbeType *> types = registry.match_quiet(*pp);
  if (out.empty() && types.empty() && opts.resolvable) {
    list_suffixed_aliases(*pp, alias_names, out);
    out = opts.resolvable(std::move(out));
  }
  Diagnostics diags(sm);
  for (const ProbeType *t : types) {
    for (const ExpandedPoint &e :
         expand_wildcards(*pp, *t, symbols, ctx, diags, !opts.with_vars)) {
      if (!e.names.empty()) {
        list_names(e, ctx, out);
        continue;
      }
      std::string line = e.point->to_string();
      if (opts.with_vars)
        line = with_source(std::move(line), e, symbols) +
               vars_suffix(e, symbols, messages);
      out.push_back(std::move(line));
    }
  }
  if (messages)
    for (const Diagnostic &d : diags.all())
      if (d.id != DiagId::probe_no_match)
        messages->push_back(
            std::string(d.severity == Severity::error ? "error: " : "warning: ") +
            d.message);
  std::sort(out.begin(), out.end(), numbers_in_order);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // A point listed with different variables (a kernel function's inlined
  // copies, each with its own locations) is listed once, as SystemTap
  // does: with the first of them in order.
  if (opts.with_vars) {
    auto point = [](const std::string &line) {
      return std::string_view(line).substr(0, line.find(" $"));
    };
    out.erase(std::unique(out.begin(), out.end(),
                          [&](const std::string &a, const std::string &b) {
                            return point(a) == point(b);
                          }),
              out.end());
  }
  return out;
}

}  // namespace stap
