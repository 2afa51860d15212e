// Kernel symbol tables for one target release: function names, data names,
// tracepoint names and loadable-module functions.
//
// Where they come from, in order:
//   1. /proc/kallsyms, when the release is the running kernel's (non-root
//      readers see zero addresses, but the names are all there);
//   2. System.map-RELEASE in /boot, or System.map in the build directory —
//      Debian ships an 83-byte stub in /boot, which is detected and skipped;
//   3. (in SymbolSource) the target kernel's BTF: function and tracepoint
//      names (symbols/kernel_btf.h).
// Tracepoints come from the running kernel's tracefs when readable, else
// from `__tracepoint_NAME` symbols of whichever table was found. Module
// functions of a non-running release come from the .ko files' ELF symtabs.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace stap {

// Where one run finds the target kernel's files. Nothing here has a
// default: driver/kernel_target.cc names the host's standard locations
// (KernelTarget::symbol_paths), tests name their own trees. An empty path
// is a source that does not exist.
struct KernelSymbolPaths {
  std::string release;          // the target release ("" when unknown)
  std::string running_release;  // the release this host runs (uname -r)
  std::string build_dir;        // the target's build tree
  std::string kallsyms;         // the running kernel's symbol list
  std::string boot_dir;         // System.map-RELEASE, vmlinuz-RELEASE
  std::string btf_vmlinux;      // the running kernel's BTF (modules beside it)
  std::vector<std::string> tracefs;  // tracefs mounts, first readable wins
  std::string modules_root;          // RELEASE/kernel/**.ko, RELEASE/build ...
  // The target's DWARF, when its debuginfo package is installed (never
  // required): vmlinux, the directory of its modules' .ko debuginfo, and
  // the package that puts them there ("" when none is known: -r DIR).
  std::string debug_vmlinux;
  std::string debug_modules_dir;
  std::string debug_package;
  // The user's checked cache for extracted BTF (CACHE/btf); empty: none.
  std::string btf_cache_dir;
  // Not the kernel's, but the same kind of input: the directories of the
  // driver's $PATH, where process("ls") is looked up, and the host's
  // library directories, where library("libc.so.6") is.
  std::vector<std::string> program_path;
  std::vector<std::string> library_path;

  // The target is the kernel this host runs (its live files describe it).
  bool targets_running() const {
    return !running_release.empty() && release == running_release;
  }
};

struct KernelSymbolTable {
  std::string origin;  // "/proc/kallsyms", "/boot/System.map-6.1.0", "BTF ..."
  // False when read from BTF, which lacks the functions that have no type
  // information (assembly, the SYSCALL_DEFINE0 wrappers): a name missing
  // there may still be probed.
  bool complete = true;
  std::vector<std::string> functions;  // sorted, unique
  std::vector<std::string> data;       // sorted, unique (empty from BTF)
  std::vector<std::string> tracepoints;  // sorted, unique
  // module name -> sorted function names (kallsyms "[mod]" entries)
  std::vector<std::pair<std::string, std::vector<std::string>>> modules;
};

// Loads the best available table. On failure returns nullopt and sets
// *why to a sentence fragment naming what was tried ("no System.map for
// 6.1.0-26-amd64: /boot/System.map-6.1.0-26-amd64 is a stub").
std::optional<KernelSymbolTable> load_kernel_symbols(
    const KernelSymbolPaths &paths, std::string *why);

// Parses System.map / kallsyms text ("addr type name [module]").
// Returns false when the text looks like a stub (too few symbols).
bool parse_symbol_map(const std::string &text, KernelSymbolTable &out);

// The file of kernel module `module` (its name with '_' or '-') under
// MODULES_ROOT/RELEASE/kernel, relative to that directory
// ("fs/9p/9p.ko.xz"); "" when there is none.
std::string module_file(const KernelSymbolPaths &paths,
                        const std::string &release, const std::string &module);

// Function names of one module of `release`, from its .ko ELF symtab
// (searched below modules_root/RELEASE/kernel). nullopt when not found.
std::optional<std::vector<std::string>> module_functions_from_ko(
    const KernelSymbolPaths &paths, const std::string &release,
    const std::string &module);

}  // namespace stap
