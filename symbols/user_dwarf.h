// A user binary's own DWARF, read with libdw: a function's DIE by name, the
// address a probe on it fires at, its parameters and locals with their
// types, and where each lives at that address (a register, memory at a
// register plus an offset, a constant, or optimized out). Location
// expressions are reduced here, at translate time, because the probe
// address is known: the frame base (DW_OP_call_frame_cfa) becomes the CFA
// rule of the CFI at that address, a location list picks the entry that
// covers it. Types are answered like btf_types.h answers kernel types.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symbols/btf_types.h"

namespace stap {

class UserDwarf;

// A DWARF type DIE of one opened binary; off 0 is void.
struct DwarfType {
  const UserDwarf *file = nullptr;
  uint64_t off = 0;
};

// Where a variable's value is at the probe address.
struct DwarfLocation {
  enum class Kind : uint8_t {
    register_value,  // held in `reg`
    memory,          // in user memory at `reg` + `offset` (`reg` empty:
                     // the link-time address `offset`)
    constant,        // the value is `offset`
    optimized_out,   // no location covers the address (`why` may say more)
    unsupported,     // an expression we do not evaluate; `why` says which
    pieces,          // split across places (DW_OP_piece): `pieces`, in order
  };
  Kind kind = Kind::optimized_out;
  std::string reg;  // pt_regs name as runtime/regs.c knows it: "rdi", "rbp"
  int64_t offset = 0;
  std::string why;
  // pieces: each the location of `size` bytes of the value, from its
  // lowest; an optimized_out piece is kept nowhere.
  std::vector<DwarfLocation> pieces;
  uint64_t size = 0;
};

struct DwarfVariable {
  std::string name;
  bool is_param = false;
  DwarfType type;
  DwarfLocation location;
};

struct DwarfFunction {
  std::string name;
  std::string decl_file;
  int decl_line = 0;
  uint64_t entry_pc = 0;  // link-time address of the first instruction
  // Where a .function probe fires: after the prologue, as SystemTap does
  // (the first line-table breakpoint libdw names), so -O0 parameters are
  // already in their stack slots. Equal to entry_pc when there is no
  // prologue (typical at -O2).
  uint64_t probe_pc = 0;
  DwarfType return_type;  // off 0: void
  // The variables visible where they are located: those of the lexical
  // blocks around that address, innermost first, then the parameters in
  // order, then the outermost block's locals.
  std::vector<DwarfVariable> variables;
};

// One source line of a function: where a .statement("func@file:line")
// probe fires (the line's lowest is_stmt address inside the function).
struct DwarfLine {
  std::string function;
  std::string file;  // as the line table names it, usually absolute
  int line = 0;
  int function_decl_line = 0;  // for "func@file+N"
  uint64_t addr = 0;           // link-time address
  uint64_t function_pc = 0;    // the function's lowest address
};

// A call a function's DWARF records (DW_TAG_call_site, or the GNU
// extension before DWARF 5) to a function it names.
struct DwarfCallSite {
  std::string callee;
  uint64_t return_pc = 0;  // link-time address after the call; 0: unknown
  bool tail_call = false;  // a jump: no return address to check
};

// A C label of a function (DW_TAG_label with an address).
struct DwarfLabel {
  std::string name;
  int line = 0;
  uint64_t addr = 0;  // link-time address
};

class UserDwarf {
public:
  // nullptr and *error ("'/x' has no DWARF debuginfo") on failure.
  static std::unique_ptr<UserDwarf> open(const std::string &path,
                                         std::string *error);
  ~UserDwarf();
  UserDwarf(const UserDwarf &) = delete;
  UserDwarf &operator=(const UserDwarf &) = delete;

  const std::string &path() const { return path_; }

  // The defining DIE of `name` (the first CU that defines it), with its
  // variables located at probe_pc; nullopt when there is none.
  std::optional<DwarfFunction> function(std::string_view name) const;
  // The same, with the variables located at `pc` instead.
  std::optional<DwarfFunction> function_at(std::string_view name,
                                           uint64_t pc) const;
  // The function whose code holds `pc`, its variables located there;
  // found through the address ranges, not by name (a kernel's DWARF is
  // too large to walk).
  std::optional<DwarfFunction> function_containing(uint64_t pc) const;

