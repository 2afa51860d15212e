// Pass 2: elaboration. Turns the parsed script plus the tapset library into
// a resolved, typed program: tapsets pulled in on demand, symbols resolved,
// probe aliases expanded, probe points matched against the registry,
// types inferred, dead code pruned.
//
// elaborate() runs a named list of steps (see elaborate.cc), each in its own
// file: tapset_library, resolve, alias_expansion, probe_context, types,
// format_check, optimize, and finally print_program for `stap -p2`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "elaborate/target_access.h"
#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "parser/parse.h"
#include "parser/source.h"
#include "symbols/kernel_symbols.h"

namespace stap {

struct ProbeType;
class MacroTable;
class SymbolSource;

struct ElaborateOptions {
  // Tapset search order; -I dirs first, the built-in tapsets/ dir last.
  // Each root contributes its version and arch subdirectories (see
  // tapset_library.h for the rule).
  std::vector<std::string> tapset_dirs;
  // The installed tapset directory when it is one of tapset_dirs: the only
  // root whose files are library code (trusted pragmas, top-level %{ %}).
  std::string library_dir;
  std::string arch = "x86_64";
  std::string kernel_release;  // "6.1.0-26-amd64", for version subdirectories
  // Symbol tables for wildcard expansion (kernel.function("vfs_*")); shared
  // with -l/-L when the driver passes one. nullptr: elaborate() makes its
  // own from symbol_paths (release: kernel_release when unset there).
  SymbolSource *symbols = nullptr;
  KernelSymbolPaths symbol_paths;
  bool optimize = true;        // -u turns it off
  bool guru = false;
  ParseOptions parse;  // to parse tapsets the same way as the script
  // -G name=value: initial values of script globals, as written.
  std::vector<std::pair<std::string, std::string>> global_inits;
  // -D NAME[=VALUE] as written: the module bounds some of them move
  // (module_limits.h).
  std::vector<std::string> defines;
  // Below stapdev (-D granted through option.define): a -D may not raise a
  // runtime bound above its default.
  bool bounds_fixed = false;
  // -c CMD / -x PID: bare process.function(...) probes their executable
  // (process_target.h).
  std::string target_command;
  int64_t target_pid = 0;
};

// How one resolved probe came to be: the point as the user (or a tapset)
// wrote it, and the alias names it went through, outermost first.
struct ProbeOrigin {
  std::string written;             // "syscall.*"
  std::vector<std::string> aliases;  // {"syscall.read"}
  // Written with `?` (itself or an outer point): a probe the kernel
  // refuses to arm is counted, not fatal.
  bool optional = false;
  // One of the places a pattern argument matched (`kernel.function("vfs_*")`):
  // as with `?`, the kernel refusing it (an `__init` function, freed after
  // boot, which nothing before run time can tell) is a warning, not fatal.
  bool from_pattern = false;
};

// How probe `point` was derived, nearest first: the point itself, the
// aliases it went through (innermost first), then what was written;
// a name equal to the point or to the one before it is left out. The -p2
// listing and the -t report ("from: A from: B") both print it.
std::vector<std::string> probe_derivation(const std::string &point,
                                          const ProbeOrigin &origin);

struct Program {  // the result of pass 2
  ParsedFile *script = nullptr;
  std::vector<ParsedFile *> tapsets_used;
  // After alias expansion: one ProbeDecl per concrete probe, with exactly
  // one resolved point. Probes expanded from one wildcard point share their
  // body (and locals); treat bodies as read-only after pass 2.
  std::vector<ProbeDecl *> probes;
  std::vector<FunctionDecl *> functions;  // reachable ones
  std::vector<VarDecl *> globals;
  std::vector<EmbeddedDecl *> embeds;
  // For each probe: the ProbeType it matched (same index as probes).
  std::vector<const ProbeType *> probe_types;
  // For each probe: how it was reached (same index as probes).
  std::vector<ProbeOrigin> probe_origins;
  // For each probe: its target expressions, resolved (target_access.h).
  std::vector<ProbeTargets> probe_targets;
  // For each probe (same index): what a uretprobe probe evaluates at the
  // function's entry and saves for its return half, in evaluation order:
  // each @entry(e) node and each target expression but $return (a return
  // probe reads those as they were at entry). Empty for other probes.
  std::vector<std::vector<const Expr *>> probe_entry_values;
  // @cast expressions inside functions.
  ProbeTargets function_targets;
  // What the optimizer dropped from each body (a probe's or a function's):
  // unused side-effect-free values. Kept for the privilege pass, which
  // judges what the user wrote, not what survived.
  std::map<const Stmt *, std::vector<Expr *>> elided;
  // Bytes the arrays and statistics preallocate at load: once, and per
  // CPU (module_limits.h).
  uint64_t prealloc_shared = 0, prealloc_per_cpu = 0;
  uint64_t prealloc_limit = 0;
  // Tapset library statistics (tests check the library stays lazy).
  size_t tapset_files_indexed = 0;
  size_t tapset_files_parsed = 0;
};

// Pass 2. Collects every diagnostic into `diags`; never throws. `macros`
// holds the tapset *.stpm macros (see load_tapset_macros) so tapset files
// parse with them.
Program elaborate(ParsedFile *script, SourceManager &sm, AstContext &ctx,
                  Diagnostics &diags, const ElaborateOptions &opts,
                  MacroTable &macros);

// Loads every tapset macro library (*.stpm) on the search path into
// `macros`, honouring the same shadowing rule as *.stp files. The driver
// calls it before parsing the script, so scripts may use tapset macros.
// Returns the number of macro files loaded.
size_t load_tapset_macros(const ElaborateOptions &opts, SourceManager &sm,
                          Diagnostics &diags, MacroTable &macros);

// The `stap -p2` listing:
//   # globals
//   count:long
//   hits:long[string,long]          (arrays: value type[index types])
//   # functions
//   add:long (a:long, b:long)
//     sum:long                      (locals, indented)
//   # probes
//   kernel.function("vfs_read") /* <- syscall.read <- syscall.* */
//     fd:long
// A probe's comment lists, innermost first, the alias names it went through
// and the point as written, when they differ from the resolved point.
std::string print_program(const Program &p);

}  // namespace stap
