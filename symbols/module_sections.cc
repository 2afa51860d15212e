#include "symbols/module_sections.h"

#include <gelf.h>

#include <cstring>

namespace stap {

namespace {

// Far from 0, which DWARF readers take for "no address".
constexpr uint64_t kFirstSectionAddress = 0x1000000;

}  // namespace

bool is_relocatable(Elf *elf) {
  GElf_Ehdr eh;
  return gelf_getehdr(elf, &eh) && eh.e_type == ET_REL;
}

std::vector<uint64_t> module_section_addresses(Elf *elf) {
  size_t count = 0;
  elf_getshdrnum(elf, &count);
  std::vector<uint64_t> out(count, 0);
  uint64_t next = kFirstSectionAddress;
  for (size_t i = 1; i < count; ++i) {
    GElf_Shdr sh;
    Elf_Scn *scn = elf_getscn(elf, i);
    if (!scn || !gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC)) continue;
    uint64_t align = sh.sh_addralign ? sh.sh_addralign : 1;
    next = (next + align - 1) / align * align;
    out[i] = next;
    // An empty section still gets its own address.
    next += sh.sh_size ? sh.sh_size : 1;
  }
  return out;
}

bool relocate_module_debuginfo(Elf *elf, std::string *error) {
  std::vector<uint64_t> base = module_section_addresses(elf);
  size_t shstrndx = 0;
  elf_getshdrstrndx(elf, &shstrndx);
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr rel;
    if (!gelf_getshdr(scn, &rel) || rel.sh_type != SHT_RELA) continue;
    Elf_Scn *target = elf_getscn(elf, rel.sh_info);
    GElf_Shdr tsh;
    const char *tname = target && gelf_getshdr(target, &tsh)
                            ? elf_strptr(elf, shstrndx, tsh.sh_name)
                            : nullptr;
    if (!tname || strncmp(tname, ".debug_", 7) != 0) continue;
    Elf_Data *data = elf_getdata(target, nullptr);
    Elf_Data *relas = elf_getdata(scn, nullptr);
    Elf_Data *syms = elf_getdata(elf_getscn(elf, rel.sh_link), nullptr);
    if (!data || !relas || !syms) {
      *error = std::string("cannot read the relocations of ") + tname;
      return false;
    }
    auto *bytes = static_cast<unsigned char *>(data->d_buf);
    size_t n = rel.sh_entsize ? rel.sh_size / rel.sh_entsize : 0;
    for (size_t i = 0; i < n; ++i) {
      GElf_Rela r;
      GElf_Sym sym;
      if (!gelf_getrela(relas, static_cast<int>(i), &r) ||
          !gelf_getsym(syms, static_cast<int>(GELF_R_SYM(r.r_info)), &sym))
        continue;
      uint64_t s = sym.st_value;
      if (sym.st_shndx != SHN_UNDEF && sym.st_shndx < base.size())
        s += base[sym.st_shndx];
      uint64_t value = s + static_cast<uint64_t>(r.r_addend);
      size_t size;
      switch (GELF_R_TYPE(r.r_info)) {
      case R_X86_64_NONE: continue;
      case R_X86_64_64: size = 8; break;
      case R_X86_64_32:
      case R_X86_64_32S: size = 4; break;
      default:
        *error = std::string("relocation type ") +
                 std::to_string(GELF_R_TYPE(r.r_info)) + " in " + tname +
                 " is not understood";
        return false;
      }
      if (r.r_offset + size > data->d_size) {
        *error =
            std::string("a relocation of ") + tname + " points past its end";
        return false;
      }
      // x86-64 is little-endian, as is the host.
      memcpy(bytes + r.r_offset, &value, size);
    }
  }
  return true;
}

}  // namespace stap
