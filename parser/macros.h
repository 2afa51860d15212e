// @define macros: a name, parameter names and the body's tokens.
//
// Library macros (*.stpm) live in one table for the whole run; a script's
// own @define's live in a table local to its file and shadow the library.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parser/token.h"

namespace stap {

struct MacroDef {
  std::string name;  // without the @
  std::vector<std::string> params;
  bool function_like = false;  // defined with parentheses, even empty ones
  std::vector<Token> body;  // views into SourceManager buffers
  Location loc;             // the name in the @define
};

class MacroTable {
public:
  // False (and no change) when `name` is already defined here.
  bool define(MacroDef def);
  const MacroDef *find(std::string_view name) const;
  size_t size() const { return defs_.size(); }

private:
  std::unordered_map<std::string, std::unique_ptr<MacroDef>> defs_;
};

}  // namespace stap
