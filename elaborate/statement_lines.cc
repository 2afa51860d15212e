#include "elaborate/statement_lines.h"

#include <charconv>
#include <cstdlib>

#include "elaborate/symbols.h"
#include "symbols/glob.h"

namespace stap {

namespace {

// The LINES part: inclusive ranges, relative to the declaration line when
// it started with '+'. Empty ranges with `any` for "*".
struct LineSpec {
  bool any = false, relative = false;
  std::vector<std::pair<int, int>> ranges;

  bool matches(const DwarfLine &l) const {
    if (any) return true;
    int n = relative ? l.line - l.function_decl_line : l.line;
    for (auto [lo, hi] : ranges)
      if (n >= lo && n <= hi) return true;
    return false;
  }
};

bool parse_number(std::string_view s, int *out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() &&
         *out >= 0;
}

std::optional<LineSpec> parse_line_spec(std::string_view s) {
  LineSpec spec;
  if (s == "*") {
    spec.any = true;
    return spec;
  }
  if (!s.empty() && s[0] == '+') {
    spec.relative = true;
    s.remove_prefix(1);
  }
  while (true) {
    size_t comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    size_t dash = part.find('-');
    int lo, hi;
    if (!parse_number(part.substr(0, dash), &lo)) return std::nullopt;
    hi = lo;
    if (dash != std::string_view::npos &&
        (!parse_number(part.substr(dash + 1), &hi) || hi < lo))
      return std::nullopt;
    spec.ranges.emplace_back(lo, hi);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return spec;
}

}  // namespace

bool source_file_matches(std::string_view pattern, std::string_view file) {
  if (glob_match(pattern, file)) return true;
  for (size_t slash = file.find('/'); slash != std::string_view::npos;
       slash = file.find('/', slash + 1))
    if (glob_match(pattern, file.substr(slash + 1))) return true;
  return false;
}

std::string statement_name(const DwarfLine &l) {
  return l.function + "@" + l.file + ":" + std::to_string(l.line);
}

StatementMatch match_statement_lines(const UserDwarf &dwarf,
                                     std::string_view text) {
  StatementMatch out;
  FunctionSpec spec = split_function_spec(text);
  if (spec.file.empty()) spec.file = "*";
  if (spec.line.empty()) spec.line = "*";
  std::optional<LineSpec> lines = parse_line_spec(spec.line);
  if (!lines) {
    out.error = "malformed line number '" + spec.line +
                "' (expected \"N\", \"N-M\", \"N,M\", \"+N\" or \"*\")";
    return out;
  }
  // Wanted line, and the nearest line of a matching function so far.
  int want = lines->ranges.empty() ? 0 : lines->ranges.front().first;
  const DwarfLine *near = nullptr;
  auto distance = [&](const DwarfLine &l) {
    return std::abs((lines->relative ? l.line - l.function_decl_line : l.line) -
                    want);
  };
  for (const DwarfLine &l : dwarf.lines()) {
    if (!glob_match(spec.name, l.function) ||
        !source_file_matches(spec.file, l.file))
      continue;
    if (lines->matches(l))
      out.lines.push_back(&l);
    else if (!near || distance(l) < distance(*near))
      near = &l;
  }
  if (out.lines.empty() && near)
    out.nearest =
        near->function + "@" + spec.file +
        (lines->relative
             ? "+" + std::to_string(near->line - near->function_decl_line)
             : ":" + std::to_string(near->line));
  return out;
}

}  // namespace stap
