#include "symbols/kernel_text_symbols.h"

#include <algorithm>

#include "symbols/elf_file.h"
#include "symbols/module_sections.h"

namespace stap {

std::optional<KernelTextSymbols>
KernelTextSymbols::read(const std::string &path, std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  KernelTextSymbols out;
  // A module's symbols are section offsets: placed as its DWARF is.
  std::vector<uint64_t> base;
  if (is_relocatable(f.get())) base = module_section_addresses(f.get());
  size_t shstrndx = 0;
  elf_getshdrstrndx(f.get(), &shstrndx);
  auto in_init = [&](const GElf_Sym &sym) {
    GElf_Shdr sh;
    Elf_Scn *scn = elf_getscn(f.get(), sym.st_shndx);
    const char *sec = scn && gelf_getshdr(scn, &sh)
                          ? elf_strptr(f.get(), shstrndx, sh.sh_name)
                          : nullptr;
    return sec && std::string_view(sec).starts_with(".init");
  };
  for_each_defined_symbol(f.get(), [&](const GElf_Sym &sym, const char *name) {
    if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || !*name) return false;
    ++out.counts_[name];
    uint64_t addr = sym.st_value;
    if (sym.st_shndx < base.size()) addr += base[sym.st_shndx];
    if (sym.st_size)
      out.by_addr_.push_back({name, addr, sym.st_size, in_init(sym)});
    return false;
  });
  std::sort(
      out.by_addr_.begin(), out.by_addr_.end(),
      [](const TextSymbol &a, const TextSymbol &b) { return a.addr < b.addr; });
  return out;
}

const TextSymbol *KernelTextSymbols::containing(uint64_t addr) const {
  auto it = std::upper_bound(
      by_addr_.begin(), by_addr_.end(), addr,
      [](uint64_t a, const TextSymbol &s) { return a < s.addr; });
  if (it == by_addr_.begin()) return nullptr;
  --it;
  return addr < it->addr + it->size ? &*it : nullptr;
}

std::optional<uint64_t>
KernelTextSymbols::address(std::string_view name) const {
  for (const TextSymbol &s : by_addr_)
    if (s.name == name) return s.addr;
  return std::nullopt;
}

int KernelTextSymbols::count(std::string_view name) const {
  auto it = counts_.find(name);
  return it == counts_.end() ? 0 : it->second;
}

}  // namespace stap
