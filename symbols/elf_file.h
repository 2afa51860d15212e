// A user-space ELF file open for reading through libelf, closed on scope
// exit (the process-probe readers each open the file they are asked about).
#pragma once

#include <fcntl.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

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

}  // namespace stap
