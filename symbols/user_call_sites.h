// The direct calls a function of a user binary makes, found by decoding
// its body for `call rel32` (x86-64 opcode e8): what .callee probes need.
// A stray e8 byte that happens to point at a function start yields a
// return address no real call pushes, so a false hit only adds a caller
// address the runtime never sees; the uprobe itself goes at the callee's
// entry, never inside the caller's code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stap {

struct DirectCall {
  std::string callee;       // the called function's symbol name
  uint64_t return_address;  // link-time address right after the call
};

// The direct calls in the body of function symbol `caller` of `path` to
// functions the file itself defines (straight or through its own PLT),
// sorted by callee then address. nullopt with *error when the file or the
// function is missing.
std::optional<std::vector<DirectCall>> direct_calls(const std::string &path,
                                                    const std::string &caller,
                                                    std::string *error);

}  // namespace stap
