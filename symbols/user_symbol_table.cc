#include "symbols/user_symbol_table.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "symbols/elf_file.h"
#include "symbols/user_probe_site.h"

namespace stap {

namespace {

constexpr int kRegFp = 6, kRegSp = 7, kRegRa = 16;  // x86-64 DWARF numbers

// The executable PT_LOAD segments, to turn link-time addresses into file
// offsets (what the runtime finds through the process's memory map).
class TextSegments {
public:
  explicit TextSegments(Elf *elf) {
    size_t n = 0;
    if (elf_getphdrnum(elf, &n)) return;
    for (size_t i = 0; i < n; ++i) {
      GElf_Phdr ph;
      if (gelf_getphdr(elf, static_cast<int>(i), &ph) && ph.p_type == PT_LOAD &&
          (ph.p_flags & PF_X))
        segs_.push_back(ph);
    }
  }
  std::optional<uint64_t> offset(uint64_t addr) const {
    for (const GElf_Phdr &ph : segs_)
      if (addr >= ph.p_vaddr && addr < ph.p_vaddr + ph.p_filesz)
        return addr - ph.p_vaddr + ph.p_offset;
    return std::nullopt;
  }

private:
  std::vector<GElf_Phdr> segs_;
};

// Defined functions of .symtab and .dynsym, by offset; where two names
// share an address the first seen (.symtab's, in table order) wins.
// Their link-time addresses go to *addrs (CFI is keyed by those).
std::vector<UserSymbol> read_symbols(Elf *elf, const TextSegments &text,
                                     std::vector<uint64_t> *addrs) {
  std::map<uint64_t, UserSymbol> by_offset;
  for_each_defined_symbol(elf, [&](const GElf_Sym &sym, const char *name) {
    int t = GELF_ST_TYPE(sym.st_info);
    if ((t != STT_FUNC && t != STT_GNU_IFUNC) || !sym.st_value || !*name)
      return false;
    auto off = text.offset(sym.st_value);
    if (!off) return false;
    addrs->push_back(sym.st_value);
    auto [it, fresh] = by_offset.try_emplace(*off);
    if (fresh || (!it->second.size && sym.st_size))
      it->second = {*off, sym.st_size, name};
    return false;
  });
  std::vector<UserSymbol> out;
  for (auto &[off, s] : by_offset) {
    // A symbol ends where the next begins, at the latest.
    if (!out.empty() && out.back().offset + out.back().size > off)
      out.back().size = off - out.back().offset;
    out.push_back(std::move(s));
  }
  return out;
}

// Start addresses of the FDEs, from .eh_frame_hdr's search table in its
// usual encoding (count udata4, entries datarel sdata4); empty otherwise.
std::vector<uint64_t> fde_starts(Elf *elf) {
  size_t shstrndx = 0;
  elf_getshdrstrndx(elf, &shstrndx);
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    const char *name = gelf_getshdr(scn, &sh)
                           ? elf_strptr(elf, shstrndx, sh.sh_name)
                           : nullptr;
    if (!name || strcmp(name, ".eh_frame_hdr")) continue;
    Elf_Data *d = elf_getdata(scn, nullptr);
    if (!d || d->d_size < 12) return {};
    const auto *p = static_cast<const unsigned char *>(d->d_buf);
    if (p[0] != 1 || p[1] != 0x1b || p[2] != 0x03 || p[3] != 0x3b) return {};
    uint32_t count;
    memcpy(&count, p + 8, 4);
    std::vector<uint64_t> out;
    for (uint32_t i = 0; i < count && 12 + 8 * (i + 1) <= d->d_size; ++i) {
      int32_t rel;
      memcpy(&rel, p + 12 + 8 * i, 4);
      out.push_back(sh.sh_addr + static_cast<int64_t>(rel));
    }
    return out;
  }
  return {};
}

// CFA+N for "the register is saved at CFA+N" (libdw spells it
// call_frame_cfa, then plus_uconst N when N is not 0).
std::optional<int64_t> cfa_slot(const Dwarf_Op *ops, size_t nops) {
  if (nops < 1 || ops[0].atom != DW_OP_call_frame_cfa) return std::nullopt;
  if (nops == 1) return 0;
  if (nops == 2 && ops[1].atom == DW_OP_plus_uconst)
    return static_cast<int64_t>(ops[1].number);
  return std::nullopt;
}

// The row the frame state `frame` describes, starting at `offset`.
UserCfiRow cfi_row(Dwarf_Frame *frame, uint64_t offset) {
  UserCfiRow row{.offset = offset};
  Dwarf_Op *ops = nullptr;
  size_t nops = 0;
  if (dwarf_frame_cfa(frame, &ops, &nops) || nops != 1) return row;
  int reg = -1;
  int64_t off = 0;
  if (ops[0].atom == DW_OP_bregx) {
    reg = static_cast<int>(ops[0].number);
    off = static_cast<int64_t>(ops[0].number2);
  } else if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31) {
    reg = ops[0].atom - DW_OP_breg0;
    off = static_cast<int64_t>(ops[0].number);
  }
  if (reg != kRegSp && reg != kRegFp) return row;
  Dwarf_Op mem[3];
  if (dwarf_frame_register(frame, kRegRa, mem, &ops, &nops) ||
      cfa_slot(ops, nops) != -8)
    return row;  // the return address must be just below the CFA
  int64_t fp_slot = 0;
  if (!dwarf_frame_register(frame, kRegFp, mem, &ops, &nops) && ops && nops) {
    auto slot = cfa_slot(ops, nops);
    if (!slot || !*slot) return row;  // %rbp kept in some other way
    fp_slot = *slot;
  }
  row.cfa = reg == kRegSp ? UserCfiRow::Cfa::sp : UserCfiRow::Cfa::fp;
  row.cfa_offset = off;
  row.fp_slot = fp_slot;
  return row;
}

