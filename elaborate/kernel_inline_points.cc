#include "elaborate/kernel_inline_points.h"

#include "elaborate/statement_lines.h"
#include "symbols/glob.h"
#include "symbols/kprobe_blacklist.h"

namespace stap {

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
      KernelPlace place = symbols.kernel_place(copy.pc);
      if (place.why.empty())
        if (auto refused = kprobe_refusal(place.symbol))
          place.why = "the kernel refuses kprobes on '" + place.symbol +
                      "': " + *refused;
      if (!place.why.empty()) {
        out.why = place.why;
        continue;
      }
      auto *p = ctx.make_at<ProbePoint>(base.loc);
      *p = base;
      auto *lit = ctx.make_at<StringLit>(base.components[fn_at].loc);
      lit->value = name + "@" + file + ":" + std::to_string(line);
      lit->type = Type::string;
      p->components[fn_at].arg = lit;
      p->kernel_symbol = place.symbol;
      p->kernel_offset = place.offset;
      p->kernel_inline_die = copy.die;
      out.points.push_back(p);
    }
  }
  return out;
}

}  // namespace stap
