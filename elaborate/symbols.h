// One place to ask "which symbols match this pattern?" for every SymbolKind
// of the probe registry: kernel functions, data and tracepoints (see
// kernel_symbols.h for the sources), kernel module functions, and the
// functions, statements, SDT marks and PLT entries of user binaries (see
// elf_symbols.h). Tables are loaded on first use and cached for the run.
//
// Function patterns may carry a source qualifier, "name@file.c" or
// "name@file.c:123": the name part is globbed against symbol names; the file
// part is checked against DWARF decl_file when the binary has DWARF
// (suffix match: "read_write.c" matches "fs/read_write.c"), and is kept
// verbatim but unchecked when it does not. Kernel tables never have source
// files, so a kernel pattern with a file part reports `unavailable`.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "probes/probe_registry.h"
#include "symbols/elf_symbols.h"
#include "symbols/kernel_btf.h"
#include "symbols/kernel_inline_index.h"
#include "symbols/kernel_inline_places.h"
#include "symbols/kernel_symbols.h"
#include "symbols/kernel_text_symbols.h"
#include "symbols/kernel_tracepoints.h"
#include "symbols/module_tracepoints.h"
#include "symbols/user_dwarf.h"

namespace stap {

struct FunctionSpec {
  std::string name;  // "vfs_*"
  std::string file;  // "fs/*.c", empty when absent
  std::string line;  // "123", "10-20", "+3", "*" or empty
};
// Splits "name@file:line" or "name@file+N" (each part optional after the
// name).
FunctionSpec split_function_spec(std::string_view spec);

enum class SymbolStatus : uint8_t {
  ok,           // `names` holds the matches (possibly none)
  unavailable,  // no symbol source for this kind; `detail` says why
  bad_binary,   // the binary is missing or not ELF; `detail` is the message
  bad_pattern,  // the pattern is malformed; `detail` says how
};

// A kernel address as a kprobe names it: symbol+offset, or why it
// cannot be named so.
struct KernelPlace {
  std::string symbol;
  uint64_t offset = 0;
  std::string why;  // non-empty: no place
};

struct SymbolMatches {
  SymbolStatus status = SymbolStatus::ok;
  // Concrete probe arguments, sorted: "vfs_read", or "main@ls.c" when a
  // file qualifier was given; marks are plain mark names.
  std::vector<std::string> names;
  // Kernel source lines: where a kprobe goes for each of `names`
  // (parallel to it).
  std::vector<KernelPlace> places;
  std::string detail;
  // The kernel's list lacks functions without type information (BTF):
  // a name it does not have may still exist.
  bool incomplete = false;
};

// The BTF reader's view of a run's kernel files (symbols/kernel_btf.h).
KernelBtfPaths kernel_btf_paths(const KernelSymbolPaths &paths);

class SymbolSource {
public:
  // The run's kernel files (driver/: KernelTarget::symbol_paths); an empty
  // KernelSymbolPaths is a run without kernel symbols (user space only).
  explicit SymbolSource(KernelSymbolPaths paths);

  // Matches `pattern` against the symbols of `kind`. `binary` is the
  // process/library path or kernel module name (ignored for kernel kinds);
  // `qualifier` is the SDT provider for process_mark (empty = any), or
  // "nearest" for a process_statement point ending in .nearest.
  SymbolMatches glob(SymbolKind kind, std::string_view binary,
                     std::string_view pattern,
                     std::string_view qualifier = {});

  // The kernel table, loaded once; nullptr (and *why) when unavailable.
  const KernelSymbolTable *kernel(std::string *why = nullptr);
  // Whether the target kernel has function `name`, without listing them
  // all when the table comes from BTF (its index answers directly).
  bool has_kernel_function(const std::string &name);
  // A process(...) or library(...) argument as a file (resolve_binary_path
  // over the driver's program path).
  std::string resolve_binary(const std::string &name, bool library) const;
  // process("EXE").library("LIB")'s LIB for EXE (resolve_library_path
  // over the host's library directories).
  std::string resolve_library(const std::string &name,
                              const std::string &exe) const;
  // A user binary, resolved through resolve_binary and cached.
  const BinaryInfo *binary(const std::string &name, bool library,
                           std::string *error);

