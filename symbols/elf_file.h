// A user-space ELF file open for reading through libelf, closed on scope
// exit (the process-probe readers each open the file they are asked about).
#pragma once

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace stap {

// An ELF file open for reading, closed on scope exit.
class ElfFile {
public:
  ElfFile(const std::string &path, std::string *error) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      *error = "cannot open '" + path + "': " + strerror(errno);
      return;
    }
    elf_version(EV_CURRENT);
    elf_ = elf_begin(fd_, ELF_C_READ, nullptr);
    if (!elf_ || elf_kind(elf_) != ELF_K_ELF) {
      *error = "'" + path + "' is not an ELF file";
      if (elf_) elf_end(elf_);
      elf_ = nullptr;
    }
  }
  ~ElfFile() {
    if (elf_) elf_end(elf_);
    if (fd_ >= 0) ::close(fd_);
  }
  ElfFile(const ElfFile &) = delete;
  ElfFile &operator=(const ElfFile &) = delete;
  Elf *get() const { return elf_; }

private:
  int fd_ = -1;
  Elf *elf_ = nullptr;
};

// Calls visit(sym, name) for each defined symbol of .symtab, then of
// .dynsym, in table order; stops early when visit returns true.
template <typename Visit>
void for_each_defined_symbol(Elf *elf, Visit &&visit) {
  for (unsigned type : {SHT_SYMTAB, SHT_DYNSYM})
    for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh) || sh.sh_type != type || !sh.sh_entsize)
        continue;
      Elf_Data *data = elf_getdata(scn, nullptr);
      for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; ++i) {
        GElf_Sym sym;
        if (!gelf_getsym(data, static_cast<int>(i), &sym) ||
            sym.st_shndx == SHN_UNDEF)
          continue;
        const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
        if (name && visit(std::as_const(sym), name)) return;
      }
    }
}

}  // namespace stap
