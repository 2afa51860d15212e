#include "symbols/user_probe_site.h"

#include <gelf.h>
#include <libelf.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "symbols/elf_file.h"

namespace stap {

namespace {

std::string hex(const unsigned char *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

// NT_GNU_BUILD_ID from the PT_NOTE segments (what the runtime reads too).
std::string read_build_id(Elf *elf) {
  size_t n = 0;
  if (elf_getphdrnum(elf, &n)) return "";
  for (size_t i = 0; i < n; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf, static_cast<int>(i), &ph) || ph.p_type != PT_NOTE)
      continue;
    Elf_Data *data = elf_getdata_rawchunk(
        elf, static_cast<int64_t>(ph.p_offset), ph.p_filesz, ELF_T_NHDR);
    if (!data) continue;
    size_t off = 0, name_off, desc_off;
    GElf_Nhdr nh;
    while ((off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
      const char *owner = static_cast<const char *>(data->d_buf) + name_off;
      if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
          !memcmp(owner, "GNU", 4))
        return hex(static_cast<const unsigned char *>(data->d_buf) + desc_off,
                   nh.n_descsz);
    }
  }
  return "";
}

std::optional<uint64_t> vaddr_to_offset(Elf *elf, uint64_t addr,
                                        bool code = true) {
  size_t n = 0;
  if (elf_getphdrnum(elf, &n)) return std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf, static_cast<int>(i), &ph) || ph.p_type != PT_LOAD ||
        (code && !(ph.p_flags & PF_X)))
      continue;
    if (addr >= ph.p_vaddr && addr < ph.p_vaddr + ph.p_filesz)
      return addr - ph.p_vaddr + ph.p_offset;
  }
  return std::nullopt;
}

// The value of defined function symbol `name` in the first table of
// `type` (SHT_SYMTAB or SHT_DYNSYM) that has it.
std::optional<uint64_t> symbol_value(Elf *elf, const std::string &name,
                                     unsigned type) {
  Elf_Scn *scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != type || !sh.sh_entsize)
      continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    size_t count = sh.sh_size / sh.sh_entsize;
    for (size_t i = 0; data && i < count; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
      int t = GELF_ST_TYPE(sym.st_info);
      if ((t != STT_FUNC && t != STT_GNU_IFUNC) || sym.st_shndx == SHN_UNDEF)
        continue;
      const char *n = elf_strptr(elf, sh.sh_link, sym.st_name);
      if (n && name == n) return sym.st_value;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<UserProbeFile> user_probe_file(const std::string &path,
                                             std::string *error) {
  std::error_code ec;
  std::filesystem::path canon = std::filesystem::canonical(path, ec);
  if (ec) {
    *error = "cannot resolve '" + path + "': " + ec.message();
    return std::nullopt;
  }
  ElfFile f(canon.string(), error);
  if (!f.get()) return std::nullopt;
  return UserProbeFile{canon.string(), read_build_id(f.get())};
}

std::optional<uint64_t> function_file_offset(const std::string &path,
                                             const std::string &name,
                                             std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  std::optional<uint64_t> v = symbol_value(f.get(), name, SHT_SYMTAB);
  if (!v) v = symbol_value(f.get(), name, SHT_DYNSYM);
  if (!v) {
    *error = "no symbol for function '" + name + "' in '" + path + "'";
    return std::nullopt;
  }
  std::optional<uint64_t> off = vaddr_to_offset(f.get(), *v);
  if (!off)
    *error = "function '" + name + "' of '" + path +
             "' lies in no executable segment";
  return off;
}

std::optional<uint64_t> address_file_offset(const std::string &path,
                                            uint64_t addr, std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  std::optional<uint64_t> off = vaddr_to_offset(f.get(), addr);
  if (!off) {
    char buf[32];
    snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(addr));
    *error = std::string("address ") + buf +
             " lies in no executable segment of '" + path + "'";
  }
  return off;
}

std::optional<uint64_t> data_file_offset(const std::string &path, uint64_t addr,
                                         std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  std::optional<uint64_t> off = vaddr_to_offset(f.get(), addr, false);
  if (!off) {
    char buf[32];
    snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(addr));
    *error =
        std::string("address ") + buf + " lies in no segment of '" + path + "'";
  }
  return off;
}

std::optional<uint64_t> mapped_data_offset(const std::string &path,
                                           uint64_t addr, std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  size_t n = 0;
  if (elf_getphdrnum(f.get(), &n)) n = 0;
  std::optional<uint64_t> lowest;
  bool inside = false;
  for (size_t i = 0; i < n; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(f.get(), static_cast<int>(i), &ph) ||
        ph.p_type != PT_LOAD)
      continue;
    if (!lowest || ph.p_vaddr < *lowest) lowest = ph.p_vaddr;
    inside |= addr >= ph.p_vaddr && addr < ph.p_vaddr + ph.p_memsz;
  }
  if (!inside) {
    char buf[32];
    snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(addr));
    *error =
        std::string("address ") + buf + " lies in no segment of '" + path + "'";
    return std::nullopt;
  }
  // The x86-64 page: the loader maps the lowest segment from its page.
  return addr - (*lowest & ~uint64_t(4095));
}

std::optional<std::vector<PltEntry>> read_plt_entries(const std::string &path,
                                                      std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  Elf *elf = f.get();
  size_t shstrndx = 0;
  elf_getshdrstrndx(elf, &shstrndx);
  Elf_Scn *rela = nullptr;
  std::optional<uint64_t> plt, plt_sec;
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    const char *name = gelf_getshdr(scn, &sh)
                           ? elf_strptr(elf, shstrndx, sh.sh_name)
                           : nullptr;
    if (!name) continue;
    if (!strcmp(name, ".rela.plt")) rela = scn;
    if (!strcmp(name, ".plt")) plt = sh.sh_addr;
    if (!strcmp(name, ".plt.sec")) plt_sec = sh.sh_addr;
  }
  std::vector<PltEntry> out;
  GElf_Shdr rsh;
  if (!rela || !plt || !gelf_getshdr(rela, &rsh) || !rsh.sh_entsize) return out;
  Elf_Data *data = elf_getdata(rela, nullptr);
  Elf_Scn *dynsym = elf_getscn(elf, rsh.sh_link);
  GElf_Shdr dsh;
  Elf_Data *syms = dynsym ? elf_getdata(dynsym, nullptr) : nullptr;
  if (!data || !syms || !gelf_getshdr(dynsym, &dsh)) return out;
  constexpr uint64_t kEntry = 16;  // x86-64 PLT stubs
  for (size_t i = 0; i < rsh.sh_size / rsh.sh_entsize; ++i) {
    GElf_Rela r;
    GElf_Sym sym;
    if (!gelf_getrela(data, int(i), &r) ||
        GELF_R_TYPE(r.r_info) != R_X86_64_JUMP_SLOT ||
        !gelf_getsym(syms, int(GELF_R_SYM(r.r_info)), &sym))
      continue;
    const char *name = elf_strptr(elf, dsh.sh_link, sym.st_name);
    if (!name || !*name) continue;
    out.push_back(
        {name, plt_sec ? *plt_sec + kEntry * i : *plt + kEntry * (i + 1)});
  }
  return out;
}

}  // namespace stap
