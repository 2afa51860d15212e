// How pass 3 reads one target expression ($count, $file->f_path.dentry,
// $return, @cast(p, "struct task_struct")->comm): resolved by pass 2 from
// the kernel's BTF, or from a user binary's DWARF for process probes, into
// a base value and address steps, so pass 3 needs no type information of
// its own.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parser/ast.h"

namespace stap {

struct TargetAccess {
  enum class Base : uint8_t {
    param,           // argument `param` of the probed function, now
    entry_param,     // the same, as it was at entry (return probes)
    return_value,    // the return register
    operand,         // the value of the @cast operand
    register_value,  // register `reg` of the probed task (DWARF locations)
    constant,        // `constant` (a DWARF constant or implicit value)
    sdt_arg,         // argument `param` of the SDT mark being probed
    literal,         // the string `text` ($$name, $$provider of a mark)
    procfs_value,    // $value of a procfs probe (a string, set or read)
    // $verdict of a netfilter probe: argument `param`, set by -g scripts.
    netfilter_verdict,
    // The address `constant` bytes above the lowest mapping of file `text`
    // in the current task (@var of a file's global, found at run time).
    module_address,
  };
  Base base = Base::param;
  int param = 0;          // 1-based
  std::string reg;        // register_value: a runtime/regs.c name ("rdi")
  int64_t constant = 0;
  std::string text;  // literal; module_address: the file, canonical
  unsigned base_bits = 64;
  bool base_signed = false;
  // register_value, constant: the value starts this many bits up (a field
  // of a struct held in a register, DWARF pieces).
  unsigned base_shift = 0;

  // Applied in order to the address held after the base.
  struct Step {
    enum Kind : uint8_t { add, load_pointer, add_index } kind = add;
    int64_t offset = 0;           // add
    const Expr *index = nullptr;  // add_index: value * scale
    uint64_t scale = 0;
  };
  std::vector<Step> steps;
  // Loads and reads go to the current task's user memory (process probes,
  // @cast to a user binary's type), not to the kernel's.
  bool user_memory = false;

  // What is done with the final address: nothing (the base or a loaded
  // pointer is the value), an integer read, or a string read (char arrays).
  enum class Read : uint8_t { value, integer, string, address } read = Read::value;
  unsigned size = 8;         // integer bytes
  bool is_signed = false;
  unsigned bit_offset = 0;   // bitfields: within the integer read
  unsigned bit_size = 0;     // 0: not a bitfield

  // $$parms: one part per parameter, printed "name=0x..." (strings quoted).
  // A struct of its own, not std::pair: a pair of the still incomplete
  // TargetAccess is rejected by clang with libstdc++.
  struct Part;
  std::vector<Part> parts;
  // $var$, $$parms$ (target_pretty.h): the sprintf format the parts fill,
  // in order; empty for $$parms.
  std::string format;

  Type type = Type::long_;
};

struct TargetAccess::Part {
  std::string name;
  TargetAccess access;
};

// Per probe (same index as Program::probes): each target expression of its
// body. Probes expanded from one wildcard share a body, so the expression
// alone is no key.
using ProbeTargets = std::map<const Expr *, TargetAccess>;

}  // namespace stap
