// A probe family is one vertical slice: one file in probes/ holds its
// registry entries (the points a script may name, their privilege action,
// their target-variable rules), its pass-2 rules and its C emission; one
// file in runtime/ arms and disarms its probes. HACKING.md, "Adding a probe
// family", is the recipe.
//
// Pass 2 and pass 3 reach a family only through ProbeType::family and
// probe_family() below, an exhaustive switch: adding an enumerator makes
// the compiler list every place the new family must fill in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "probes/c_writer.h"

namespace stap {

class ProbeRegistry;
struct ProbeType;

// In registration order (which is also the order of the module's
// provider tables and of `-l` suggestions).
enum class ProbeFamily : uint8_t {
  begin_end,      // begin, end, error, never            begin_end.cc
  timer,          // timer.ms(N), timer.hz(N) ...          timer.cc
  timer_profile,  // timer.profile, timer.profile.tick     timer.cc
  procfs,         // procfs("f").read/.write               procfs.cc
  perf,           // perf.type(N).config(M)...             perf.cc
  netfilter,      // netfilter.hook("h").pf("p")           netfilter.cc
  kernel_data,    // kernel.data(...).write (watchpoints)  kernel_data.cc
  kernel_dwarf,   // kernel.function/statement, module()   kernel_dwarf.cc
  kernel_trace,   // kernel.trace("t")                     kernel_trace.cc
  kprobe,         // kprobe.function("f") ...              kprobe.cc
  process,        // process("p").function/begin/mark ...  process.cc
};
inline constexpr ProbeFamily kLastProbeFamily = ProbeFamily::process;

// One probe of a family as pass 3 hands it over.
struct FamilyProbe {
  const ProbePoint *point = nullptr;  // concrete: aliases, wildcards expanded
  std::string probe;  // C name of its `struct stp_probe` ("stp_probe_3")
  // Written with `?`: a point the kernel refuses to arm is counted and
  // reported, not fatal.
  bool optional = false;
  // A uretprobe probe with entry values: C names of the `struct stp_probe`
  // of its entry half and of the struct it saves them in; "" without.
  std::string entry_probe, entry_struct;
};

// Pass 3 for one family: writes the descriptor tables for all the
// module's probes of the family into `out` (in script order) and returns
// their entries of the generated stp_provider_uses[] table. Pass 2 has
// accepted every probe, so anything reported here is a translator bug
// (DiagId::internal_error, at the probe point).
using EmitProviders = std::vector<std::string> (*)(
    const std::vector<FamilyProbe> &probes, CWriter &out, Diagnostics &diags);

struct ProbeFamilyDef {
  const char *name;  // "timer", for messages and tests
  // Pass 2: adds the family's probe types to the registry.
  void (*register_types)(ProbeRegistry &reg);
  // Pass 3; nullptr while pass 3 does not implement the family. Its
  // probes are then refused at their point, "not supported by pass 3 yet"
  // (a property of the family, asked here and nowhere else).
  EmitProviders emit_providers = nullptr;
  // When pass 3 builds only some of the family's types: true for those.
  // nullptr means every type. Asked through pass3_implements(type).
  bool (*builds_type)(const ProbeType &type) = nullptr;
  // Pass 2: the family's own rules on a concrete point's arguments (a
  // procfs path, a timer's randomize range). Returns the complaint and the
  // index of the component it is about, or an empty message.
  struct PointError {
    std::string message;
    int component = 0;
  };
  PointError (*check_point)(const ProbePoint &pp) = nullptr;
  // Pass 2: the family's rules across all its probes (two procfs probes
  // reading one file), given every concrete point of the family.
  void (*check_family)(const std::vector<const ProbePoint *> &points,
                       Diagnostics &diags) = nullptr;
  // Pass 3: a clock (timers) is armed after every other family, so a
  // timer that calls exit() cannot end the run before the events the
  // script waits for are armed.
  bool armed_last = false;
};

// The one switch over every family.
const ProbeFamilyDef &probe_family(ProbeFamily f);

// True when pass 3 builds probes of this family.
inline bool pass3_implements(ProbeFamily f) {
  return probe_family(f).emit_providers != nullptr;
}

// True when pass 3 builds probes of this type (its family, and the part
// of the family pass 3 covers so far).
bool pass3_implements(const ProbeType &type);

// Each family file defines one of these.
extern const ProbeFamilyDef begin_end_family, timer_family,
    timer_profile_family, procfs_family, perf_family, netfilter_family,
    kernel_data_family, kernel_dwarf_family, kernel_trace_family, kprobe_family,
    process_family;

// kernel.function / module().function / kprobe.function entries and
// returns: one stp_kprobe_probe table (runtime/kprobes.c) for both
// families (kprobe.cc).
std::vector<std::string> emit_kprobe_providers(
    const std::vector<FamilyProbe> &probes, CWriter &out, Diagnostics &diags);
// The kernel.function and kprobe.function forms pass 3 builds so far
// (entries and returns of named functions).
bool kprobe_builds_type(const ProbeType &type);

// The part of a kernel.* or module(...).* point only the kernel's DWARF
// can place (a source line or file, an inlined copy, a callee, a label),
// named for a message ("a source line", "'.inline'") with the index of
// its component; an empty message when the point needs no DWARF.
ProbeFamilyDef::PointError kernel_dwarf_only_form(const ProbePoint &pp);

// A number argument of a component, or `fallback` when it has none.
int64_t probe_number_arg(const ProbePointComponent &c, int64_t fallback);

// The C string literal of the executable a probe point names with `arg`
// (a string: resolved like process("PATH") is, through $PATH), "NULL" when
// `arg` is absent or not a string, or nullopt after reporting why the file
// cannot be used ("cannot VERB 'POINT': reason").
std::optional<std::string> probe_file_c_path(const Expr *arg,
                                             const FamilyProbe &p,
                                             const std::string &verb,
                                             Diagnostics &diags);

}  // namespace stap
