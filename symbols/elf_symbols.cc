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

#include "symbols/sdt_notes.h"
#include "symbols/user_dwarf.h"
#include "symbols/user_probe_site.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

bool probeable(std::string_view name) {
  return !name.empty() && name.find('.') == std::string_view::npos;
}

void read_symtabs(Elf *elf, std::map<std::string, ElfFunction> &fns) {
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
      if (sym.st_shndx != SHN_UNDEF)
        fns.try_emplace(name, ElfFunction{name, "", 0, true});
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
          Dwarf_Attribute inl;
          Dwarf_Word how = 0;
          if (dwarf_attr(&child, DW_AT_inline, &inl) &&
              dwarf_formudata(&inl, &how) == 0 &&
              (how == DW_INL_inlined || how == DW_INL_declared_inlined))
            f.inlined = true;
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
  read_symtabs(elf, fns);
  std::string sdt_error;
  if (auto notes = read_sdt_notes(path, &sdt_error))
    for (SdtNote &n : *notes)
      info.marks.push_back({std::move(n.provider), std::move(n.name)});
  if (Dwarf *dw = dwarf_begin_elf(elf, DWARF_C_READ, nullptr)) {
    info.has_dwarf = true;
    read_dwarf_functions(dw, fns);
    dwarf_end(dw);
  }
  elf_end(elf);
  ::close(fd);
  for (auto &[name, f] : fns) info.functions.push_back(std::move(f));
  // PLT probes go where the stubs are: imports called through .plt.
  std::string plt_error;
  if (auto plt = read_plt_entries(path, &plt_error))
    for (const PltEntry &e : *plt) info.plt.push_back(e.name);
  std::sort(info.plt.begin(), info.plt.end());
  info.plt.erase(std::unique(info.plt.begin(), info.plt.end()), info.plt.end());
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
  std::string error;
  std::unique_ptr<UserDwarf> dwarf = UserDwarf::open(path, &error);
  std::optional<DwarfFunction> f =
      dwarf ? dwarf->function(function) : std::nullopt;
  if (f)
    for (const DwarfVariable &v : f->variables)
      out.push_back({v.name, c_type_name(v.type)});
  return out;
}

namespace {

std::string first_in(const std::vector<std::string> &dirs,
                     const std::string &name) {
  std::error_code ec;
  for (const std::string &d : dirs) {
    fs::path cand = fs::path(d) / name;
    if (fs::is_regular_file(cand, ec)) return cand.string();
  }
  return "";
}

// exe's DT_RUNPATH, else its DT_RPATH, split at ':' with $ORIGIN expanded.
std::vector<std::string> run_path(const std::string &exe) {
  std::vector<std::string> dirs;
  int fd;
  Elf *elf = open_elf(exe, &fd, nullptr);
  if (!elf) return dirs;
  std::string runpath, rpath;
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC) continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    for (size_t i = 0; data && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize;
         ++i) {
      GElf_Dyn dyn;
      if (!gelf_getdyn(data, int(i), &dyn)) continue;
      if (dyn.d_tag != DT_RUNPATH && dyn.d_tag != DT_RPATH) continue;
      const char *v = elf_strptr(elf, sh.sh_link, dyn.d_un.d_val);
      if (v) (dyn.d_tag == DT_RUNPATH ? runpath : rpath) = v;
    }
  }
  elf_end(elf);
  ::close(fd);
  std::string origin = fs::path(exe).parent_path().string();
  std::string list = runpath.empty() ? rpath : runpath;
  for (size_t b = 0; b < list.size();) {
    size_t e = list.find(':', b);
    if (e == std::string::npos) e = list.size();
    std::string d = list.substr(b, e - b);
    for (const char *o : {"$ORIGIN", "${ORIGIN}"})
      for (size_t at; (at = d.find(o)) != std::string::npos;)
        d.replace(at, strlen(o), origin);
    if (!d.empty()) dirs.push_back(d);
    b = e + 1;
  }
  return dirs;
}

}  // namespace

std::string resolve_binary_path(const std::string &name,
                                const std::vector<std::string> &dirs) {
  if (name.find('/') != std::string::npos) return name;
  std::string found = first_in(dirs, name);
  return found.empty() ? name : found;
}

std::string resolve_library_path(const std::string &name,
                                 const std::string &exe,
                                 const std::vector<std::string> &library_dirs) {
  if (name.find('/') != std::string::npos) return name;
  std::string found = first_in(run_path(exe), name);
  if (found.empty()) found = first_in(library_dirs, name);
  return found.empty() ? name : found;
}

}  // namespace stap
