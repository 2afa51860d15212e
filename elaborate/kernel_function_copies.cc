#include "elaborate/kernel_function_copies.h"

#include <algorithm>

#include "symbols/kprobe_blacklist.h"

namespace stap {

namespace {

// The copies of `name` a kprobe can reach.
std::vector<KernelInlinePlace> reachable_copies(const std::string &name,
                                                SymbolSource &symbols) {
  std::vector<KernelInlinePlace> out;
  const KernelInlinePlaces *places = symbols.kernel_inline_places(nullptr);
  if (!places || kprobe_refusal(name)) return out;
  out = places->of(name);
  // A copy inside the function's own symbol is its body (the compiler
  // split it), run at each call: its entry probe covers it.
  std::erase_if(out, [&](const KernelInlinePlace &p) {
    return p.symbol == name || kprobe_refusal(p.symbol).has_value();
  });
  return out;
}

}  // namespace

bool probes_inlined_copies(const ProbePoint &pp, const ProbeType &t,
                           std::string_view spec, SymbolSource &symbols) {
  return t.symbols == SymbolKind::kernel_function &&
         t.components.back().name == "function" && !pp.in_tapset &&
         split_function_spec(spec).file.empty() &&
         symbols.missing_kernel_debuginfo().empty();
}

std::vector<ProbePoint *>
inlined_copy_points(const ProbePoint &point, int fn_at, const std::string &name,
                    SymbolSource &symbols, AstContext &ctx) {
  std::vector<ProbePoint *> out;
  for (const KernelInlinePlace &copy : reachable_copies(name, symbols)) {
    auto *p = ctx.make_at<ProbePoint>(point.loc);
    *p = point;
    auto *lit = ctx.make_at<StringLit>(point.components[fn_at].loc);
    lit->value = name + "@" + copy.declared;
    lit->type = Type::string;
    p->components[fn_at].arg = lit;
    p->kernel_symbol = copy.symbol;
    p->kernel_offset = copy.offset;
    p->kernel_inline_die = copy.die;
    out.push_back(p);
  }
  return out;
}

std::vector<std::string> inlined_copy_names(const std::string &name,
                                            SymbolSource &symbols) {
  std::vector<std::string> out;
  for (const KernelInlinePlace &copy : reachable_copies(name, symbols))
    if (std::string n = name + "@" + copy.declared;
        std::find(out.begin(), out.end(), n) == out.end())
      out.push_back(std::move(n));
  return out;
}

std::vector<std::string>
inlined_functions_matching(std::string_view pattern,
                           const std::vector<std::string> &known,
                           SymbolSource &symbols) {
  const KernelInlinePlaces *places = symbols.kernel_inline_places(nullptr);
  std::vector<std::string> out;
  if (!places) return out;
  std::vector<std::string> sorted = known;
  std::sort(sorted.begin(), sorted.end());
  out = places->names_matching(pattern);
  std::erase_if(out, [&](const std::string &n) {
    return std::binary_search(sorted.begin(), sorted.end(), n);
  });
  return out;
}

}  // namespace stap
