// The wording shared by every privilege diagnostic, so the action and the
// level that would allow it read the same wherever they are reported, and
// renderers (SARIF, JSON) find them as properties.
#pragma once

#include <string>
#include <string_view>

#include "parser/diagnostics.h"
#include "privilege/actions.h"

namespace stap {

// "PHRASE: WHAT needs privilege action 'A' (allowed at 'L'; current level
// 'C')", PHRASE being what SystemTap says for the same refusal
std::string denial_message(std::string_view what, Action a, Level current);

// Reports the denial and attaches the action/level properties.
Diagnostic &report_denial(Diagnostics &diags, DiagId id, Location loc,
                          std::string_view what, Action a, Level current);

}  // namespace stap
