#include "symbols/user_dwarf.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include "symbols/module_sections.h"

namespace stap {

struct UserDwarf::Impl {
  int fd = -1;
  Elf *elf = nullptr;
  Dwarf *dw = nullptr;
  Dwarf_CFI *eh_cfi = nullptr;     // .eh_frame, from the ELF
  Dwarf_CFI *debug_cfi = nullptr;  // .debug_frame, owned by dw

  ~Impl() {
    if (dw) dwarf_end(dw);
    if (eh_cfi) dwarf_cfi_end(eh_cfi);
    if (elf) elf_end(elf);
    if (fd >= 0) ::close(fd);
  }
};

namespace {

// x86-64 DWARF register numbers (the psABI's table) as pt_regs names.
const char *register_name(unsigned regno) {
  static const char *const names[] = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi",
                                      "rbp", "rsp", "r8",  "r9",  "r10", "r11",
                                      "r12", "r13", "r14", "r15", "ip"};
  return regno < std::size(names) ? names[regno] : nullptr;
}

bool die_at(Dwarf *dw, uint64_t off, Dwarf_Die *out) {
  return off && dwarf_offdie(dw, off, out) != nullptr;
}

// The DIE's DW_AT_type as a DwarfType (off 0 when absent: void).
DwarfType type_of(const UserDwarf *file, Dwarf_Die *die) {
  Dwarf_Attribute attr;
  Dwarf_Die t;
  if (!dwarf_attr_integrate(die, DW_AT_type, &attr) ||
      !dwarf_formref_die(&attr, &t))
    return {file, 0};
  return {file, dwarf_dieoffset(&t)};
}

// Every top-level DIE of every CU, until `fn` returns true.
template <class Fn> bool each_top_level(Dwarf *dw, Fn fn) {
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(dw, off, &next, &hsize, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu, child;
    if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &child) == 0) {
      do {
        if (fn(&child)) return true;
      } while (dwarf_siblingof(&child, &child) == 0);
    }
    off = next;
  }
  return false;
}

// A register (or CFA) plus an offset: what an address reduces to.
struct RegOffset {
  std::string reg;
  int64_t offset = 0;
};

std::optional<RegOffset> breg(unsigned regno, int64_t offset) {
  const char *r = register_name(regno);
  if (!r) return std::nullopt;
  return RegOffset{r, offset};
}

// The CFA at `pc` as register + offset, from .eh_frame or .debug_frame.
std::optional<RegOffset> cfa_at(const UserDwarf::Impl &d, uint64_t pc) {
  for (Dwarf_CFI *cfi : {d.eh_cfi, d.debug_cfi}) {
    Dwarf_Frame *frame = nullptr;
    if (!cfi || dwarf_cfi_addrframe(cfi, pc, &frame) != 0) continue;
    Dwarf_Op *ops = nullptr;
    size_t n = 0;
    std::optional<RegOffset> r;
    if (dwarf_frame_cfa(frame, &ops, &n) == 0 && n == 1) {
      if (ops[0].atom == DW_OP_bregx)
        r = breg(unsigned(ops[0].number), int64_t(ops[0].number2));
      else if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31)
        r = breg(ops[0].atom - DW_OP_breg0, int64_t(ops[0].number));
    }
    free(frame);
    if (r) return r;
  }
  return std::nullopt;
}

DwarfLocation unsupported(std::string why) {
  return {DwarfLocation::Kind::unsupported, "", 0, std::move(why)};
}

class Locator {
public:
  Locator(const UserDwarf::Impl &d, Dwarf_Die *fn, uint64_t entry_pc,
          uint64_t pc)
      : d_(d), fn_(fn), entry_pc_(entry_pc), pc_(pc) {}

