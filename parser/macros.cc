#include "parser/macros.h"

namespace stap {

bool MacroTable::define(MacroDef def) {
  auto [it, inserted] = defs_.try_emplace(def.name);
  if (!inserted) return false;
  it->second = std::make_unique<MacroDef>(std::move(def));
  return true;
}

const MacroDef *MacroTable::find(std::string_view name) const {
  auto it = defs_.find(std::string(name));
  return it == defs_.end() ? nullptr : it->second.get();
}

}  // namespace stap
