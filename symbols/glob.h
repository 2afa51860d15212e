// Shell-style wildcard matching for probe-point components and symbol
// patterns: `*` (any run), `?` (one character), `[abc]`, `[a-z]`, `[!x]`.
// No path semantics: `*` crosses `/` and `.`, as symbol names need.
#pragma once

#include <string_view>

namespace stap {

bool glob_match(std::string_view pattern, std::string_view text);

// True when `s` holds any of `*`, `?`, `[`.
bool has_glob_chars(std::string_view s);

// Optimal-string-alignment distance (transpositions count as one edit), for
// "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace stap