  DwarfLocation locate(Dwarf_Die *var) {
    Dwarf_Attribute attr;
    if (dwarf_attr_integrate(var, DW_AT_const_value, &attr)) {
      Dwarf_Sword v;
      if (dwarf_formsdata(&attr, &v) == 0)
        return {DwarfLocation::Kind::constant, "", int64_t(v), ""};
      return unsupported("a constant value that is not an integer");
    }
    if (!dwarf_attr_integrate(var, DW_AT_location, &attr)) return {};
    Dwarf_Op *ops;
    size_t n;
    int found = dwarf_getlocation_addr(&attr, pc_, &ops, &n, 1);
    if (found <= 0 || n == 0) return {};  // optimized out here
    return evaluate(&attr, ops, n);
  }

private:
  DwarfLocation evaluate(Dwarf_Attribute *attr, Dwarf_Op *ops, size_t n) {
    using K = DwarfLocation::Kind;
    const Dwarf_Op &op = ops[0];
    bool stack_value = n == 2 && ops[1].atom == DW_OP_stack_value;
    for (size_t i = 0; i < n; ++i)
      if (ops[i].atom == DW_OP_piece || ops[i].atom == DW_OP_bit_piece)
        return pieces(attr, ops, n);
    if (n == 1 && op.atom >= DW_OP_reg0 && op.atom <= DW_OP_reg31)
      return reg_value(op.atom - DW_OP_reg0);
    if (n == 1 && op.atom == DW_OP_regx) return reg_value(unsigned(op.number));
    if (n == 1 && op.atom >= DW_OP_breg0 && op.atom <= DW_OP_breg31)
      return memory(breg(op.atom - DW_OP_breg0, int64_t(op.number)));
    if (n == 1 && op.atom == DW_OP_bregx)
      return memory(breg(unsigned(op.number), int64_t(op.number2)));
    if (n == 1 && op.atom == DW_OP_fbreg) {
      std::optional<RegOffset> fb = frame_base();
      if (!fb) return unsupported("a frame base we cannot compute here");
      fb->offset += int64_t(op.number);
      return memory(fb);
    }
    if (n == 1 && op.atom == DW_OP_addr)
      return {K::memory, "", int64_t(op.number), ""};
    if (n == 1 && op.atom == DW_OP_implicit_value && op.number <= 8) {
      Dwarf_Block block;
      if (dwarf_getlocation_implicit_value(attr, &op, &block) != 0)
        return unsupported("an unreadable implicit value");
      int64_t v = 0;
      memcpy(&v, block.data, block.length);
      return {K::constant, "", v, ""};
    }
    if (stack_value && op.atom >= DW_OP_lit0 && op.atom <= DW_OP_lit31)
      return {K::constant, "", int64_t(op.atom - DW_OP_lit0), ""};
    if (stack_value && (op.atom == DW_OP_constu || op.atom == DW_OP_consts ||
                        (op.atom >= DW_OP_const1u && op.atom <= DW_OP_const8s)))
      return {K::constant, "", int64_t(op.number), ""};
    if (stack_value &&
        (op.atom == DW_OP_entry_value || op.atom == DW_OP_GNU_entry_value))
      return entry_value(attr, &op);
    return unsupported("a location expression starting with operation 0x" +
                       hex(op.atom) + " (" + std::to_string(n) +
                       " operations)");
  }

  // `loc1 DW_OP_piece N1 loc2 DW_OP_piece N2 ...`: each piece located on
  // its own; an empty one is optimized out.
  DwarfLocation pieces(Dwarf_Attribute *attr, Dwarf_Op *ops, size_t n) {
    DwarfLocation whole{DwarfLocation::Kind::pieces, "", 0, ""};
    size_t begin = 0;
    for (size_t i = 0; i < n; ++i) {
      if (ops[i].atom == DW_OP_bit_piece)
        return unsupported("a value split into pieces of bits");
      if (ops[i].atom != DW_OP_piece) continue;
      DwarfLocation piece =
          i == begin ? DwarfLocation{} : evaluate(attr, ops + begin, i - begin);
      if (piece.kind == DwarfLocation::Kind::unsupported) return piece;
      piece.size = ops[i].number;
      whole.pieces.push_back(std::move(piece));
      begin = i + 1;
    }
    if (begin != n) return unsupported("a location after its last piece");
    return whole;
  }

  // DW_OP_entry_value(DW_OP_regN): the register as it was at entry. Exact
  // only when the probe sits at the entry itself.
  DwarfLocation entry_value(Dwarf_Attribute *attr, const Dwarf_Op *op) {
    Dwarf_Attribute inner;
    Dwarf_Op *ops;
    size_t n;
    if (dwarf_getlocation_attr(attr, op, &inner) != 0 ||
        dwarf_getlocation(&inner, &ops, &n) != 0 || n != 1)
      return unsupported("an entry value of a computed expression");
    unsigned regno;
    if (ops[0].atom >= DW_OP_reg0 && ops[0].atom <= DW_OP_reg31)
      regno = ops[0].atom - DW_OP_reg0;
    else if (ops[0].atom == DW_OP_regx)
      regno = unsigned(ops[0].number);
    else
      return unsupported("an entry value of a computed expression");
    if (pc_ != entry_pc_)
      return {DwarfLocation::Kind::optimized_out, "", 0,
              "only its value at entry is known, and the probe is not at "
              "the entry"};
    return reg_value(regno);
  }

  DwarfLocation reg_value(unsigned regno) {
    const char *r = register_name(regno);
    if (!r) return unsupported("DWARF register " + std::to_string(regno));
    return {DwarfLocation::Kind::register_value, r, 0, ""};
  }

  static DwarfLocation memory(std::optional<RegOffset> at) {
    if (!at) return unsupported("an address in an unknown register");
    return {DwarfLocation::Kind::memory, at->reg, at->offset, ""};
  }

  std::optional<RegOffset> frame_base() {
    Dwarf_Attribute attr;
    Dwarf_Op *ops;
    size_t n;
    if (!dwarf_attr_integrate(fn_, DW_AT_frame_base, &attr) ||
        dwarf_getlocation_addr(&attr, pc_, &ops, &n, 1) <= 0 || n != 1)
      return std::nullopt;
    if (ops[0].atom == DW_OP_call_frame_cfa) return cfa_at(d_, pc_);
    if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31)
      return breg(ops[0].atom - DW_OP_breg0, int64_t(ops[0].number));
    return std::nullopt;
  }

  static std::string hex(unsigned v) {
    char b[16];
    snprintf(b, sizeof b, "%02x", v);
    return b;
  }

  const UserDwarf::Impl &d_;
  Dwarf_Die *fn_;
  uint64_t entry_pc_, pc_;
};

