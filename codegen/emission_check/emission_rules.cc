#include "codegen/emission_check/emission_rules.h"

namespace stap::emission {

std::string script_location_for_line(const std::string &c_source,
                                      unsigned line) {
  static const std::string marker = "/* stap:loc ";
  std::string found;
  unsigned current = 1;
  size_t pos = 0;
  while (pos < c_source.size() && current <= line) {
    size_t eol = c_source.find('\n', pos);
    if (eol == std::string::npos) eol = c_source.size();
    size_t m = c_source.find(marker, pos);
    if (m != std::string::npos && m < eol) {
      size_t end = c_source.find(" */", m);
      if (end != std::string::npos && end < eol)
        found = c_source.substr(m + marker.size(), end - m - marker.size());
    }
    pos = eol + 1;
    ++current;
  }
  return found;
}

std::vector<Violation> check_text(const std::string &c_source,
                                  const Rules &rules) {
  std::vector<Violation> out;
  if (!rules.unprivileged) return out;
  static const std::string marker = "/* stap:embedded-begin";
  unsigned line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < c_source.size(); ++i) {
    if (c_source.compare(i, marker.size(), marker) == 0)
      out.push_back({"embedded-c", line,
                     static_cast<unsigned>(i - line_start + 1),
                     "embedded C in a module built for an unprivileged user",
                     script_location_for_line(c_source, line)});
    if (c_source[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return out;
}

}  // namespace stap::emission
