// Machine-readable renderers of a diagnostic list, for CI: SARIF 2.1.0
// (`--sarif`, `--lint-format=sarif`) and a plain JSON form
// (`--lint-format=json`). They consume Diagnostics::finalized() like the
// text renderer does; nothing here decides what is an error.
//
// Rule ids: a privilege diagnostic is filed under "privilege/ACTION"
// (e.g. "privilege/probe.kernel"); every other one under its stable code
// ("STAP2001").
#pragma once

#include <string>
#include <vector>

#include "parser/diagnostics.h"

namespace stap {

std::string render_sarif(const std::vector<Diagnostic> &diags,
                         const SourceManager &sm);
std::string render_json(const std::vector<Diagnostic> &diags,
                        const SourceManager &sm);

// The rule id a diagnostic is reported under.
std::string diagnostic_rule_id(const Diagnostic &d);

}  // namespace stap
