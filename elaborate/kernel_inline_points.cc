#include "elaborate/kernel_inline_points.h"

#include "elaborate/statement_lines.h"
#include "symbols/glob.h"
#include "symbols/kprobe_blacklist.h"

namespace stap {

namespace {

StringLit *literal(const std::string &value, Location loc, AstContext &ctx) {
  auto *lit = ctx.make_at<StringLit>(loc);
  lit->value = value;
  lit->type = Type::string;
  return lit;
}

// Where a kprobe goes for `addr`, or why none can: the kernel frees its
// boot-time code and refuses some functions.
KernelPlace reachable_place(uint64_t addr, SymbolSource &symbols) {
  KernelPlace place = symbols.kernel_place(addr);
  if (place.why.empty())
    if (auto refused = kprobe_refusal(place.symbol))
      place.why =
          "the kernel refuses kprobes on '" + place.symbol + "': " + *refused;
  return place;
}

// "NAME@FILE:LINE" for a function DIE (LINE: `line` when not 0).
std::string declared_name(const UserDwarf &dwarf, const std::string &name,
                          uint64_t die, int line = 0) {
  auto [file, decl] = dwarf.declared_at(die);
  return name + "@" + file + ":" + std::to_string(line ? line : decl);
}

// A copy of `base` placed at `place`, its component `at` named `name`.
ProbePoint *placed_point(const ProbePoint &base, int at,
                         const std::string &name, const KernelPlace &place,
                         AstContext &ctx) {
  auto *p = ctx.make_at<ProbePoint>(base.loc);
  *p = base;
  p->components[at].arg = literal(name, base.components[at].loc, ctx);
  p->kernel_symbol = place.symbol;
  p->kernel_offset = place.offset;
  return p;
}

// The out-of-line definitions (DIEs) of the function `point` names at
// `fn_at`, its plain name in *name; none (and out->why) without the DWARF.
std::vector<uint64_t> definitions_of(const ProbePoint &point, int fn_at,
                                     SymbolSource &symbols, std::string *name,
                                     KernelFunctionParts *out) {
  const KernelInlineIndex *index = symbols.kernel_function_dies(&out->why);
  const Expr *fn = point.components[fn_at].arg;
  if (!index || !symbols.kernel_dwarf(&out->why) || !fn ||
      fn->kind != ExprKind::string)
    return {};
  *name = split_function_spec(static_cast<const StringLit *>(fn)->value).name;
  auto it = index->find(*name);
  return it == index->end() ? std::vector<uint64_t>{} : it->second.definitions;
}

}  // namespace

KernelInlineCopies kernel_inline_copies(const ProbePoint &base, int fn_at,
                                        std::string_view spec,
                                        SymbolSource &symbols,
                                        AstContext &ctx) {
  KernelInlineCopies out;
  const KernelInlineIndex *index = symbols.kernel_function_dies(&out.why);
  const UserDwarf *dwarf = symbols.kernel_dwarf(&out.why);
  if (!index || !dwarf) return out;
  FunctionSpec want = split_function_spec(spec);
  for (const auto &[name, dies] : *index) {
    if (dies.inlined.empty()) continue;
    out.inlined_names.push_back(name);
    if (!glob_match(want.name, name)) continue;
    for (const KernelFunctionDies::Copy &copy : dies.inlined) {
      auto [file, line] = dwarf->declared_at(copy.die);
      if ((!want.file.empty() && !source_file_matches(want.file, file)) ||
          (!want.line.empty() && want.line != std::to_string(line)))
        continue;
      KernelPlace place = reachable_place(copy.pc, symbols);
      if (!place.why.empty()) {
        out.why = place.why;
        continue;
      }
      ProbePoint *p = placed_point(
          base, fn_at, name + "@" + file + ":" + std::to_string(line), place,
          ctx);
      p->kernel_inline_die = copy.die;
      out.points.push_back(p);
    }
  }
  return out;
}

KernelFunctionParts kernel_label_points(const ProbePoint &point, int fn_at,
                                        int label_at, std::string_view pattern,
                                        SymbolSource &symbols,
                                        AstContext &ctx) {
  KernelFunctionParts out;
  std::string name;
  const UserDwarf *dwarf = symbols.kernel_dwarf();
  for (uint64_t die : definitions_of(point, fn_at, symbols, &name, &out))
    for (const DwarfLabel &l : dwarf->labels_at(die)) {
      out.seen.push_back(l.name);
      if (!glob_match(pattern, l.name)) continue;
      KernelPlace place = reachable_place(l.addr, symbols);
      if (!place.why.empty()) {
        out.why = place.why;
        continue;
      }
      ProbePoint *p = placed_point(
          point, fn_at, declared_name(*dwarf, name, die, l.line), place, ctx);
      p->components[label_at].arg =
          literal(l.name, point.components[label_at].loc, ctx);
      out.points.push_back(p);
    }
  return out;
}

KernelFunctionParts kernel_callee_points(const ProbePoint &point, int fn_at,
                                         int callee_at,
                                         std::string_view pattern,
                                         int64_t depth, SymbolSource &symbols,
                                         AstContext &ctx) {
  KernelFunctionParts out;
  std::string name;
  const UserDwarf *dwarf = symbols.kernel_dwarf();
  // Each level's callers: a name as the point names it, and its DIE.
  std::vector<std::pair<std::string, uint64_t>> level;
  for (uint64_t die : definitions_of(point, fn_at, symbols, &name, &out)) {
    level.push_back({declared_name(*dwarf, name, die), die});
    for (const DwarfCallSite &c : dwarf->call_sites_at(die))
      if (glob_match(pattern, c.callee))
        out.out_of_line = "'" + name + "' calls '" + c.callee +
                          "' out of line, which is not probed yet (only "
                          "callees inlined into it are)";
  }
  for (int64_t d = 0; d < depth && !level.empty(); ++d) {
    std::vector<std::pair<std::string, uint64_t>> next;
    for (const auto &[caller, caller_die] : level)
      for (const UserDwarf::InlineCopy &c :
           dwarf->inline_copies_at(caller_die)) {
        if (d == 0) out.seen.push_back(c.name);
        if (!glob_match(pattern, c.name)) continue;
        std::string callee = declared_name(*dwarf, c.name, c.die);
        next.push_back({callee, c.die});
        KernelPlace place = reachable_place(c.pc, symbols);
        if (!place.why.empty()) {
          out.why = place.why;
          continue;
        }
        ProbePoint *p = placed_point(point, fn_at, caller, place, ctx);
        p->components[callee_at].name = "callee";
        p->components[callee_at].arg =
            literal(callee, point.components[callee_at].loc, ctx);
        p->kernel_inline_die = c.die;
        out.points.push_back(p);
      }
    level = std::move(next);
  }
  return out;
}

}  // namespace stap
