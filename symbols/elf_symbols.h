// What a user-space binary offers to probes, read through libelf/libdw:
// function names (symtab/dynsym FUNC symbols plus DWARF subprograms), the
// source file and line of each when DWARF is present, SDT markers from
// .note.stapsdt, PLT imports, and the parameters of a function for -L.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stap {

struct ElfFunction {
  std::string name;
  std::string decl_file;  // from DWARF; empty without debuginfo
  int decl_line = 0;
  // A defined FUNC symbol names it: what a uprobe is placed by. A function
  // known only from DWARF (inlined everywhere) has none.
  bool has_symbol = false;
  // DWARF says the compiler inlined it somewhere (DW_AT_inline): what a
  // .function("F").inline probe matches.
  bool inlined = false;
};

struct ElfMark {
  std::string provider, name;
};

struct TargetVariable {
  std::string name;  // without '$'
  std::string type;  // C spelling, e.g. "char const*", "struct stat*"
};

struct BinaryInfo {
  std::string path;
  bool has_dwarf = false;
  std::vector<ElfFunction> functions;  // sorted by name, unique names
  std::vector<ElfMark> marks;          // sorted by provider, name
  std::vector<std::string> plt;        // imports with a PLT slot, sorted
};

// Reads `path`. On failure returns nullopt and sets *error to a message in
// the diagnostic voice ("cannot open '/x': No such file or directory",
// "'/etc/passwd' is not an ELF file").
std::optional<BinaryInfo> read_binary_info(const std::string &path,
                                           std::string *error);

// Parameters and outermost locals of `function` in `path`, from DWARF.
// Empty when the binary has no DWARF or no such function.
std::vector<TargetVariable> function_target_variables(
    const std::string &path, const std::string &function);

// Resolves a process(...) or library(...) argument to a file: absolute and
// relative paths as given, other names through `dirs` (the directories of
// the driver's $PATH for executables, the host's library directories for
// libraries). Returns `name` unchanged when nothing is found.
std::string resolve_binary_path(const std::string &name,
                                const std::vector<std::string> &dirs);

// Resolves the argument of process("EXE").library("LIB") as the dynamic
// loader would for `exe`: a LIB with a '/' as given, else the first
// directory of exe's DT_RUNPATH (or DT_RPATH; $ORIGIN expanded), then
// `library_dirs`, that holds a file named LIB. Returns `name` unchanged
// when nothing is found.
std::string resolve_library_path(const std::string &name,
                                 const std::string &exe,
                                 const std::vector<std::string> &library_dirs);

}  // namespace stap