  // A user binary's DWARF (resolved like binary()), opened once;
  // nullptr and *error when it has none.
  const UserDwarf *user_dwarf(const std::string &name, bool library,
                              std::string *error);

  // The target kernel's BTF (symbols/kernel_btf.h), loaded once; nullptr
  // (and *why) when unavailable.
  KernelBtf *kernel_btf(std::string *why = nullptr);

  // Parameters of a kernel function (or of one in `module`) from the
  // target kernel's BTF; nullopt when unknown.
  std::optional<std::vector<TargetVariable>> kernel_function_params(
      const std::string &function, const std::string &module = "");

  // Every tracepoint of the target kernel as "GROUP:NAME" (just "NAME"
  // when no header or tracefs names its group), sorted; see
  // symbols/kernel_tracepoints.h.
  std::vector<std::string> kernel_tracepoints(std::string *why = nullptr);
  // The arguments of tracepoint "GROUP:NAME" (or "NAME") from the target
  // kernel's BTF; nullopt (and *why) when unknown.
  std::optional<FunctionProto>
  kernel_tracepoint_args(std::string_view point, std::string *why = nullptr);
  // The module defining tracepoint "GROUP:NAME", as found when a pattern
  // was matched against module tracepoints; "" for vmlinux's.
  std::string kernel_tracepoint_module(std::string_view point);

  // Empty when the target kernel's DWARF is installed; else the end of
  // an error about a DWARF-only construct, what it needs: "the kernel's
  // debuginfo: install linux-image-R-dbg (not found:
  // /usr/lib/debug/boot/vmlinux-R)". With `module`, that module's
  // debuginfo ("the debuginfo of module '9p': ... (not found:
  // /usr/lib/debug/lib/modules/R/kernel/fs/9p/9p.ko)"), found from the
  // module's file under /lib/modules/R/kernel.
  // Only looks whether the file is there: a script that needs no DWARF
  // never opens it.
  const std::string &missing_kernel_debuginfo(const std::string &module = "");

  // The target kernel's vmlinux DWARF (or `module`'s), opened on first
  // use (only scripts that name a DWARF-only form pay for it); nullptr
  // and *why when absent.
  const UserDwarf *kernel_dwarf(std::string *why = nullptr,
                                const std::string &module = "");
  // The address of a kprobe's symbol+offset (a point pass 2 placed), as
  // vmlinux's (or `module`'s) DWARF counts them; nullopt and *why when
  // the symbol is unknown.
  std::optional<uint64_t> kernel_address(const std::string &symbol,
                                         uint64_t offset, std::string *why,
                                         const std::string &module = "");

  // The kernel's functions by name from vmlinux's (or `module`'s) DWARF
  // (inlined copies and definitions: symbols/kernel_inline_index.h),
  // read from the cache or built on first use; nullptr and *why without
  // the debuginfo.
  const KernelInlineIndex *kernel_function_dies(std::string *why,
                                                const std::string &module = "");
  // Where every inlined copy of the kernel's functions is probed
  // (symbols/kernel_inline_places.h), from the cache or derived from the
  // index on first use; nullptr and *why without the debuginfo.
  const KernelInlinePlaces *kernel_inline_places(std::string *why);
  // Where a kprobe goes for an address of vmlinux's (or `module`'s)
  // DWARF, through the symbol that holds it.
  KernelPlace kernel_place(uint64_t addr, const std::string &module = "");

  // "Warn once" bookkeeping for callers: returns true the first time a
  // given key is passed, false afterwards.
  bool first_time(const std::string &key);

