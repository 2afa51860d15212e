#include "symbols/elf_symbols.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

namespace stap {

namespace fs = std::filesystem;

namespace {

bool probeable(std::string_view name) {
  return !name.empty() && name.find('.') == std::string_view::npos;
}

void read_symtabs(Elf *elf, std::map<std::string, ElfFunction> &fns,
                  std::set<std::string> &imports) {
  Elf_Scn *scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    for (size_t i = 0; data && i < n; ++i) {
      GElf_Sym sym;
      if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
      if (GELF_ST_TYPE(sym.st_info) != STT_FUNC &&
          GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC)
        continue;
      const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
      if (!name || !probeable(name)) continue;
      if (sym.st_shndx == SHN_UNDEF) imports.insert(name);
      else fns.try_emplace(name, ElfFunction{name, "", 0});
    }
  }
}

// SDT notes: type 3, owner "stapsdt"; the descriptor holds three addresses
// (pc, base, semaphore) then "provider\0name\0args\0".
void read_sdt_notes(Elf *elf, std::vector<ElfMark> &marks) {
  GElf_Ehdr eh;
  if (!gelf_getehdr(elf, &eh)) return;
  size_t addr = eh.e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
  Elf_Scn *scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE) continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    if (!data) continue;
    size_t off = 0, name_off, desc_off;
    GElf_Nhdr nh;
    while ((off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
      const char *owner = static_cast<const char *>(data->d_buf) + name_off;
      if (nh.n_type != 3 || nh.n_namesz != 8 || memcmp(owner, "stapsdt", 8))
        continue;
      const char *d = static_cast<const char *>(data->d_buf) + desc_off;
      size_t p = 3 * addr;
      if (p >= nh.n_descsz) continue;
      std::string provider(d + p, strnlen(d + p, nh.n_descsz - p));
      p += provider.size() + 1;
      if (p >= nh.n_descsz) continue;
      std::string name(d + p, strnlen(d + p, nh.n_descsz - p));
      marks.push_back({provider, name});
    }
  }
}

void read_dwarf_functions(Dwarf *dw, std::map<std::string, ElfFunction> &fns) {
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(dw, off, &next, &hsize, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu;
    if (dwarf_offdie(dw, off + hsize, &cu)) {
      Dwarf_Die child;
      if (dwarf_child(&cu, &child) == 0) {
        do {
          if (dwarf_tag(&child) != DW_TAG_subprogram) continue;
          if (dwarf_hasattr(&child, DW_AT_declaration)) continue;
          const char *name = dwarf_diename(&child);
          if (!name || !probeable(name)) continue;
          ElfFunction &f = fns[name];
          f.name = name;
          if (f.decl_file.empty()) {
            if (const char *file = dwarf_decl_file(&child)) f.decl_file = file;
            dwarf_decl_line(&child, &f.decl_line);
          }
        } while (dwarf_siblingof(&child, &child) == 0);
      }
    }
    off = next;
  }
}

// The C spelling of a DWARF type, good enough for -L listings.
std::string type_name_of(Dwarf_Die *die, int depth = 0) {
  if (!die || depth > 16) return "void";
  Dwarf_Attribute attr;
  Dwarf_Die sub;
  bool has_sub = dwarf_attr_integrate(die, DW_AT_type, &attr) &&
                 dwarf_formref_die(&attr, &sub);
  const char *name = dwarf_diename(die);
  std::string inner = has_sub ? type_name_of(&sub, depth + 1) : "void";
  switch (dwarf_tag(die)) {
  case DW_TAG_base_type:
  case DW_TAG_typedef: return name ? name : "?";
  case DW_TAG_structure_type: return std::string("struct ") + (name ? name : "{...}");
  case DW_TAG_union_type: return std::string("union ") + (name ? name : "{...}");
  case DW_TAG_enumeration_type: return std::string("enum ") + (name ? name : "{...}");
  case DW_TAG_pointer_type: return inner + "*";
  case DW_TAG_const_type: return inner + " const";
  case DW_TAG_volatile_type: return inner + " volatile";
  case DW_TAG_array_type: return inner + "[]";
  case DW_TAG_subroutine_type: return inner + "(*)(...)";
  default: return name ? name : inner;
  }
}

