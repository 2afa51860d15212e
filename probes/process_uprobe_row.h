// One row of the generated stp_uprobe_probes[] table (runtime/uprobes.h):
// what probes/process.cc writes for a function or statement and
// probes/process_mark.cc for each site of an SDT mark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/diagnostics.h"
#include "probes/c_writer.h"
#include "probes/family.h"
#include "symbols/user_probe_site.h"

namespace stap {

struct UprobeRow {
  const FamilyProbe *probe = nullptr;
  const UserProbeFile *file = nullptr;
  std::string process_path;  // .library(...): fire only in this executable
  uint64_t offset = 0;
  bool is_return = false;
  uint64_t ref_ctr_offset = 0;  // SDT semaphore, 0: none
  std::string sdt_args;         // C name of its stp_sdt_arg[], or ""
  size_t sdt_nargs = 0;
  std::string callers;  // .callee: C name of its caller table, or ""
  size_t ncallers = 0;
};

std::string uprobe_row_text(const UprobeRow &row);

// The rows of process("PATH")[.provider("P")].mark("NAME"): one per site
// of the mark in the file, each with its argument table written to `out`
// first. Empty, with an error reported, when the mark cannot be placed.
std::vector<std::string> mark_rows(const FamilyProbe &p,
                                   const UserProbeFile &file,
                                   const std::string &process_path,
                                   CWriter &out, Diagnostics &diags);

}  // namespace stap