bool find_function_die(Dwarf *dw, std::string_view name, Dwarf_Die *out) {
  return each_top_level(dw, [&](Dwarf_Die *die) {
    if (dwarf_tag(die) != DW_TAG_subprogram ||
        dwarf_hasattr(die, DW_AT_declaration))
      return false;
    const char *n = dwarf_diename(die);
    Dwarf_Addr low;
    if (!n || name != n || dwarf_lowpc(die, &low) != 0) return false;
    *out = *die;
    return true;
  });
}

// Looks through typedefs and qualifiers.
bool strip(Dwarf_Die *die) {
  for (int depth = 0; depth < 32; ++depth) {
    switch (dwarf_tag(die)) {
    case DW_TAG_typedef:
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type: {
      Dwarf_Attribute attr;
      if (!dwarf_attr_integrate(die, DW_AT_type, &attr) ||
          !dwarf_formref_die(&attr, die))
        return false;  // void
      continue;
    }
    default: return true;
    }
  }
  return false;
}

uint64_t udata(Dwarf_Die *die, unsigned name, uint64_t fallback = 0) {
  Dwarf_Attribute attr;
  Dwarf_Word v;
  if (!dwarf_attr_integrate(die, name, &attr) || dwarf_formudata(&attr, &v))
    return fallback;
  return v;
}

std::optional<MemberOf<DwarfType>> member_in(const UserDwarf *file,
                                             Dwarf_Die *rec,
                                             std::string_view name, int depth) {
  Dwarf_Die m;
  if (depth > 8 || dwarf_child(rec, &m) != 0) return std::nullopt;
  do {
    if (dwarf_tag(&m) != DW_TAG_member) continue;
    uint64_t byte = udata(&m, DW_AT_data_member_location);
    uint64_t bit = dwarf_hasattr(&m, DW_AT_data_bit_offset)
                       ? udata(&m, DW_AT_data_bit_offset)
                       : byte * 8;
    MemberOf<DwarfType> here{bit, uint32_t(udata(&m, DW_AT_bit_size)),
                             type_of(file, &m)};
    const char *n = dwarf_diename(&m);
    if (n && name == n) return here;
    if (n) continue;
    // An anonymous struct or union: its members are ours.
    Dwarf_Attribute attr;
    Dwarf_Die t;
    if (!dwarf_attr_integrate(&m, DW_AT_type, &attr) ||
        !dwarf_formref_die(&attr, &t) || !strip(&t))
      continue;
    if (auto inner = member_in(file, &t, name, depth + 1)) {
      inner->bit_offset += here.bit_offset;
      return inner;
    }
  } while (dwarf_siblingof(&m, &m) == 0);
  return std::nullopt;
}

void names_in(Dwarf_Die *rec, std::vector<std::string> &out, int depth) {
  Dwarf_Die m;
  if (depth > 8 || dwarf_child(rec, &m) != 0) return;
  do {
    if (dwarf_tag(&m) != DW_TAG_member) continue;
    if (const char *n = dwarf_diename(&m)) {
      out.push_back(n);
      continue;
    }
    Dwarf_Attribute attr;
    Dwarf_Die t;
    if (dwarf_attr_integrate(&m, DW_AT_type, &attr) &&
        dwarf_formref_die(&attr, &t) && strip(&t))
      names_in(&t, out, depth + 1);
  } while (dwarf_siblingof(&m, &m) == 0);
}

std::string spelled(Dwarf_Die *die, int depth) {
  if (depth > 32) return "?";
  Dwarf_Attribute attr;
  Dwarf_Die sub;
  bool has_sub = dwarf_attr_integrate(die, DW_AT_type, &attr) &&
                 dwarf_formref_die(&attr, &sub);
  const char *name = dwarf_diename(die);
  std::string inner = has_sub ? spelled(&sub, depth + 1) : "void";
  std::string tag_name = name ? name : "{...}";
  switch (dwarf_tag(die)) {
  case DW_TAG_base_type:
  case DW_TAG_typedef: return name ? name : "?";
  case DW_TAG_structure_type: return "struct " + tag_name;
  case DW_TAG_union_type: return "union " + tag_name;
  case DW_TAG_enumeration_type: return "enum " + tag_name;
  case DW_TAG_pointer_type: return inner + "*";
  case DW_TAG_const_type: return inner + " const";
  case DW_TAG_volatile_type: return inner + " volatile";
  // -L spells every array without its bounds, as SystemTap does.
  case DW_TAG_array_type: return inner + "[]";
  case DW_TAG_subroutine_type: return inner + "(*)(...)";
  default: return name ? name : inner;
  }
}

}  // namespace

UserDwarf::UserDwarf(std::unique_ptr<Impl> impl, std::string path)
    : impl_(std::move(impl)), path_(std::move(path)) {}

UserDwarf::~UserDwarf() = default;

