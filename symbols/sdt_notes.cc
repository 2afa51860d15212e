#include "symbols/sdt_notes.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "symbols/elf_file.h"
#include "symbols/glob.h"

namespace stap {

namespace {

// AT&T register spellings of every width, by their 64-bit name.
std::optional<std::string> register_of(std::string_view r) {
  struct Names {
    const char *full;
    const char *aliases[3];
  };
  static const Names table[] = {
      {"rax", {"eax", "ax", "al"}},      {"rbx", {"ebx", "bx", "bl"}},
      {"rcx", {"ecx", "cx", "cl"}},      {"rdx", {"edx", "dx", "dl"}},
      {"rsi", {"esi", "si", "sil"}},     {"rdi", {"edi", "di", "dil"}},
      {"rbp", {"ebp", "bp", "bpl"}},     {"rsp", {"esp", "sp", "spl"}},
      {"r8", {"r8d", "r8w", "r8b"}},     {"r9", {"r9d", "r9w", "r9b"}},
      {"r10", {"r10d", "r10w", "r10b"}}, {"r11", {"r11d", "r11w", "r11b"}},
      {"r12", {"r12d", "r12w", "r12b"}}, {"r13", {"r13d", "r13w", "r13b"}},
      {"r14", {"r14d", "r14w", "r14b"}}, {"r15", {"r15d", "r15w", "r15b"}},
  };
  if (r == "rip") return "ip";
  for (const Names &n : table) {
    if (r == n.full) return n.full;
    for (const char *a : n.aliases)
      if (r == a) return n.full;
  }
  return std::nullopt;
}

bool parse_int(std::string_view s, int64_t *out) {
  int base = 10;
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  uint64_t v;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return false;
  *out = neg ? -int64_t(v) : int64_t(v);
  return true;
}

// The link-time address of defined symbol `name` (.symtab, else .dynsym).
std::optional<uint64_t> symbol_address(Elf *elf, const std::string &name) {
  std::optional<uint64_t> found;
  for_each_defined_symbol(elf, [&](const GElf_Sym &sym, const char *n) {
    if (name != n) return false;
    found = sym.st_value;
    return true;
  });
  return found;
}

}  // namespace

std::optional<SdtArgument> parse_sdt_argument(std::string_view spec,
                                              std::string *error) {
  auto fail = [&](const std::string &why) {
    *error = "'" + std::string(spec) + "': " + why;
    return std::nullopt;
  };
  SdtArgument a;
  size_t at = spec.find('@');
  std::string_view op = spec;
  if (at != std::string_view::npos) {
    int64_t size;
    if (!parse_int(spec.substr(0, at), &size)) return fail("bad size");
    a.is_signed = size < 0;
    a.size = int(size < 0 ? -size : size);
    if (a.size != 1 && a.size != 2 && a.size != 4 && a.size != 8)
      return fail("size " + std::to_string(a.size) + " is not 1, 2, 4 or 8");
    op = spec.substr(at + 1);
  }
  if (op.empty()) return fail("no operand");
  if (op[0] == '$') {
    a.kind = SdtArgument::Kind::constant;
    if (!parse_int(op.substr(1), &a.offset)) return fail("bad constant");
    return a;
  }
  if (op[0] == '%') {
    auto r = register_of(op.substr(1));
    if (!r) return fail("unknown register");
    a.kind = SdtArgument::Kind::register_value;
    a.reg = *r;
    return a;
  }
  // DISP(%reg): memory.
  size_t open = op.find('(');
  if (open == std::string_view::npos || op.back() != ')')
    return fail("unknown operand form");
  std::string_view inner = op.substr(open + 1, op.size() - open - 2);
  if (inner.find(',') != std::string_view::npos)
    return fail("indexed addressing is not supported");
  if (inner.empty() || inner[0] != '%') return fail("unknown operand form");
  auto r = register_of(inner.substr(1));
  if (!r) return fail("unknown register");
  std::string_view disp = op.substr(0, open);
  a.kind = SdtArgument::Kind::memory;
  a.reg = *r;
  if (disp.empty() || parse_int(disp, &a.offset)) {
    // A number next to %rip counts from the next instruction, which the
    // note does not say.
    if (a.reg == "ip")
      return fail("a numeric %rip displacement is not supported");
    return a;
  }
  // SYMBOL[+-N](%rip): a global, whose address read_sdt_notes looks up.
  if (a.reg != "ip") return fail("a symbolic displacement needs %rip");
  size_t sign = disp.find_first_of("+-");
  a.symbol = std::string(disp.substr(0, sign));
  if (a.symbol.empty() ||
      (sign != std::string_view::npos &&
       !parse_int(disp.substr(disp[sign] == '+' ? sign + 1 : sign), &a.offset)))
    return fail("bad displacement");
  return a;
}

std::optional<std::vector<SdtNote>>
read_sdt_notes(const std::string &path, std::string *error, std::string *bad) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot open '" + path + "': " + strerror(errno);
    return std::nullopt;
  }
  elf_version(EV_CURRENT);
  Elf *elf = elf_begin(fd, ELF_C_READ, nullptr);
  GElf_Ehdr eh;
  if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
    *error = "'" + path + "' is not an ELF file";
    if (elf) elf_end(elf);
    ::close(fd);
    return std::nullopt;
  }
  size_t addr_size = eh.e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
  size_t shstrndx = 0;
  elf_getshdrstrndx(elf, &shstrndx);
  // Prelink moves code; .stapsdt.base's address tells by how much.
  std::optional<uint64_t> sdt_base;
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    const char *name = gelf_getshdr(scn, &sh)
                           ? elf_strptr(elf, shstrndx, sh.sh_name)
                           : nullptr;
    if (name && strcmp(name, ".stapsdt.base") == 0) sdt_base = sh.sh_addr;
  }
  std::vector<SdtNote> notes;
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
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
      if (nh.n_descsz < 3 * addr_size) continue;
      uint64_t words[3] = {0, 0, 0};
      for (int i = 0; i < 3; ++i)
        memcpy(&words[i], d + i * addr_size, addr_size);  // little-endian
      std::string strings[3];
      size_t p = 3 * addr_size;
      for (std::string &s : strings) {
        if (p >= nh.n_descsz) break;
        s.assign(d + p, strnlen(d + p, nh.n_descsz - p));
        p += s.size() + 1;
      }
      SdtNote n{strings[0], strings[1], words[0], words[2], strings[2], {}};
      if (sdt_base && words[1]) {
        n.pc += *sdt_base - words[1];
        if (n.semaphore) n.semaphore += *sdt_base - words[1];
      }
      std::string why;
      for (size_t b = 0; b < n.args.size();) {
        size_t e = n.args.find(' ', b);
        if (e == std::string::npos) e = n.args.size();
        if (e > b) {
          auto a = parse_sdt_argument(std::string_view(n.args).substr(b, e - b),
                                      &why);
          if (!a) break;
          if (!a->symbol.empty()) {
            auto addr = symbol_address(elf, a->symbol);
            if (!addr) {
              why = "'" + a->symbol + "': no such symbol";
              break;
            }
            a->offset += int64_t(*addr);
          }
          n.arguments.push_back(*a);
        }
        b = e + 1;
      }
      if (!why.empty()) {
        n.arguments.clear();
        if (bad) *bad += n.provider + ":" + n.name + ": " + why + "\n";
      }
      notes.push_back(std::move(n));
    }
  }
  elf_end(elf);
  ::close(fd);
  return notes;
}

std::vector<SdtNote> mark_sites(const std::vector<SdtNote> &notes,
                                std::string_view provider,
                                std::string_view name) {
  std::vector<SdtNote> out;
  for (const SdtNote &n : notes)
    if (n.name == name &&
        (provider.empty() || glob_match(provider, n.provider)))
      out.push_back(n);
  return out;
}

size_t common_argument_count(const std::vector<SdtNote> &sites) {
  if (sites.empty()) return 0;
  size_t n = sites[0].arguments.size();
  for (const SdtNote &site : sites) n = std::min(n, site.arguments.size());
  return n;
}

}  // namespace stap
