#include "elaborate/kernel_inline_points.h"

#include <map>

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

// The DWARF file a point's function is in: vmlinux's, or module("M")'s
// own debuginfo (relocated at made-up section addresses). Its addresses
// become kprobe places, symbol+offset, through its own symbol table, so
// the rest of this file is the same for both.
struct DwarfObject {
  SymbolSource &symbols;
  std::string module;  // "" for vmlinux
  const UserDwarf *dwarf = nullptr;
  const KernelInlineIndex *index = nullptr;

  // Where a kprobe goes for `addr`, or why none can: the kernel frees
  // its boot-time code and refuses some functions.
  KernelPlace reachable_place(uint64_t addr) const {
    KernelPlace place = symbols.kernel_place(addr, module);
    if (place.why.empty() && module.empty())
      if (auto refused = kprobe_refusal(place.symbol))
        place.why =
            "the kernel refuses kprobes on '" + place.symbol + "': " + *refused;
    return place;
  }
};

// The DWARF of the object `point` names (its module("M"), else vmlinux);
// its dwarf and index are null (and *why says why) without the debuginfo.
DwarfObject dwarf_object(const ProbePoint &point, SymbolSource &symbols,
                         std::string *why) {
  DwarfObject obj{symbols, ""};
  if (const Expr *m = point.arg_of("module"); m && m->kind == ExprKind::string)
    obj.module = static_cast<const StringLit *>(m)->value;
  obj.index = symbols.kernel_function_dies(why, obj.module);
  obj.dwarf = obj.index ? symbols.kernel_dwarf(why, obj.module) : nullptr;
  return obj;
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
// `fn_at` in `obj`, its plain name in *name; none without the DWARF.
std::vector<uint64_t> definitions_of(const ProbePoint &point, int fn_at,
                                     const DwarfObject &obj,
                                     std::string *name) {
  const Expr *fn = point.components[fn_at].arg;
  if (!obj.dwarf || !fn || fn->kind != ExprKind::string) return {};
  *name = split_function_spec(static_cast<const StringLit *>(fn)->value).name;
  auto it = obj.index->find(*name);
  return it == obj.index->end() ? std::vector<uint64_t>{}
                                : it->second.definitions;
}

}  // namespace

