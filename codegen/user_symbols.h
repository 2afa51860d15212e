// The user-space symbol and unwind tables a module carries (usymname,
// usymdata, ubacktrace ...): one per binary that a process probe names,
// that -d names, and with --ldd each shared library those load. Emitted
// as the descriptors of the runtime's stp_provider_usymbols
// (runtime/usymbols.h), which checks each file's build-id when armed.
#pragma once

#include <string>
#include <vector>

#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "probes/c_writer.h"
#include "symbols/user_symbol_table.h"

namespace stap {

struct UserSymbolRequest {
  std::vector<std::string> files;         // -d PATH, in order
  bool ldd = false;                       // --ldd
  std::vector<std::string> library_dirs;  // where --ldd looks for DT_NEEDED
};

// The tables of the binaries the module needs, without repeats: those the
// probes name, `mapped` (files whose mappings target expressions look up,
// elaborate/target_access.h), then the request's; a -d file that cannot be
// read is an error (probe points report their own files).
std::vector<UserSymbolTable>
user_symbol_tables(const std::vector<ProbeDecl *> &probes,
                   const std::vector<std::string> &mapped,
                   const UserSymbolRequest &req, Diagnostics &diags);

// Writes `tables` to `out`; returns the stp_provider_uses[] entry, or ""
// when there are none.
std::string emit_user_symbols(const std::vector<UserSymbolTable> &tables,
                              CWriter &out);

}  // namespace stap
