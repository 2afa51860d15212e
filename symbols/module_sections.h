// A kernel module (.ko) is a relocatable object: none of its sections has
// an address until the kernel loads it, and its DWARF names code through
// relocations against those sections. To read a module's debuginfo like
// vmlinux's, each allocated section gets a made-up address of its own
// (distinct, so .text and .init.text never share one) and the relocations
// of the .debug_* sections are applied in memory; its symbol table is
// read with the same layout, so a line's address finds its symbol.
#pragma once

#include <libelf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace stap {

// The made-up address of each section of relocatable `elf`, by section
// index (0 for sections that are not loaded).
std::vector<uint64_t> module_section_addresses(Elf *elf);

// Applies the relocations of `elf`'s .debug_* sections to their data in
// memory (elf opened with ELF_C_READ), at module_section_addresses();
// false and *error when one cannot be applied.
bool relocate_module_debuginfo(Elf *elf, std::string *error);

// Whether `elf` is a relocatable object (a .ko, not vmlinux or a program).
bool is_relocatable(Elf *elf);

}  // namespace stap
