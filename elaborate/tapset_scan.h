// A cheap scan of one tapset file: which names it defines at top level.
//
// The tapset library indexes every file with this scan and parses only the
// files a script needs, so loading stays fast as the library grows. The scan
// is a light tokenizer (comments, strings and %{ %} skipped, braces counted);
// it over-approximates on purpose: both branches of a %( %? %: %) count, and
// the real parse decides.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stap {

struct ScannedFunction {
  std::string name;
  size_t arity = 0;
  bool is_private = false;
};

struct ScannedGlobal {
  std::string name;
  bool is_private = false;
};

struct TapsetDefs {
  std::vector<ScannedFunction> functions;
  std::vector<ScannedGlobal> globals;
  // Each alias name split into component names: {"syscall", "open"}.
  std::vector<std::vector<std::string>> aliases;
};

TapsetDefs scan_tapset(std::string_view text);

}  // namespace stap