std::unique_ptr<UserDwarf> UserDwarf::open(const std::string &path,
                                           std::string *error) {
  auto impl = std::make_unique<Impl>();
  impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (impl->fd < 0) {
    *error = "cannot open '" + path + "': " + strerror(errno);
    return nullptr;
  }
  elf_version(EV_CURRENT);
  impl->elf = elf_begin(impl->fd, ELF_C_READ, nullptr);
  if (!impl->elf || elf_kind(impl->elf) != ELF_K_ELF) {
    *error = "'" + path + "' is not an ELF file";
    return nullptr;
  }
  // A kernel module's DWARF speaks of its sections through relocations.
  if (is_relocatable(impl->elf) &&
      !relocate_module_debuginfo(impl->elf, error)) {
    *error = "cannot read the DWARF of '" + path + "': " + *error;
    return nullptr;
  }
  impl->dw = dwarf_begin_elf(impl->elf, DWARF_C_READ, nullptr);
  if (!impl->dw) {
    *error = "'" + path + "' has no DWARF debuginfo (build it with -g)";
    return nullptr;
  }
  impl->eh_cfi = dwarf_getcfi_elf(impl->elf);
  impl->debug_cfi = dwarf_getcfi(impl->dw);
  return std::unique_ptr<UserDwarf>(new UserDwarf(std::move(impl), path));
}

std::optional<DwarfFunction> UserDwarf::function(std::string_view name) const {
  return function_at(name, 0);
}

namespace {

// The named variables and parameters directly inside `scope`.
void scope_variables(const UserDwarf *file, Dwarf_Die *scope, Locator &at,
                     std::vector<DwarfVariable> &params,
                     std::vector<DwarfVariable> &locals) {
  Dwarf_Die v;
  if (dwarf_child(scope, &v) != 0) return;
  do {
    int tag = dwarf_tag(&v);
    if (tag != DW_TAG_formal_parameter && tag != DW_TAG_variable) continue;
    const char *vn = dwarf_diename(&v);
    if (!vn) continue;
    DwarfVariable var{vn, tag == DW_TAG_formal_parameter, type_of(file, &v),
                      at.locate(&v)};
    (var.is_param ? params : locals).push_back(std::move(var));
  } while (dwarf_siblingof(&v, &v) == 0);
}

// The locals of the lexical blocks inside `scope` that contain `pc`,
// innermost first: an inner name hides an outer one, and lookups take
// the first match.
void block_variables(const UserDwarf *file, Dwarf_Die *scope, uint64_t pc,
                     Locator &at, std::vector<DwarfVariable> &out,
                     int depth = 0) {
  Dwarf_Die b;
  if (depth > 64 || dwarf_child(scope, &b) != 0) return;
  do {
    if (dwarf_tag(&b) != DW_TAG_lexical_block || dwarf_haspc(&b, pc) != 1)
      continue;
    std::vector<DwarfVariable> params, mine;
    scope_variables(file, &b, at, params, mine);
    block_variables(file, &b, pc, at, out, depth + 1);
    for (DwarfVariable &v : mine) out.push_back(std::move(v));
  } while (dwarf_siblingof(&b, &b) == 0);
}

// What a function (or an inlined copy) `scope` shows at `pc`: the
// locals of the blocks around it, innermost first, then its parameters,
// then its own locals.
void visible_variables(const UserDwarf *file, Dwarf_Die *scope, uint64_t pc,
                       Locator &at, std::vector<DwarfVariable> &out) {
  std::vector<DwarfVariable> params, locals;
  block_variables(file, scope, pc, at, out);
  scope_variables(file, scope, at, params, locals);
  for (DwarfVariable &v : params) out.push_back(std::move(v));
  for (DwarfVariable &v : locals) out.push_back(std::move(v));
}

// A defined function's address ranges, for finding the function a line
// table row belongs to.
struct FunctionRange {
  uint64_t low = 0, high = 0;
  const char *name = nullptr;
  int decl_line = 0;
};

std::vector<FunctionRange> cu_function_ranges(Dwarf_Die *cu) {
  std::vector<FunctionRange> out;
  Dwarf_Die die;
  if (dwarf_child(cu, &die) != 0) return out;
  do {
    if (dwarf_tag(&die) != DW_TAG_subprogram ||
        dwarf_hasattr(&die, DW_AT_declaration))
      continue;
    const char *name = dwarf_diename(&die);
    if (!name) continue;
    int decl_line = 0;
    dwarf_decl_line(&die, &decl_line);
    Dwarf_Addr base, low, high;
    for (ptrdiff_t it = 0;
         (it = dwarf_ranges(&die, it, &base, &low, &high)) > 0;)
      out.push_back({low, high, name, decl_line});
  } while (dwarf_siblingof(&die, &die) == 0);
  std::sort(out.begin(), out.end(),
            [](const FunctionRange &a, const FunctionRange &b) {
              return a.low < b.low;
            });
  return out;
}

const FunctionRange *range_at(const std::vector<FunctionRange> &ranges,
                              uint64_t addr) {
  auto it = std::upper_bound(
      ranges.begin(), ranges.end(), addr,
      [](uint64_t a, const FunctionRange &r) { return a < r.low; });
  if (it == ranges.begin()) return nullptr;
  --it;
  return addr < it->high ? &*it : nullptr;
}

void add_cu_lines(Dwarf_Die *cu, std::vector<DwarfLine> &out) {
  std::vector<FunctionRange> ranges = cu_function_ranges(cu);
  Dwarf_Lines *lines;
  size_t n;
  if (ranges.empty() || dwarf_getsrclines(cu, &lines, &n) != 0) return;
  for (size_t i = 0; i < n; ++i) {
    Dwarf_Line *l = dwarf_onesrcline(lines, i);
    Dwarf_Addr addr;
    int line;
    bool stmt = false, end = false;
    if (!l || dwarf_lineaddr(l, &addr) || dwarf_lineno(l, &line) || line <= 0 ||
        dwarf_linebeginstatement(l, &stmt) || !stmt ||
        dwarf_lineendsequence(l, &end) || end)
      continue;
    const char *src = dwarf_linesrc(l, nullptr, nullptr);
    const FunctionRange *fn = range_at(ranges, addr);
    if (!src || !fn) continue;
    out.push_back({fn->name, src, line, fn->decl_line, addr, fn->low});
  }
}

}  // namespace

