// What passes 1-2 share for one run: the source buffers, the AST arena, the
// diagnostic sink and the macro table, plus the parse and elaborate options
// derived once from Options and the kernel target. The pipeline, the
// --dump-functions query and the fuzzer all drive the front end through it.
#pragma once

#include <iosfwd>
#include <memory>
#include <vector>

#include "elaborate/elaborate.h"
#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "parser/source.h"

namespace stap {

struct Options;
class KernelTarget;
class MacroTable;

// Preprocessor values for the target: kernel_v(r), arch, CONFIG_ lookup...
ParseOptions make_parse_options(const Options &opts, const KernelTarget &kernel);
// Tapset search path (tapset_paths.h), -u, -g, -G, and the parse options.
ElaborateOptions make_elaborate_options(const Options &opts,
                                        const KernelTarget &kernel);

class FrontEnd {
public:
  FrontEnd(const Options &opts, const KernelTarget &kernel);
  ~FrontEnd();
  FrontEnd(const FrontEnd &) = delete;
  FrontEnd &operator=(const FrontEnd &) = delete;

  // Loads every tapset *.stpm; returns how many files were read.
  size_t load_macros();
  // Reads the script the options name (file, -e text, or `in` for `-`) and
  // parses it. Returns nullptr when it cannot be read (reported as opt_io).
  ParsedFile *parse_script(std::istream &in);
  // Parses each -E script as its own file ("<input1>", "<input2>"...).
  // Returns nullptr in place of one that failed.
  std::vector<ParsedFile *> parse_extra_scripts();
  // One of the user's files, with the checks pass 1 makes on user code.
  ParsedFile *parse_user_file(FileId id);
  // Pass 2 on a parsed script.
  Program elaborate(ParsedFile *script);

  Diagnostics &diags() { return diags_; }
  const Diagnostics &diags() const { return diags_; }
  SourceManager &sources() { return sources_; }
  const SourceManager &sources() const { return sources_; }
  AstContext &ast() { return ast_; }
  MacroTable &macros() { return *macros_; }
  const ElaborateOptions &elaborate_options() const { return elaborate_; }
  const Options &options() const { return opts_; }

private:
  const Options &opts_;
  SourceManager sources_;
  AstContext ast_;
  Diagnostics diags_;
  std::unique_ptr<MacroTable> macros_;
  ElaborateOptions elaborate_;
};

}  // namespace stap
