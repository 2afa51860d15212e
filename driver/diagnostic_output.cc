#include "driver/diagnostic_output.h"

#include <string_view>

namespace stap {

void print_diagnostics(const Diagnostics &diags, std::ostream &err) {
  std::string text = diags.render_all();
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl == rest.npos ? rest.size() : nl + 1);
    rest.remove_prefix(line.size());
    // Located lines start with "file:line:col:"; source and caret lines are
    // indented, so only a location-less header starts with its severity.
    if (line.starts_with("error: ") || line.starts_with("warning: ") ||
        line.starts_with("note: ") || line.starts_with("parse error: ") ||
        line.starts_with("semantic error: "))
      err << "stap: ";
    err << line;
  }
}

}  // namespace stap
