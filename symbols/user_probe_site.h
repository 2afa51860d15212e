// Where a uprobe goes in a user-space ELF file: the file offset of a
// function's first instruction (from .symtab, else .dynsym) or of a
// virtual address, and the file's GNU build-id, which the runtime checks
// before arming so a replaced binary is reported instead of probed at a
// stale offset. The kernel's uprobes take (inode, file offset).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stap {

struct UserProbeFile {
  std::string path;      // canonical
  std::string build_id;  // lowercase hex; empty when the file has none
};

// Canonicalises `path` and reads its build-id. On failure returns nullopt
// with *error in the diagnostic voice.
std::optional<UserProbeFile> user_probe_file(const std::string &path,
                                             std::string *error);

// The file offset of the defined FUNC (or IFUNC) symbol `name` in `path`;
// .symtab wins over .dynsym. nullopt with *error when there is none.
std::optional<uint64_t> function_file_offset(const std::string &path,
                                             const std::string &name,
                                             std::string *error);

// The file offset of virtual address `addr` (inside a PT_LOAD segment).
std::optional<uint64_t> address_file_offset(const std::string &path,
                                            uint64_t addr, std::string *error);

// The file offset of data address `addr` (inside any PT_LOAD segment's
// file image): an SDT semaphore, which the kernel's uprobe reference
// counter takes as a file offset.
std::optional<uint64_t> data_file_offset(const std::string &path, uint64_t addr,
                                         std::string *error);

// How far data address `addr` (inside any PT_LOAD segment's memory
// image, .bss included) lies above the file's lowest mapping: the loader
// maps every segment at one bias, starting with the lowest segment's page,
// so the lowest mapping of the file in a process plus this is where
// `addr` is (@var of a file other than the probed one).
std::optional<uint64_t> mapped_data_offset(const std::string &path,
                                           uint64_t addr, std::string *error);

// A PLT slot: the import `name` (".rela.plt" JUMP_SLOT relocation i)
// and the link-time address of its stub, in .plt.sec when the file has
// one (IBT), else entry i + 1 of .plt (entry 0 is the resolver's).
struct PltEntry {
  std::string name;
  uint64_t address = 0;
};

// The PLT slots of `path`, in relocation order (empty for a static or
// -fno-plt file); nullopt with *error when the file cannot be read.
std::optional<std::vector<PltEntry>> read_plt_entries(const std::string &path,
                                                      std::string *error);

}  // namespace stap
