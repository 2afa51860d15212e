#include "parser/diagnostic_colors.h"

#include <algorithm>

namespace stap {

namespace {

bool valid_sgr(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ';';
  });
}

std::string *part_named(DiagnosticColors &c, std::string_view key) {
  if (key == "error") return &c.error;
  if (key == "warning") return &c.warning;
  if (key == "source") return &c.source;
  if (key == "caret") return &c.caret;
  if (key == "token") return &c.token;
  return nullptr;
}

}  // namespace

DiagnosticColors parse_diagnostic_colors(std::optional<std::string_view> env) {
  if (!env) return {"01;31", "00;33", "00;34", "01", "01"};
  DiagnosticColors colors;
  std::string_view rest = *env;
  while (!rest.empty()) {
    size_t colon = rest.find(':');
    std::string_view entry = rest.substr(0, colon);
    rest = colon == rest.npos ? std::string_view() : rest.substr(colon + 1);
    size_t eq = entry.find('=');
    if (eq == entry.npos) continue;
    std::string_view value = entry.substr(eq + 1);
    if (!valid_sgr(value)) return {};
    if (std::string *part = part_named(colors, entry.substr(0, eq)))
      *part = value;
  }
  return colors;
}

std::string paint(std::string_view sgr, std::string_view text) {
  if (sgr.empty() || text.empty()) return std::string(text);
  std::string out = "\033[";
  out += sgr;
  out += "m\033[K";
  out += text;
  out += "\033[m\033[K";
  return out;
}

}  // namespace stap
