// The kernel's function symbols by address, from the debuginfo vmlinux's
// .symtab: what a kprobe placed at a source line is named by. A kprobe
// takes a symbol name and an offset and the kernel looks the name up
// (the first symbol of that name), so a line is placed through the symbol
// that contains its address, and only when that name is defined once.
// A module's (its debuginfo .ko) are read at the made-up section
// addresses its DWARF is read at (module_sections.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stap {

struct TextSymbol {
  std::string name;
  uint64_t addr = 0;
  uint64_t size = 0;
  // In a section the kernel frees after booting (.init.text): no kprobe
  // can be armed there later.
  bool init = false;
};

class KernelTextSymbols {
public:
  // nullopt and *error ("cannot open '/x': ...") when `path` is unreadable.
  static std::optional<KernelTextSymbols> read(const std::string &path,
                                               std::string *error);
  // The sized function symbol whose bytes hold `addr`; nullptr when none.
  const TextSymbol *containing(uint64_t addr) const;
  // The address of the first sized function symbol called `name`.
  std::optional<uint64_t> address(std::string_view name) const;
  // How many function symbols are called `name`.
  int count(std::string_view name) const;

private:
  std::vector<TextSymbol> by_addr_;  // sorted by address
  std::map<std::string, int, std::less<>> counts_;
};

}  // namespace stap