namespace {

// Function DIE `fn` called `name`, its variables located at `pc` (0: at
// its probe_pc).
DwarfFunction located(const UserDwarf *owner, const UserDwarf::Impl &impl,
                      Dwarf_Die *fn, std::string_view name, uint64_t pc) {
  Dwarf_Die &die = *fn;
  DwarfFunction f;
  f.name = std::string(name);
  if (const char *file = dwarf_decl_file(&die)) f.decl_file = file;
  dwarf_decl_line(&die, &f.decl_line);
  Dwarf_Addr entry = 0;
  dwarf_entrypc(&die, &entry);
  f.entry_pc = entry;
  f.probe_pc = entry;
  Dwarf_Addr *bkpts = nullptr;
  if (dwarf_entry_breakpoints(&die, &bkpts) > 0) f.probe_pc = bkpts[0];
  free(bkpts);
  f.return_type = type_of(owner, &die);
  uint64_t where = pc ? pc : f.probe_pc;
  Locator at(impl, &die, f.entry_pc, where);
  visible_variables(owner, &die, where, at, f.variables);
  return f;
}

}  // namespace

std::optional<DwarfFunction> UserDwarf::function_at(std::string_view name,
                                                    uint64_t pc) const {
  Dwarf_Die die;
  if (!impl_->dw || !find_function_die(impl_->dw, name, &die))
    return std::nullopt;
  return located(this, *impl_, &die, name, pc);
}

std::optional<DwarfFunction> UserDwarf::function_containing(uint64_t pc) const {
  // The unit's address ranges lead to it directly: a kernel's thousands
  // of units are not walked.
  Dwarf_Die cu, die;
  if (!impl_->dw || !dwarf_addrdie(impl_->dw, pc, &cu) ||
      dwarf_child(&cu, &die) != 0)
    return std::nullopt;
  do {
    const char *n = dwarf_diename(&die);
    if (dwarf_tag(&die) == DW_TAG_subprogram && n && dwarf_haspc(&die, pc) == 1)
      return located(this, *impl_, &die, n, pc);
  } while (dwarf_siblingof(&die, &die) == 0);
  return std::nullopt;
}

const std::vector<DwarfLine> &UserDwarf::lines() const {
  if (!lines_) lines_ = unit_lines([](std::string_view) { return true; });
  return *lines_;
}

std::vector<DwarfLine>
UserDwarf::unit_lines(const std::function<bool(std::string_view)> &unit) const {
  std::vector<DwarfLine> out;
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (impl_->dw && dwarf_nextcu(impl_->dw, off, &next, &hsize, nullptr,
                                   nullptr, nullptr) == 0) {
    Dwarf_Die cu;
    const char *name = nullptr;
    if (dwarf_offdie(impl_->dw, off + hsize, &cu) &&
        (name = dwarf_diename(&cu)) && unit(name))
      add_cu_lines(&cu, out);
    off = next;
  }
  auto key = [](const DwarfLine &l) {
    return std::tie(l.function, l.file, l.line, l.addr);
  };
  std::sort(
      out.begin(), out.end(),
      [&](const DwarfLine &a, const DwarfLine &b) { return key(a) < key(b); });
  // One row per line of a function: its lowest address.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const DwarfLine &a, const DwarfLine &b) {
                          return a.function == b.function && a.file == b.file &&
                                 a.line == b.line;
                        }),
            out.end());
  return out;
}

namespace {

void labels_in(Dwarf_Die *scope, std::vector<DwarfLabel> &out, int depth) {
  Dwarf_Die d;
  if (depth > 64 || dwarf_child(scope, &d) != 0) return;
  do {
    int tag = dwarf_tag(&d);
    Dwarf_Addr low;
    const char *name = dwarf_diename(&d);
    if (tag == DW_TAG_label && name && dwarf_lowpc(&d, &low) == 0) {
      int line = 0;
      dwarf_decl_line(&d, &line);
      out.push_back({name, line, low});
    } else if (tag == DW_TAG_lexical_block) {
      labels_in(&d, out, depth + 1);
    }
  } while (dwarf_siblingof(&d, &d) == 0);
}

// The entry pc of `d` when it is an inlined copy of `name`.
std::optional<uint64_t> inline_copy_entry(Dwarf_Die *d, std::string_view name) {
  if (dwarf_tag(d) != DW_TAG_inlined_subroutine) return std::nullopt;
  Dwarf_Attribute attr;
  Dwarf_Die origin;
  Dwarf_Addr pc;
  const char *n = dwarf_attr(d, DW_AT_abstract_origin, &attr) &&
                          dwarf_formref_die(&attr, &origin)
                      ? dwarf_diename(&origin)
                      : nullptr;
  if (n && n == name && dwarf_entrypc(d, &pc) == 0) return pc;
  return std::nullopt;
}

// The entry pcs of the inlined copies of `name` under `scope`.
void inlines_in(Dwarf_Die *scope, std::string_view name,
                std::vector<uint64_t> &out, int depth) {
  Dwarf_Die d;
  if (depth > 64 || dwarf_child(scope, &d) != 0) return;
  do {
    if (auto pc = inline_copy_entry(&d, name)) out.push_back(*pc);
    inlines_in(&d, name, out, depth + 1);
  } while (dwarf_siblingof(&d, &d) == 0);
}

// The inlined copy of `name` entered at `pc`, under `scope`.
bool find_inline_copy(Dwarf_Die *scope, std::string_view name, uint64_t pc,
                      Dwarf_Die *out, int depth) {
  Dwarf_Die d;
  if (depth > 64 || dwarf_child(scope, &d) != 0) return false;
  do {
    if (inline_copy_entry(&d, name) == pc) {
      *out = d;
      return true;
    }
    if (find_inline_copy(&d, name, pc, out, depth + 1)) return true;
  } while (dwarf_siblingof(&d, &d) == 0);
  return false;
}

}  // namespace

