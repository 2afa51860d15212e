// SDT markers (<sys/sdt.h>) of a user binary, from its .note.stapsdt
// notes: where each marker is (pc), its semaphore (what *_ENABLED() reads;
// 0 when it has none), and its arguments as the assembler wrote them
// ("-4@%edi 8@-16(%rbp) 4@$5"), parsed into sizes and locations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stap {

struct SdtArgument {
  int size = 8;  // bytes, 1/2/4/8
  bool is_signed = false;
  enum class Kind : uint8_t {
    constant,        // $5: `offset`
    register_value,  // %edi: `reg` (runtime/regs.c name, 64-bit: "rdi")
    memory,          // -16(%rbp): user memory at `reg` + `offset`; `reg` "ip"
             // for %rip-relative (a link-time address: `offset` absolute)
  } kind = Kind::constant;
  std::string reg;
  int64_t offset = 0;
  // total+8(%rip): the global `symbol`; `offset` holds the addend until
  // read_sdt_notes adds the symbol's link-time address.
  std::string symbol;
};

struct SdtNote {
  std::string provider, name;
  // Link-time addresses, already adjusted for prelink as the note's base
  // field asks (pc - base + .stapsdt.base's address).
  uint64_t pc = 0, semaphore = 0;
  std::string args;  // the raw argument string
  std::vector<SdtArgument> arguments;
};

// One argument spec "[-]N@OPERAND"; nullopt (and *error) when we cannot
// read it: "'8@(%rax,%rbx,8)': indexed addressing is not supported".
std::optional<SdtArgument> parse_sdt_argument(std::string_view spec,
                                              std::string *error);

// Every note of `path`, in file order; nullopt (and *error) when the file
// cannot be read. A note whose arguments do not parse keeps them empty and
// its error in *bad (one line per note) when bad is not null.
std::optional<std::vector<SdtNote>> read_sdt_notes(const std::string &path,
                                                   std::string *error,
                                                   std::string *bad = nullptr);

// The sites of mark `name` among `notes`: those whose provider matches the
// glob `provider` (empty: any provider).
std::vector<SdtNote> mark_sites(const std::vector<SdtNote> &notes,
                                std::string_view provider,
                                std::string_view name);

// How many arguments every one of `sites` has (0 for none).
size_t common_argument_count(const std::vector<SdtNote> &sites);

}  // namespace stap