// Every row of .eh_frame reachable from `starts`, each FDE walked row by
// row (dwarf_frame_info gives each row's end); a gap gets a `none` row.
std::vector<UserCfiRow> read_cfi(Elf *elf, const TextSegments &text,
                                 const std::vector<uint64_t> &starts) {
  Dwarf_CFI *cfi = dwarf_getcfi_elf(elf);
  std::map<uint64_t, UserCfiRow> rows;  // by address
  std::set<uint64_t> seen;
  for (uint64_t addr : starts) {
    // Rows never shrink an FDE, so a walk stops where one was walked.
    for (size_t step = 0; cfi && step < 100000 && seen.insert(addr).second;
         ++step) {
      Dwarf_Frame *frame = nullptr;
      if (dwarf_cfi_addrframe(cfi, addr, &frame)) {
        rows.try_emplace(addr, UserCfiRow{});
        break;
      }
      Dwarf_Addr start = 0, end = 0;
      bool signalp = false;
      dwarf_frame_info(frame, &start, &end, &signalp);
      auto off = text.offset(addr);
      if (off) rows.insert_or_assign(addr, cfi_row(frame, *off));
      free(frame);
      if (end <= addr || !off) break;
      addr = end;
    }
  }
  std::vector<UserCfiRow> out;
  for (auto &[addr, row] : rows) {
    auto off = text.offset(addr);
    if (!off) continue;
    row.offset = *off;
    UserCfiRow same = row;
    if (!out.empty()) same.offset = out.back().offset;
    if (out.empty() || !(out.back() == same)) out.push_back(row);
  }
  return out;
}

// The DWARF line tables of every compile unit, keyed by file offset; a
// sequence's end is a row of line 0. Empty without .debug_line.
void read_lines(Elf *elf, const TextSegments &text, UserSymbolTable *t) {
  Dwarf *dw = dwarf_begin_elf(elf, DWARF_C_READ, nullptr);
  if (!dw) return;
  std::map<uint64_t, std::pair<std::string, uint32_t>> rows;  // by offset
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(dw, off, &next, &hsize, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu;
    Dwarf_Lines *lines = nullptr;
    size_t n = 0;
    if (dwarf_offdie(dw, off + hsize, &cu) &&
        dwarf_getsrclines(&cu, &lines, &n) == 0)
      for (size_t i = 0; i < n; ++i) {
        Dwarf_Line *l = dwarf_onesrcline(lines, i);
        Dwarf_Addr addr = 0;
        int lineno = 0;
        bool end = false;
        const char *src = nullptr;
        if (!l || dwarf_lineaddr(l, &addr) || dwarf_lineendsequence(l, &end))
          continue;
        auto at = text.offset(addr);
        if (!at) continue;
        if (!end && !dwarf_lineno(l, &lineno) && lineno > 0 &&
            (src = dwarf_linesrc(l, nullptr, nullptr)))
          rows.insert_or_assign(
              *at, std::pair(std::string(src), static_cast<uint32_t>(lineno)));
        else
          rows.try_emplace(*at, std::pair(std::string(), 0u));
      }
    off = next;
  }
  dwarf_end(dw);
  std::map<std::string, uint32_t> file_index;
  for (auto &[offset, where] : rows) {
    UserLineRow row{.offset = offset};
    if (where.second) {
      auto [it, fresh] = file_index.try_emplace(
          where.first, static_cast<uint32_t>(t->line_files.size()));
      if (fresh) t->line_files.push_back(where.first);
      row.file = it->second;
      row.line = where.second;
    }
    bool same = !t->lines.empty() && t->lines.back().file == row.file &&
                t->lines.back().line == row.line;
    if (!same && (row.line || !t->lines.empty())) t->lines.push_back(row);
  }
}

std::vector<std::string> read_needed(Elf *elf) {
  std::vector<std::string> out;
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC || !sh.sh_entsize)
      continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; ++i) {
      GElf_Dyn dyn;
      if (!gelf_getdyn(data, static_cast<int>(i), &dyn)) continue;
      if (dyn.d_tag == DT_NEEDED)
        if (const char *n = elf_strptr(elf, sh.sh_link, dyn.d_un.d_val))
          out.push_back(n);
    }
  }
  return out;
}

}  // namespace

std::optional<UserSymbolTable> read_user_symbol_table(const std::string &path,
                                                      std::string *error) {
  auto file = user_probe_file(path, error);
  if (!file) return std::nullopt;
  ElfFile f(file->path, error);
  if (!f.get()) return std::nullopt;
  UserSymbolTable t{.path = file->path, .build_id = file->build_id};
  TextSegments text(f.get());
  GElf_Ehdr eh;
  bool exec_or_dyn = gelf_getehdr(f.get(), &eh) &&
                     (eh.e_type == ET_EXEC || eh.e_type == ET_DYN);
  if (!exec_or_dyn) {
    *error = "'" + t.path + "' is not an executable or shared library";
    return std::nullopt;
  }
  std::vector<uint64_t> starts = fde_starts(f.get());
  // Without a search table, each function's first instruction.
  std::vector<uint64_t> *addrs = &starts;
  std::vector<uint64_t> unused;
  if (!starts.empty()) addrs = &unused;
  t.symbols = read_symbols(f.get(), text, addrs);
  std::sort(starts.begin(), starts.end());
  t.cfi = read_cfi(f.get(), text, starts);
  t.needed = read_needed(f.get());
  read_lines(f.get(), text, &t);
  return t;
}

}  // namespace stap
