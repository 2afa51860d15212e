#include "elaborate/statement_lines.h"

#include <algorithm>
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
                                     std::string_view text, bool nearest) {
  return match_statement_lines(dwarf.lines(), text, nearest);
}

StatementMatch match_statement_lines(const std::vector<DwarfLine> &all,
                                     std::string_view text, bool nearest) {
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
  auto number = [&](const DwarfLine &l) {
    return lines->relative ? l.line - l.function_decl_line : l.line;
  };
  // How far a line is from range r (0: inside).
  auto distance = [&](const DwarfLine &l, std::pair<int, int> r) {
    int n = number(l);
    return n < r.first ? r.first - n : n > r.second ? n - r.second : 0;
  };
  // The lines of the matching functions, grouped by function (`all` is
  // sorted by function).
  std::vector<std::vector<const DwarfLine *>> functions;
  for (const DwarfLine &l : all) {
    if (!glob_match(spec.name, l.function) ||
        !source_file_matches(spec.file, l.file))
      continue;
    if (functions.empty() || functions.back()[0]->function != l.function)
      functions.emplace_back();
    functions.back().push_back(&l);
    if (lines->matches(l)) out.lines.push_back(&l);
  }
  // The nearest line to each range that has none, per function: what
  // .nearest probes, and the "did you mean" otherwise.
  std::vector<const DwarfLine *> closest;
  for (const auto &fn : functions)
    for (std::pair<int, int> r : lines->ranges) {
      const DwarfLine *best = fn[0];
      // On a tie the later line: the code that follows the one asked for.
      for (const DwarfLine *l : fn)
        if (distance(*l, r) <= distance(*best, r)) best = l;
      if (distance(*best, r) > 0) closest.push_back(best);
    }
  if (nearest) {
    out.lines.insert(out.lines.end(), closest.begin(), closest.end());
    std::sort(out.lines.begin(), out.lines.end());  // lines() order
    out.lines.erase(std::unique(out.lines.begin(), out.lines.end()),
                    out.lines.end());
  } else if (out.lines.empty() && !closest.empty()) {
    const DwarfLine *near = closest[0];
    out.nearest = near->function + "@" + spec.file +
                  (lines->relative ? "+" : ":") + std::to_string(number(*near));
  }
  return out;
}

}  // namespace stap
