// Where each inlined copy of a kernel function is probed: what a plain
// kernel.function("F") adds to F's entry (stapprobes(3stap): .function
// includes the inlined instances). Finding them takes vmlinux's DWARF and
// symbols, most of a second to read, so they are derived once per release
// (from the inline index, kernel_inline_index.h) and cached beside it
// (its file name plus ".places"), one line per copy sorted by name: a
// script naming a few functions reads this file alone and looks each name
// up by binary search.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stap {

struct KernelInlinePlace {
  std::string name;  // "fput"
  std::string
      declared;         // where the function is declared: "fs/file_table.c:369"
  std::string symbol;   // the function symbol holding the copy's entry
  uint64_t offset = 0;  // the entry's bytes past it
  uint64_t die = 0;     // the copy's DW_TAG_inlined_subroutine
};

class KernelInlinePlaces {
public:
  explicit KernelInlinePlaces(std::vector<KernelInlinePlace> places);
  // nullopt when `text` is not a cache this version wrote.
  static std::optional<KernelInlinePlaces> parse(std::string text);
  const std::string &text() const { return text_; }

  std::vector<KernelInlinePlace> of(std::string_view name) const;
  // The names with copies that the glob `pattern` matches.
  std::vector<std::string> names_matching(std::string_view pattern) const;

private:
  KernelInlinePlaces() = default;
  void index_lines();
  std::string_view name_at(size_t start) const;  // of the line there
  std::optional<KernelInlinePlace> place_at(size_t line) const;
  std::string text_;
  std::vector<size_t> lines_;  // where each line starts
};

}  // namespace stap
