// Pass 1 entry points: script text to AST.
//
// parse_file runs lexer -> preprocessor (%( %), @define macros, $1/@1
// substitution) -> parser over one file and returns its declarations. Every
// problem is reported to `diags`; the parser recovers and keeps going, so one
// run reports every syntax error of the file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "parser/source.h"

namespace stap {

// What %( ... %) conditions may test.
struct PreprocessorEnv {
  std::string kernel_v;   // "6.1.0" (empty = unknown)
  std::string kernel_vr;  // "6.1.0-26-amd64"
  std::string arch = "x86_64";
  std::string runtime = "kernel";
  std::string systemtap_v = "5.0";
  std::string privilege = "stapdev";  // stapusr | stapsys | stapdev
  bool guru = false;
  // CONFIG_* lookup; std::nullopt when the kernel .config is unavailable
  std::function<std::optional<std::string>(std::string_view)> config;
};

struct ParseOptions {
  PreprocessorEnv env;
  std::vector<std::string> script_args;  // $1/@1 ...
};

class MacroTable;  // parser/macros.h

// Parses one file. `macros` holds the library macros (*.stpm); the file's own
// @define's stay local to it. Never returns nullptr.
ParsedFile *parse_file(FileId file, SourceManager &sm, AstContext &ctx,
                       Diagnostics &diags, const ParseOptions &opts,
                       MacroTable &macros);

// A macro library (*.stpm): only @define's are kept, into `macros`.
void load_macro_library(FileId file, SourceManager &sm, Diagnostics &diags,
                        const ParseOptions &opts, MacroTable &macros);

}  // namespace stap