std::vector<uint64_t> UserDwarf::inline_sites(std::string_view name) const {
  std::vector<uint64_t> out;
  if (!impl_->dw) return out;
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(impl_->dw, off, &next, &hsize, nullptr, nullptr,
                      nullptr) == 0) {
    Dwarf_Die cu;
    if (dwarf_offdie(impl_->dw, off + hsize, &cu))
      inlines_in(&cu, name, out, 0);
    off = next;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// Inlined copy `copy` of `name` (the function it was inlined into:
// `outer`), its variables located at `pc`.
DwarfFunction located_copy(const UserDwarf *owner, const UserDwarf::Impl &impl,
                           Dwarf_Die *copy, Dwarf_Die *outer,
                           std::string_view name, uint64_t pc) {
  DwarfFunction f;
  f.name = std::string(name);
  if (const char *file = dwarf_decl_file(copy)) f.decl_file = file;
  dwarf_decl_line(copy, &f.decl_line);
  f.entry_pc = f.probe_pc = pc;
  f.return_type = type_of(owner, copy);
  // The frame base and entry values are those of the function the copy
  // was inlined into.
  Dwarf_Addr outer_entry = 0;
  dwarf_entrypc(outer, &outer_entry);
  Locator at(impl, outer, outer_entry, pc);
  visible_variables(owner, copy, pc, at, f.variables);
  return f;
}

// The name of the function DIE `d` refers to through `attr`
// (DW_AT_abstract_origin, DW_AT_call_origin); nullptr when none.
const char *origin_name(Dwarf_Die *d, unsigned attr) {
  Dwarf_Attribute a;
  Dwarf_Die origin;
  return dwarf_attr(d, attr, &a) && dwarf_formref_die(&a, &origin)
             ? dwarf_diename(&origin)
             : nullptr;
}

// Where an inlined copy starts: its entry pc, else its lowest address.
std::optional<uint64_t> copy_entry(Dwarf_Die *d) {
  Dwarf_Addr pc, base, low, high;
  if (dwarf_entrypc(d, &pc) == 0) return pc;
  std::optional<uint64_t> lowest;
  for (ptrdiff_t it = 0; (it = dwarf_ranges(d, it, &base, &low, &high)) > 0;)
    if (!lowest || low < *lowest) lowest = low;
  return lowest;
}

// The inlined copies under `scope` (a function, a block or a copy); with
// `nested`, those inside the copies too.
template <class Fn>
void copies_under(Dwarf_Die *scope, Fn &fn, bool nested, int depth) {
  Dwarf_Die d;
  if (depth > 64 || dwarf_child(scope, &d) != 0) return;
  do {
    int tag = dwarf_tag(&d);
    if (tag == DW_TAG_inlined_subroutine) {
      const char *n = origin_name(&d, DW_AT_abstract_origin);
      if (auto pc = n ? copy_entry(&d) : std::nullopt)
        fn(n, dwarf_dieoffset(&d), pc);
    }
    if ((nested && tag == DW_TAG_inlined_subroutine) ||
        tag == DW_TAG_lexical_block)
      copies_under(&d, fn, nested, depth + 1);
  } while (dwarf_siblingof(&d, &d) == 0);
}

// The call sites under `scope`, those of the blocks and copies in it too.
void calls_under(Dwarf_Die *scope, std::vector<DwarfCallSite> &out, int depth) {
  Dwarf_Die d;
  if (depth > 64 || dwarf_child(scope, &d) != 0) return;
  do {
    int tag = dwarf_tag(&d);
    if (tag == DW_TAG_call_site || tag == DW_TAG_GNU_call_site) {
      const char *n = origin_name(&d, DW_AT_call_origin);
      if (!n) n = origin_name(&d, DW_AT_abstract_origin);
      Dwarf_Attribute a;
      Dwarf_Addr ret = 0;
      // DWARF 5 names the return address; the GNU form's low_pc is it.
      if (dwarf_attr(&d, DW_AT_call_return_pc, &a))
        dwarf_formaddr(&a, &ret);
      else if (dwarf_attr(&d, DW_AT_low_pc, &a))
        dwarf_formaddr(&a, &ret);
      bool tail = dwarf_hasattr(&d, DW_AT_call_tail_call) ||
                  dwarf_hasattr(&d, DW_AT_GNU_tail_call);
      if (n) out.push_back({n, ret, tail});
    } else if (tag == DW_TAG_lexical_block ||
               tag == DW_TAG_inlined_subroutine) {
      calls_under(&d, out, depth + 1);
    }
  } while (dwarf_siblingof(&d, &d) == 0);
}

// The top-level function of `pc`'s unit whose code holds it.
bool outer_function(Dwarf *dw, uint64_t pc, Dwarf_Die *out) {
  Dwarf_Die cu;
  if (!dwarf_addrdie(dw, pc, &cu) || dwarf_child(&cu, out) != 0) return false;
  do {
    if (dwarf_tag(out) == DW_TAG_subprogram && dwarf_haspc(out, pc) == 1)
      return true;
  } while (dwarf_siblingof(out, out) == 0);
  return false;
}

}  // namespace

