// Colours of diagnostics on a terminal (stap --color, SYSTEMTAP_COLORS).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stap {

// The Select Graphic Rendition parameters ("01;31") of each part stap(1)
// lets users colour; an empty one stays plain.
struct DiagnosticColors {
  std::string error;    // "error:" and its kinds ("parse error:")
  std::string warning;  // "warning:"
  std::string source;   // the location, "file:line:col"
  std::string caret;    // the "^~~~" under the source line
  std::string token;    // the range in the source line the caret marks
};

// The palette SYSTEMTAP_COLORS asks for: unset (nullopt), SystemTap's
// defaults, error=01;31:warning=00;33:source=00;34:caret=01:token=01;
// else KEY=VALUE entries separated by ':', where an unknown key or an entry
// without '=' is skipped and a missing key stays plain. A VALUE that is
// empty or holds anything but digits and ';' turns all colour off, as it
// does in SystemTap 4.8: so nothing but an SGR sequence ever reaches the
// terminal, whoever set the variable.
DiagnosticColors parse_diagnostic_colors(std::optional<std::string_view> env);

// @text between "ESC[@sgr m ESC[K" and "ESC[m ESC[K" (SystemTap's form:
// ESC[K keeps a background colour from running to the end of the line);
// @text alone when @sgr or @text is empty.
std::string paint(std::string_view sgr, std::string_view text);

}  // namespace stap
