// What the steps of pass 2 share while it runs: the symbol tables being
// filled, the tapset library, and the probes found so far. Internal to
// elaborate/; the pass's result is the Program.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "elaborate/elaborate.h"
#include "elaborate/symbols.h"
#include "elaborate/tapset_library.h"
#include "probes/probe_registry.h"

namespace stap {

// One concrete probe: its declaration (one resolved point, own body), the
// type it matched and how it was reached.
struct ResolvedProbe {
  ProbeDecl *decl = nullptr;
  const ProbeType *type = nullptr;
  ProbeOrigin origin;
  bool resolved = false;  // body resolved yet
  // Points expanded from one wildcard share one body (and its locals),
  // owned by the ResolvedProbe at index `owner`.
  bool shares_body = false;
  size_t owner = 0;
};

struct ElabState {
  ElabState(ParsedFile *script, SourceManager &sm, AstContext &ctx,
            Diagnostics &diags, const ElaborateOptions &opts,
            MacroTable &macros)
      : sm(sm), ctx(ctx), diags(diags), opts(opts),
        library(opts, sm, ctx, diags, macros),
        registry(ProbeRegistry::builtin()), script(script) {
    if (opts.symbols) {
      symbols = opts.symbols;
    } else {
      KernelSymbolPaths paths = opts.symbol_paths;
      if (paths.release.empty()) paths.release = opts.kernel_release;
      own_symbols = std::make_unique<SymbolSource>(paths);
      symbols = own_symbols.get();
    }
  }

  SourceManager &sm;
  AstContext &ctx;
  Diagnostics &diags;
  const ElaborateOptions &opts;
  TapsetLibrary library;
  const ProbeRegistry &registry;
  SymbolSource *symbols = nullptr;
  std::unique_ptr<SymbolSource> own_symbols;
  ParsedFile *script;

  // Symbol tables over every registered file (the script and the tapsets
  // parsed so far). Private declarations stay here; lookups filter them.
  std::map<std::string, std::vector<FunctionDecl *>, std::less<>> functions;
  std::map<std::string, std::vector<VarDecl *>, std::less<>> globals;
  std::vector<AliasDecl *> aliases;
  std::vector<EmbeddedDecl *> embeds;
  std::vector<ParsedFile *> tapsets_used;

  // Written probes (script and tapset) not yet expanded.
  std::vector<ProbeDecl *> pending_probes;
  std::vector<ResolvedProbe> probes;
  // Functions reached by a call (or script functions) waiting to be
  // resolved, and those done.
  std::vector<FunctionDecl *> pending_functions;
  std::set<FunctionDecl *> resolved_functions;
};

// Adds a parsed file's declarations to the tables (duplicates reported)
// and queues its probes for expansion. Defined in register_decls.cc.
void register_file(ElabState &st, ParsedFile *file);
// Registers every tapset file the library parsed since the last call.
void register_new_tapsets(ElabState &st);

// Is `decl` (declared in `decl_file`, maybe private) visible from `from`?
inline bool visible_from(bool is_private, FileId decl_file, FileId from) {
  return !is_private || decl_file == from;
}

}  // namespace stap
