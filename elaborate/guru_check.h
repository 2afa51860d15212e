// Guru mode checks: embedded C (%{ %}) in the user's script (checked as
// each user file is parsed: SystemTap 4.8 fails pass 1), and calls to the
// tapset functions marked /* guru */ (a pass 2 step).
//
// The parser accepts %{ %} wherever the grammar allows it; whether the user
// may write it is a permission question, so it is answered here. Under
// --privilege below stapdev the privilege pass owns the verdict (with its
// action name and location), so this check stays silent there rather than
// report the same block twice. Tapset files are exempt.
#pragma once

#include <string>

#include "elaborate/elaborate.h"
#include "parser/ast.h"
#include "parser/diagnostics.h"

namespace stap {

// Reports every %{ %} block, embedded function body and embedded
// expression/statement of `script` unless `guru` is set or `privilege`
// (as in PreprocessorEnv::privilege) names a level below stapdev.
void check_embedded_needs_guru(ParsedFile *script, bool guru,
                               const std::string &privilege,
                               Diagnostics &diags);

// Reports each call to a tapset function marked /* guru */ (SystemTap's
// set_kernel_* and friends), under the same conditions.
void check_guru_functions(const Program &program, bool guru,
                          const std::string &privilege, Diagnostics &diags);

// Reports each probe at a raw address (ProbeType::needs_guru:
// kernel/kprobe/process .statement(N).absolute), under the same conditions.
void check_guru_probes(const Program &program, const SourceManager &sm,
                       bool guru, const std::string &privilege,
                       Diagnostics &diags);

}  // namespace stap