  // Every line of every defined function, sorted by function, file, line.
  const std::vector<DwarfLine> &lines() const;
  // The same for the compilation units whose name `unit` accepts only
  // (a kernel has thousands: a pattern naming one file reads its unit's
  // table alone). Not cached.
  std::vector<DwarfLine>
  unit_lines(const std::function<bool(std::string_view)> &unit) const;
  // The line a concrete "func@file:N" (as pass 2 spells a matched
  // statement) names, or nullptr.
  const DwarfLine *statement(std::string_view spec) const;

  // The labels of function `name`, its nested blocks' included, in DIE
  // order.
  std::vector<DwarfLabel> labels(std::string_view function) const;

  // Where each inlined copy of function `name` starts (the entry pc of
  // every DW_TAG_inlined_subroutine whose origin it is), link-time
  // addresses in DIE order; empty when it is never inlined.
  std::vector<uint64_t> inline_sites(std::string_view name) const;
  // The inlined copy of `name` that starts at `pc` (one of inline_sites),
  // its parameters and locals (DW_TAG_inlined_subroutine's, named by
  // their abstract origin) located at `pc`; nullopt when there is none.
  std::optional<DwarfFunction> inline_copy(std::string_view name,
                                           uint64_t pc) const;

  // Every defined function and every inlined copy of the whole file, in
  // one walk of all its DIEs (seconds for a kernel, whose index,
  // kernel_inline_index.h, is built from this once and cached):
  // `fn(name, die, inline_pc)`, inline_pc set for an inlined copy (its
  // entry pc), unset for an out-of-line definition.
  void each_function_die(
      const std::function<void(const char *name, uint64_t die,
                               std::optional<uint64_t> inline_pc)> &fn) const;
  // The inlined copy whose DIE is at `die` (from each_function_die), its
  // variables located at `pc`; nullopt when `die` is no inlined copy.
  std::optional<DwarfFunction> inline_copy_at(uint64_t die, uint64_t pc) const;
  // Where the function whose DIE is at `die` was declared: "file", line.
  std::pair<std::string, int> declared_at(uint64_t die) const;
  // The labels and the named calls of the defined function at `die`,
  // nested blocks' included, in DIE order.
  std::vector<DwarfLabel> labels_at(uint64_t die) const;
  std::vector<DwarfCallSite> call_sites_at(uint64_t die) const;
  // The inlined copies directly in the function or copy at `die` (in its
  // blocks, not in the copies inside them), in DIE order.
  struct InlineCopy {
    std::string name;
    uint64_t pc = 0, die = 0;
  };
  std::vector<InlineCopy> inline_copies_at(uint64_t die) const;

  // A global or file-static variable with a fixed link-time address, for
  // @var("name@file"): `file`, when not empty, must end the name of its
  // compilation unit ("b.c" matches "/src/a/b.c"). The first CU wins.
  struct Global {
    DwarfType type;
    uint64_t addr = 0;  // link-time address
  };
  std::optional<Global> global(std::string_view name,
                               std::string_view file) const;

  // "struct foo", "union u", "enum e", a typedef or base type name.
  std::optional<DwarfType> find_type(std::string_view c_name) const;

  struct Impl;

private:
  explicit UserDwarf(std::unique_ptr<Impl> impl, std::string path);
  std::unique_ptr<Impl> impl_;
  std::string path_;
  mutable std::optional<std::vector<DwarfLine>> lines_;
  friend CTypeOf<DwarfType> describe(DwarfType t);
  friend std::string c_type_name(DwarfType t);
  friend std::optional<MemberOf<DwarfType>> find_member(DwarfType t,
                                                        std::string_view name);
  friend std::vector<std::string> member_names(DwarfType t);
};

CTypeOf<DwarfType> describe(DwarfType t);
// SystemTap's -L spelling: "int", "char const*", "struct foo*", "long int[]"
// (arrays without bounds).
std::string c_type_name(DwarfType t);
std::optional<MemberOf<DwarfType>> find_member(DwarfType t,
                                               std::string_view name);
std::vector<std::string> member_names(DwarfType t);

}  // namespace stap
