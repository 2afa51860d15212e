#include "kbuild/make_quote.h"

#include <algorithm>
#include <cctype>

#include "probes/c_writer.h"

namespace stap {

std::string macro_define_problem(std::string_view define) {
  size_t eq = define.find('=');
  std::string_view name = define.substr(0, eq);
  if (!is_c_identifier(name))
    return "the macro name must be a C identifier";
  if (eq == std::string_view::npos) return "";
  std::string_view value = define.substr(eq + 1);
  bool plain = std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           c == '.' || c == '+' || c == '-';
  });
  if (!plain)
    return "the value may hold only letters, digits, '_', '.', '+' and '-'";
  return "";
}

std::optional<std::string> make_shell_word(std::string_view word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\n' || c == '\r' || c == '\0' || c == '\'') return std::nullopt;
    if (c == '$') out += "$$";
    else if (c == '#') out += "\\#";
    else out += c;
  }
  return out + "'";
}

}  // namespace stap
