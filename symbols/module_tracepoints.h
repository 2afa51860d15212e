// Which module defines each tracepoint of a kernel release, and in which
// group (TRACE_SYSTEM): the index that lets kernel.trace("*") and -l cover
// the tracepoints of modules without reading every module's BTF.
//
// A module's ELF symbol table says it all. Each tracepoint NAME is a
// `__tracepoint_NAME` object; its event (when it has one) is the
// `event_NAME` trace_event_call, whose `class` member points at an
// `event_class_CLASS`, whose `system` member points at the
// `str__GROUP__trace_system_name` string. The pointers are relocations in
// the .ko, read without loading anything. Built once per release (reading
// ~4,000 modules takes seconds) and cached beside the extracted BTF, keyed
// by the identity of the release's modules.dep, which depmod rewrites
// whenever modules change.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

struct btf;

namespace stap {

struct ModuleTracepoint {
  std::string group;  // "" when the module says none
  std::string name;
  std::string module;       // with '_' ("kvm_intel")
  std::string event_class;  // DEFINE_EVENT's class, "" when unknown
};

// Byte offsets of trace_event_call.class and trace_event_class.system
// (from the release's BTF): where the pointers to follow sit.
struct TraceEventLayout {
  uint64_t class_offset = 0;
  uint64_t system_offset = 0;
};

// Where trace_event_call's class and trace_event_class's system sit in a
// release, from its vmlinux BTF; UINT64_MAX (never found) when unknown.
TraceEventLayout trace_event_layout(const struct btf *vmlinux);

// The tracepoints of one module from its uncompressed ELF image.
std::vector<ModuleTracepoint>
scan_module_tracepoints(std::string &elf, const std::string &module,
                        const TraceEventLayout &layout);

// The tracepoints of the modules in `module_files` (name -> .ko path,
// compressed or not), sorted by group, then name, then module. The files
// are read on several threads: decompressing the ~4,000 .ko.xz of a
// release is most of the work.
std::vector<ModuleTracepoint>
scan_module_files(const std::map<std::string, std::string> &module_files,
                  const TraceEventLayout &layout);

// scan_module_files(module_files), from `cache_file` (empty: no cache)
// when it is present and our own, else written there.
std::vector<ModuleTracepoint>
module_tracepoint_index(const std::map<std::string, std::string> &module_files,
                        const TraceEventLayout &layout,
                        const std::string &cache_file);

// The modules whose name holds `group`, or whose name is whole words of
// `group`, reading '-' as '_' ("kvm" -> kvm, kvm_amd, kvm_intel;
// "hda_intel" -> snd_hda_intel): most modules name their trace group so.
// A guess worth scanning first for one tracepoint, never a bound: "hyperv"
// events live in hv_vmbus.
std::map<std::string, std::string>
modules_named_like(const std::map<std::string, std::string> &module_files,
                   std::string_view group);

// The cache file for `release`: CACHE/RELEASE/module-tracepoints-IDENTITY,
// IDENTITY that of MODULES_ROOT/RELEASE/modules.dep; "" when there is no
// cache directory or no modules.dep.
std::string module_tracepoint_cache_file(const std::string &cache_dir,
                                         const std::string &modules_root,
                                         const std::string &release);

}  // namespace stap
