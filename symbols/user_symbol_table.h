// What the runtime needs to name and unwind addresses of a user-space ELF
// file (usymname, usymdata, ubacktrace ...): its function symbols and its
// .eh_frame call-frame rows, both keyed by file offset, so the runtime maps
// an address to (file, offset) through the process's memory map and needs
// no load base. Only x86-64 rules are kept: a CFA of %rsp or %rbp plus a
// constant, the return address at CFA-8, and where %rbp was saved. With
// DWARF line info, also the source line of each address (usymline ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stap {

struct UserSymbol {
  uint64_t offset = 0;  // file offset of the first byte
  uint64_t size = 0;
  std::string name;
};

// One row of the unwind table: from `offset` up to the next row's.
struct UserCfiRow {
  enum class Cfa : uint8_t { sp, fp, none };  // none: cannot unwind here
  uint64_t offset = 0;
  Cfa cfa = Cfa::none;
  int64_t cfa_offset = 0;
  int64_t fp_slot = 0;  // caller's %rbp at CFA+fp_slot; 0: %rbp unchanged
  bool operator==(const UserCfiRow &) const = default;
};

// One row of the line table: from `offset` up to the next row's, code of
// line `line` of line_files[file]; line 0: no line known there.
struct UserLineRow {
  uint64_t offset = 0;
  uint32_t file = 0;
  uint32_t line = 0;
  bool operator==(const UserLineRow &) const = default;
};

struct UserSymbolTable {
  std::string path;                 // canonical
  std::string build_id;             // lowercase hex, "" without one
  std::vector<UserSymbol> symbols;  // sorted by offset, no overlaps
  std::vector<UserCfiRow> cfi;      // sorted by offset, one per change
  std::vector<std::string> needed;  // DT_NEEDED names, for --ldd
  std::vector<std::string> line_files;  // source files the lines name
  std::vector<UserLineRow> lines;       // sorted by offset, one per change
};

// Reads `path` (canonicalised). nullopt with *error in the diagnostic voice
// when it cannot be read or is not an ELF file.
std::optional<UserSymbolTable> read_user_symbol_table(const std::string &path,
                                                      std::string *error);

}  // namespace stap