  const KernelSymbolPaths &paths() const { return paths_; }

private:
  KernelSymbolPaths paths_;
  bool kernel_loaded_ = false;
  std::optional<KernelSymbolTable> kernel_;
  // The table stands in for BTF whose function and tracepoint names are
  // not listed yet: listing 60,000 names is wasted on a script naming a
  // few functions.
  bool btf_functions_pending_ = false;
  const KernelSymbolTable *kernel_table(std::string *why);
  std::string kernel_why_;
  std::map<std::string, std::optional<std::vector<std::string>>> ko_modules_;
  // path -> info, or the error message when it could not be read
  std::map<std::string, std::optional<BinaryInfo>> binaries_;
  std::map<std::string, std::string> binary_errors_;
  std::map<std::string, std::pair<std::unique_ptr<UserDwarf>, std::string>>
      dwarfs_;
  std::set<std::string> warned_;
  // vmlinux's debuginfo (module "") or one module's, each opened on
  // first use.
  struct DebugObject {
    std::string label;    // "vmlinux", "module '9p'"
    std::string path;     // the debuginfo file
    std::string missing;  // missing_kernel_debuginfo()'s answer
    bool dwarf_opened = false;
    std::unique_ptr<UserDwarf> dwarf;
    std::string dwarf_why;
    std::optional<KernelTextSymbols> text;
    std::string text_why;
    // The line tables of the units a statement's file part names, by
    // that part: a match points into them.
    std::map<std::string, std::vector<DwarfLine>> lines;
    std::optional<KernelInlineIndex> functions;  // kernel_function_dies()
  };
  std::map<std::string, DebugObject> debug_objects_;
  std::optional<KernelInlinePlaces> kernel_inline_places_;
  DebugObject &debug_object(const std::string &module);
  // Where a kprobe goes for an address of `obj` (through the symbol that
  // holds it) or for a function symbol plus an offset.
  const KernelTextSymbols *kernel_text(DebugObject &obj, std::string *why);
  KernelPlace kernel_place(DebugObject &obj, uint64_t addr);
  KernelPlace kernel_symbol_place(DebugObject &obj, const std::string &name,
                                  uint64_t offset);
  SymbolMatches kernel_file_functions(const std::string &module,
                                      std::string_view pattern);
  SymbolMatches kernel_statements(const std::string &module,
                                  std::string_view pattern, bool nearest);
  // module("M").statement("f@file:N") and module("M").function("f@file").
  SymbolMatches module_source_lines(SymbolKind kind, const std::string &module,
                                    std::string_view pattern, bool nearest);
  bool btf_loaded_ = false;
  std::unique_ptr<KernelBtf> btf_;
  std::string btf_why_;
  std::optional<TracepointHeaders> tracepoint_headers_;
  const TracepointHeaders &tracepoint_headers();
  // The release's module tracepoints (symbols/module_tracepoints.h),
  // loaded on first use.
  std::optional<std::vector<ModuleTracepoint>> module_index_;
  const std::vector<ModuleTracepoint> &module_tracepoint_index();
  // Every module tracepoint as "GROUP:NAME" (or "NAME"), sorted; records
  // each in tracepoint_module_.
  std::vector<std::string> module_tracepoints();
  // An exact "GROUP:NAME" found in the modules named like GROUP before
  // the whole index is built (a few modules instead of ~4,000; cached per
  // group); nullopt when it is not there or the index is at hand.
  // Recorded as above.
  std::optional<std::string> guessed_module_tracepoint(std::string_view point);
  std::deque<ModuleTracepoint> guessed_tracepoints_;  // pointers stay valid
  // The module tracepoint a matched point names; nullptr for vmlinux's.
  const ModuleTracepoint *module_tracepoint(std::string_view point);
  std::map<std::string, const ModuleTracepoint *, std::less<>>
      tracepoint_module_;
};

}  // namespace stap
