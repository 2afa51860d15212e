// The tracepoints of a kernel release, for kernel.trace("GROUP:NAME"):
//   - names: the btf_trace_NAME typedefs of the kernel's BTF (every
//     tracepoint built into vmlinux has one);
//   - groups: the TRACE_SYSTEM of the header that defines the event, from
//     include/trace/events/*.h and arch/x86/include/asm/trace/*.h of the
//     release's source tree (/lib/modules/R/source, then .../build), plus
//     the running kernel's tracefs (events/GROUP/NAME) when readable;
//   - arguments: the types of btf_trace_NAME's parameters after its first
//     `void *`; their names from the __bpf_trace_CLASS function the kernel
//     builds for the event's class (the class from the same headers).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "symbols/btf_types.h"

struct btf;

namespace stap {

struct TracepointHeaders {
  std::map<std::string, std::string> group_of;  // event -> TRACE_SYSTEM
  std::map<std::string, std::string> class_of;  // DEFINE_EVENT's class
};

// Scans every *.h in `dirs` (missing directories are skipped).
TracepointHeaders scan_tracepoint_headers(const std::vector<std::string> &dirs);

// Adds tracefs's events/GROUP/NAME to group_of (first root that has any).
void add_tracefs_groups(const std::vector<std::string> &tracefs_roots,
                        TracepointHeaders &out);

// The header directories of `release` under modules_root.
std::vector<std::string> tracepoint_header_dirs(const std::string &modules_root,
                                                const std::string &release);

// Arguments of tracepoint `name`, named; nullopt when `b` has no
// btf_trace_NAME. `event_class` is its DEFINE_EVENT's class ("" when
// unknown), whose function names the arguments of its events. An
// argument whose name cannot be found is "argN".
std::optional<FunctionProto> tracepoint_args(const struct btf *b,
                                             const std::string &name,
                                             const std::string &event_class);

}  // namespace stap