Elf *open_elf(const std::string &path, int *fd, std::string *error) {
  *fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (*fd < 0) {
    if (error) *error = "cannot open '" + path + "': " + strerror(errno);
    return nullptr;
  }
  elf_version(EV_CURRENT);
  Elf *elf = elf_begin(*fd, ELF_C_READ, nullptr);
  if (!elf || elf_kind(elf) != ELF_K_ELF) {
    if (error) *error = "'" + path + "' is not an ELF file";
    if (elf) elf_end(elf);
    ::close(*fd);
    return nullptr;
  }
  return elf;
}

}  // namespace

std::optional<BinaryInfo> read_binary_info(const std::string &path,
                                           std::string *error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (error) *error = "'" + path + "' is a directory, not an executable";
    return std::nullopt;
  }
  int fd;
  Elf *elf = open_elf(path, &fd, error);
  if (!elf) return std::nullopt;
  BinaryInfo info;
  info.path = path;
  std::map<std::string, ElfFunction> fns;
  std::set<std::string> imports;
  read_symtabs(elf, fns, imports);
  read_sdt_notes(elf, info.marks);
  if (Dwarf *dw = dwarf_begin_elf(elf, DWARF_C_READ, nullptr)) {
    info.has_dwarf = true;
    read_dwarf_functions(dw, fns);
    dwarf_end(dw);
  }
  elf_end(elf);
  ::close(fd);
  for (auto &[name, f] : fns) info.functions.push_back(std::move(f));
  for (const std::string &name : imports)
    if (!fns.count(name)) info.plt.push_back(name);
  std::sort(info.marks.begin(), info.marks.end(),
            [](const ElfMark &a, const ElfMark &b) {
              return std::tie(a.provider, a.name) < std::tie(b.provider, b.name);
            });
  info.marks.erase(std::unique(info.marks.begin(), info.marks.end(),
                               [](const ElfMark &a, const ElfMark &b) {
                                 return a.provider == b.provider &&
                                        a.name == b.name;
                               }),
                   info.marks.end());
  return info;
}

std::vector<TargetVariable> function_target_variables(
    const std::string &path, const std::string &function) {
  std::vector<TargetVariable> out;
  int fd;
  Elf *elf = open_elf(path, &fd, nullptr);
  if (!elf) return out;
  Dwarf *dw = dwarf_begin_elf(elf, DWARF_C_READ, nullptr);
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dw && out.empty() &&
         dwarf_nextcu(dw, off, &next, &hsize, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu, fn;
    if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &fn) == 0) {
      do {
        if (dwarf_tag(&fn) != DW_TAG_subprogram ||
            dwarf_hasattr(&fn, DW_AT_declaration))
          continue;
        const char *name = dwarf_diename(&fn);
        if (!name || function != name) continue;
        Dwarf_Die v;
        if (dwarf_child(&fn, &v) != 0) break;
        do {
          int tag = dwarf_tag(&v);
          if (tag != DW_TAG_formal_parameter && tag != DW_TAG_variable) continue;
          const char *vn = dwarf_diename(&v);
          if (!vn) continue;
          Dwarf_Attribute attr;
          Dwarf_Die type;
          bool typed = dwarf_attr_integrate(&v, DW_AT_type, &attr) &&
                       dwarf_formref_die(&attr, &type);
          out.push_back({vn, typed ? type_name_of(&type) : "void"});
        } while (dwarf_siblingof(&v, &v) == 0);
        break;
      } while (dwarf_siblingof(&fn, &fn) == 0);
    }
    off = next;
  }
  if (dw) dwarf_end(dw);
  elf_end(elf);
  ::close(fd);
  return out;
}

std::string resolve_binary_path(const std::string &name, bool library,
                                const std::vector<std::string> &program_path) {
  if (name.find('/') != std::string::npos) return name;
  static const std::vector<std::string> library_dirs = {
      "/lib/x86_64-linux-gnu",
      "/usr/lib/x86_64-linux-gnu",
      "/lib64",
      "/usr/lib64",
      "/lib",
      "/usr/lib"};
  const std::vector<std::string> &dirs = library ? library_dirs : program_path;
  std::error_code ec;
  for (const std::string &d : dirs) {
    fs::path cand = fs::path(d) / name;
    if (fs::is_regular_file(cand, ec)) return cand.string();
  }
  return name;
}

}  // namespace stap
