#include "driver/diagnostic_output.h"

#include <unistd.h>

#include <iostream>

namespace stap {

DiagnosticColors diagnostic_colors(const Options &opts,
                                   const std::ostream &err) {
  bool on = opts.color == ColorWhen::always ||
            (opts.color == ColorWhen::auto_ && &err == &std::cerr &&
             isatty(STDERR_FILENO));
  if (!on || opts.lint_format != "text") return {};
  return parse_diagnostic_colors(opts.colors_env);
}

void print_diagnostics(const Diagnostics &diags, const Options &opts,
                       std::ostream &err) {
  err << diags.render_all(diagnostic_colors(opts, err), "stap: ");
}

}  // namespace stap
