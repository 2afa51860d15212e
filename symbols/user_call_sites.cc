#include "symbols/user_call_sites.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "symbols/elf_file.h"
#include "symbols/user_probe_site.h"

namespace stap {

namespace {

// The bytes of [addr, addr + size) from the executable section holding
// them; empty when no section does.
std::vector<unsigned char> code_bytes(Elf *elf, uint64_t addr, uint64_t size) {
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
        !(sh.sh_flags & SHF_EXECINSTR) || addr < sh.sh_addr ||
        addr + size > sh.sh_addr + sh.sh_size)
      continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    if (!data || !data->d_buf || data->d_size < sh.sh_size) return {};
    const auto *p = static_cast<const unsigned char *>(data->d_buf);
    return {p + (addr - sh.sh_addr), p + (addr - sh.sh_addr + size)};
  }
  return {};
}

}  // namespace

std::optional<std::vector<DirectCall>> direct_calls(const std::string &path,
                                                    const std::string &caller,
                                                    std::string *error) {
  ElfFile f(path, error);
  if (!f.get()) return std::nullopt;
  // Function starts by address (.symtab first), and the caller's extent.
  std::map<uint64_t, std::string> starts;
  std::map<std::string, uint64_t> by_name;
  uint64_t lo = 0, size = 0;
  for_each_defined_symbol(f.get(), [&](const GElf_Sym &sym, const char *name) {
    int t = GELF_ST_TYPE(sym.st_info);
    if ((t != STT_FUNC && t != STT_GNU_IFUNC) || !*name) return false;
    starts.try_emplace(sym.st_value, name);
    by_name.try_emplace(name, sym.st_value);
    if (!size && caller == name && sym.st_size) {
      lo = sym.st_value;
      size = sym.st_size;
    }
    return false;
  });
  if (!size) {
    *error =
        "no symbol with a size for function '" + caller + "' in '" + path + "'";
    return std::nullopt;
  }
  // A call through the file's own PLT to a function it defines.
  std::string ignored;
  if (auto plt = read_plt_entries(path, &ignored))
    for (const PltEntry &e : *plt)
      if (by_name.count(e.name)) starts.try_emplace(e.address, e.name);
  std::vector<unsigned char> code = code_bytes(f.get(), lo, size);
  std::vector<DirectCall> out;
  for (size_t i = 0; i + 5 <= code.size(); ++i) {
    if (code[i] != 0xe8) continue;
    int32_t rel;
    memcpy(&rel, &code[i + 1], sizeof(rel));
    uint64_t ret = lo + i + 5;
    auto it = starts.find(ret + static_cast<int64_t>(rel));
    if (it != starts.end()) out.push_back({it->second, ret});
  }
  std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
    return std::tie(a.callee, a.return_address) <
           std::tie(b.callee, b.return_address);
  });
  return out;
}

}  // namespace stap