std::optional<DwarfFunction> UserDwarf::inline_copy(std::string_view name,
                                                    uint64_t pc) const {
  Dwarf_Die outer, copy;
  bool found =
      impl_->dw && each_top_level(impl_->dw, [&](Dwarf_Die *die) {
        if (dwarf_tag(die) != DW_TAG_subprogram || dwarf_haspc(die, pc) != 1)
          return false;
        outer = *die;
        return find_inline_copy(die, name, pc, &copy, 0);
      });
  if (!found) return std::nullopt;
  return located_copy(this, *impl_, &copy, &outer, name, pc);
}

void UserDwarf::each_function_die(
    const std::function<void(const char *, uint64_t, std::optional<uint64_t>)>
        &fn) const {
  if (!impl_->dw) return;
  each_top_level(impl_->dw, [&](Dwarf_Die *die) {
    if (dwarf_tag(die) != DW_TAG_subprogram) return false;
    Dwarf_Addr low, base, high;
    const char *n = dwarf_diename(die);
    if (n && !dwarf_hasattr(die, DW_AT_declaration) &&
        (dwarf_lowpc(die, &low) == 0 ||
         dwarf_ranges(die, 0, &base, &low, &high) > 0))
      fn(n, dwarf_dieoffset(die), std::nullopt);
    copies_under(die, fn, true, 0);
    return false;
  });
}

std::optional<DwarfFunction> UserDwarf::inline_copy_at(uint64_t die,
                                                       uint64_t pc) const {
  Dwarf_Die copy, outer;
  const char *name = nullptr;
  if (!impl_->dw || !die_at(impl_->dw, die, &copy) ||
      dwarf_tag(&copy) != DW_TAG_inlined_subroutine ||
      !(name = origin_name(&copy, DW_AT_abstract_origin)) ||
      !outer_function(impl_->dw, pc, &outer))
    return std::nullopt;
  return located_copy(this, *impl_, &copy, &outer, name, pc);
}

std::pair<std::string, int> UserDwarf::declared_at(uint64_t die) const {
  Dwarf_Die d;
  std::pair<std::string, int> out;
  if (!impl_->dw || !die_at(impl_->dw, die, &d)) return out;
  if (const char *file = dwarf_decl_file(&d)) out.first = file;
  dwarf_decl_line(&d, &out.second);
  return out;
}

std::vector<DwarfLabel> UserDwarf::labels_at(uint64_t die) const {
  std::vector<DwarfLabel> out;
  Dwarf_Die d;
  if (impl_->dw && die_at(impl_->dw, die, &d)) labels_in(&d, out, 0);
  return out;
}

std::vector<UserDwarf::InlineCopy>
UserDwarf::inline_copies_at(uint64_t die) const {
  std::vector<InlineCopy> out;
  Dwarf_Die d;
  auto add = [&](const char *name, uint64_t off, std::optional<uint64_t> pc) {
    out.push_back({name, *pc, off});
  };
  if (impl_->dw && die_at(impl_->dw, die, &d)) copies_under(&d, add, false, 0);
  return out;
}

std::vector<DwarfCallSite> UserDwarf::call_sites_at(uint64_t die) const {
  std::vector<DwarfCallSite> out;
  Dwarf_Die d;
  if (impl_->dw && die_at(impl_->dw, die, &d)) calls_under(&d, out, 0);
  return out;
}

std::vector<DwarfLabel> UserDwarf::labels(std::string_view function) const {
  std::vector<DwarfLabel> out;
  Dwarf_Die die;
  if (impl_->dw && find_function_die(impl_->dw, function, &die))
    labels_in(&die, out, 0);
  return out;
}

const DwarfLine *UserDwarf::statement(std::string_view spec) const {
  size_t at = spec.find('@'), colon = spec.rfind(':');
  if (at == std::string_view::npos || colon == std::string_view::npos ||
      colon < at)
    return nullptr;
  std::string_view fn = spec.substr(0, at),
                   file = spec.substr(at + 1, colon - at - 1),
                   number = spec.substr(colon + 1);
  int line = 0;
  auto r = std::from_chars(number.data(), number.data() + number.size(), line);
  if (r.ec != std::errc() || r.ptr != number.data() + number.size())
    return nullptr;
  for (const DwarfLine &l : lines())
    if (l.function == fn && l.file == file && l.line == line) return &l;
  return nullptr;
}

