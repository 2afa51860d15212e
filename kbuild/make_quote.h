// Text that reaches make. A kbuild Makefile line is expanded by make and
// its commands again by the shell, so `$`, `#`, quotes, spaces and newlines
// in an option value would run commands during pass 4 (`-D 'X=$(shell
// ...)'`). Every word we write there is checked or quoted here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stap {

// Why `-D NAME[=VALUE]` cannot be passed to the compiler, or "" when it
// can: NAME is a C identifier and VALUE holds only letters, digits, `_`,
// `.`, `+` and `-` (1024, -1, 0x10, 100LL, another macro's name).
std::string macro_define_problem(std::string_view define);

// `word` as exactly one shell word inside a make variable: single-quoted,
// with `$` and `#` escaped for make. nullopt when make cannot carry it at
// all (a newline, a NUL, a single quote).
std::optional<std::string> make_shell_word(std::string_view word);

}  // namespace stap