KernelInlineCopies kernel_inline_copies(const ProbePoint &base, int fn_at,
                                        std::string_view spec,
                                        SymbolSource &symbols,
                                        AstContext &ctx) {
  KernelInlineCopies out;
  DwarfObject obj = dwarf_object(base, symbols, &out.why);
  const UserDwarf *dwarf = obj.dwarf;
  if (!dwarf) return out;
  FunctionSpec want = split_function_spec(spec);
  for (const auto &[name, dies] : *obj.index) {
    if (dies.inlined.empty()) continue;
    out.inlined_names.push_back(name);
    if (!glob_match(want.name, name)) continue;
    for (const KernelFunctionDies::Copy &copy : dies.inlined) {
      auto [file, line] = dwarf->declared_at(copy.die);
      if ((!want.file.empty() && !source_file_matches(want.file, file)) ||
          (!want.line.empty() && want.line != std::to_string(line)))
        continue;
      KernelPlace place = obj.reachable_place(copy.pc);
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
  DwarfObject obj = dwarf_object(point, symbols, &out.why);
  const UserDwarf *dwarf = obj.dwarf;
  for (uint64_t die : definitions_of(point, fn_at, obj, &name))
    for (const DwarfLabel &l : dwarf->labels_at(die)) {
      out.seen.push_back(l.name);
      if (!glob_match(pattern, l.name)) continue;
      KernelPlace place = obj.reachable_place(l.addr);
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

namespace {

// The callee points of one caller (its DIE `caller_die`, named `caller`
// as points name it): at the copies inlined into its code (unless
// `calls_only`), and at the entry of each function it calls out of line,
// run only from those calls. Adds the callees' DIEs to `next`, the
// callers of the next level.
void callees_of(const ProbePoint &point, int fn_at, int callee_at,
                const std::string &caller, uint64_t caller_die,
                std::string_view pattern, bool calls_only, bool first_level,
                const DwarfObject &obj, AstContext &ctx,
                KernelFunctionParts &out,
                std::vector<std::pair<std::string, uint64_t>> &next) {
  const UserDwarf &dwarf = *obj.dwarf;
  auto add = [&](const std::string &callee, const KernelPlace &place) {
    ProbePoint *p = placed_point(point, fn_at, caller, place, ctx);
    p->components[callee_at].name = "callee";
    p->components[callee_at].arg =
        literal(callee, point.components[callee_at].loc, ctx);
    out.points.push_back(p);
    return p;
  };
  for (const UserDwarf::InlineCopy &c : dwarf.inline_copies_at(caller_die)) {
    if (first_level) out.seen.push_back(c.name);
    if (calls_only || !glob_match(pattern, c.name)) continue;
    std::string callee = declared_name(dwarf, c.name, c.die);
    next.push_back({callee, c.die});
    KernelPlace place = obj.reachable_place(c.pc);
    if (place.why.empty())
      add(callee, place)->kernel_inline_die = c.die;
    else
      out.why = place.why;
  }
  // Out of line: the return places of the calls, by callee. A tail call
  // (a jump) leaves no return address to check.
  std::map<std::string, std::vector<std::string>> returns;
  for (const DwarfCallSite &c : dwarf.call_sites_at(caller_die)) {
    if (first_level) out.seen.push_back(c.callee);
    if (!glob_match(pattern, c.callee)) continue;
    KernelPlace ret = c.tail_call || !c.return_pc
                          ? KernelPlace{"", 0, "it is reached by a tail call"}
                          : obj.symbols.kernel_place(c.return_pc, obj.module);
    if (!ret.why.empty()) {
      out.out_of_line = "a call to '" + c.callee + "': " + ret.why;
      continue;
    }
    char hex[24];
    snprintf(hex, sizeof hex, "+0x%llx",
             static_cast<unsigned long long>(ret.offset));
    returns[c.callee].push_back(ret.symbol + hex);
  }
  for (const auto &[callee, places] : returns) {
    auto defs = obj.index->find(callee);
    std::vector<uint64_t> dies;
    if (defs != obj.index->end()) dies = defs->second.definitions;
    // A module's kprobes name its own symbols: a callee elsewhere (in
    // vmlinux, another module) is not placed.
    std::string why;
    auto entry = obj.symbols.kernel_address(callee, 0, &why, obj.module);
    if (!entry && !obj.module.empty())
      why = "'" + callee + "' is not a function of module '" + obj.module +
            "', and only the module's own callees are probed";
    KernelPlace place =
        entry ? obj.reachable_place(*entry) : KernelPlace{"", 0, why};
    if (!place.why.empty()) {
      out.why = place.why;
      continue;
    }
    std::string named =
        dies.empty() ? callee : declared_name(dwarf, callee, dies[0]);
    add(named, place)->kernel_callers = places;
    for (uint64_t die : dies) next.push_back({named, die});
  }
}

}  // namespace

KernelFunctionParts
kernel_callee_points(const ProbePoint &point, int fn_at, int callee_at,
                     std::string_view pattern, int64_t depth, bool calls_only,
                     SymbolSource &symbols, AstContext &ctx) {
  KernelFunctionParts out;
  std::string name;
  DwarfObject obj = dwarf_object(point, symbols, &out.why);
  // Each level's callers: a name as the point names it, and its DIE.
  std::vector<std::pair<std::string, uint64_t>> level;
  for (uint64_t die : definitions_of(point, fn_at, obj, &name))
    level.push_back({declared_name(*obj.dwarf, name, die), die});
  for (int64_t d = 0; d < depth && !level.empty(); ++d) {
    std::vector<std::pair<std::string, uint64_t>> next;
    for (const auto &[caller, caller_die] : level)
      callees_of(point, fn_at, callee_at, caller, caller_die, pattern,
                 calls_only, d == 0, obj, ctx, out, next);
    level = std::move(next);
  }
  return out;
}

}  // namespace stap