std::optional<UserDwarf::Global>
UserDwarf::global(std::string_view name, std::string_view file) const {
  std::optional<Global> out;
  if (!impl_->dw) return out;
  each_top_level(impl_->dw, [&](Dwarf_Die *die) {
    if (dwarf_tag(die) != DW_TAG_variable) return false;
    const char *n = dwarf_diename(die);
    Dwarf_Die cu;
    const char *cu_name =
        dwarf_diecu(die, &cu, nullptr, nullptr) ? dwarf_diename(&cu) : nullptr;
    std::string_view unit = cu_name ? cu_name : "";
    if (!n || n != name ||
        (!file.empty() && (unit.size() < file.size() ||
                           unit.substr(unit.size() - file.size()) != file ||
                           (unit.size() > file.size() &&
                            unit[unit.size() - file.size() - 1] != '/'))))
      return false;
    // A definition's location is one DW_OP_addr.
    Dwarf_Attribute attr;
    Dwarf_Op *ops;
    size_t nops;
    if (!dwarf_attr(die, DW_AT_location, &attr) ||
        dwarf_getlocation(&attr, &ops, &nops) != 0 || nops != 1 ||
        ops[0].atom != DW_OP_addr)
      return false;
    out = Global{type_of(this, die), ops[0].number};
    return true;
  });
  return out;
}

std::optional<DwarfType> UserDwarf::find_type(std::string_view c_name) const {
  struct Prefix {
    std::string_view text;
    int tag;
  };
  const Prefix prefixes[] = {{"struct ", DW_TAG_structure_type},
                             {"union ", DW_TAG_union_type},
                             {"enum ", DW_TAG_enumeration_type}};
  std::string_view bare = c_name;
  int want = 0;  // a typedef or base type
  for (const Prefix &p : prefixes)
    if (c_name.substr(0, p.text.size()) == p.text) {
      bare = c_name.substr(p.text.size());
      want = p.tag;
    }
  std::optional<DwarfType> out;
  if (!impl_->dw) return out;
  each_top_level(impl_->dw, [&](Dwarf_Die *die) {
    int tag = dwarf_tag(die);
    bool kind_ok =
        want ? tag == want : tag == DW_TAG_typedef || tag == DW_TAG_base_type;
    const char *n = dwarf_diename(die);
    if (!kind_ok || !n || bare != n || dwarf_hasattr(die, DW_AT_declaration))
      return false;
    out = DwarfType{this, dwarf_dieoffset(die)};
    return true;
  });
  return out;
}

CTypeOf<DwarfType> describe(DwarfType t) {
  CTypeOf<DwarfType> c;
  Dwarf_Die die;
  if (!t.file || !die_at(t.file->impl_->dw, t.off, &die) || !strip(&die)) {
    c.kind = CKind::void_;
    return c;
  }
  c.size = uint32_t(udata(&die, DW_AT_byte_size));
  if (const char *n = dwarf_diename(&die)) c.name = n;
  switch (dwarf_tag(&die)) {
  case DW_TAG_base_type: {
    uint64_t enc = udata(&die, DW_AT_encoding);
    c.kind = enc == DW_ATE_float ? CKind::floating : CKind::integer;
    c.is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
    c.is_char = c.size == 1 &&
                (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char);
    break;
  }
  case DW_TAG_enumeration_type: {
    c.kind = CKind::enumeration;
    CTypeOf<DwarfType> under = describe(type_of(t.file, &die));
    c.is_signed = under.kind == CKind::integer && under.is_signed;
    break;
  }
  case DW_TAG_pointer_type:
    c.kind = CKind::pointer;
    c.size = c.size ? c.size : 8;
    c.inner = type_of(t.file, &die);
    break;
  case DW_TAG_array_type: {
    c.kind = CKind::array;
    c.inner = type_of(t.file, &die);
    Dwarf_Die sr;
    if (dwarf_child(&die, &sr) == 0 && dwarf_tag(&sr) == DW_TAG_subrange_type)
      c.elems = uint32_t(dwarf_hasattr(&sr, DW_AT_count)
                             ? udata(&sr, DW_AT_count)
                             : udata(&sr, DW_AT_upper_bound, uint64_t(-1)) + 1);
    c.size = c.elems * describe(c.inner).size;
    break;
  }
  case DW_TAG_structure_type:
  case DW_TAG_class_type: c.kind = CKind::record; break;
  case DW_TAG_union_type:
    c.kind = CKind::record;
    c.is_union = true;
    break;
  case DW_TAG_subroutine_type: c.kind = CKind::function; break;
  default: c.kind = CKind::unknown; break;
  }
  return c;
}

std::string c_type_name(DwarfType t) {
  Dwarf_Die die;
  if (!t.file || !die_at(t.file->impl_->dw, t.off, &die)) return "void";
  return spelled(&die, 0);
}

std::optional<MemberOf<DwarfType>> find_member(DwarfType t,
                                               std::string_view name) {
  Dwarf_Die die;
  if (!t.file || !die_at(t.file->impl_->dw, t.off, &die) || !strip(&die))
    return std::nullopt;
  return member_in(t.file, &die, name, 0);
}

std::vector<std::string> member_names(DwarfType t) {
  std::vector<std::string> out;
  Dwarf_Die die;
  if (t.file && die_at(t.file->impl_->dw, t.off, &die) && strip(&die))
    names_in(&die, out, 0);
  return out;
}

}  // namespace stap
