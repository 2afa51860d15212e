// The probe-point registry: every built-in probe point a script may name
// (begin, timer.ms(N), kernel.function("f").return, process("p").begin ...),
// with the type of each parameter, the privilege action it needs and what a
// probe body may use there ($vars, $return, @entry).
//
// Each probe family registers its types from its own file in probes/ (see
// family.h); the registry is built once and never changes. Aliases (syscall.read, perf.hw.*) are not
// here: they live in the tapset library and the elaborator expands them
// before asking the registry.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"
#include "parser/diagnostics.h"
#include "probes/family.h"

namespace stap {

enum class ProbeArg : uint8_t { none, number, string, number_or_string };
const char *probe_arg_name(ProbeArg a);  // "", "number", "string", "string|number"

struct ProbeComponentSpec {
  std::string name;
  ProbeArg arg = ProbeArg::none;
  bool arg_optional = false;  // begin / begin(N)
};

// What a string parameter names, so wildcards can be expanded and -l/-L can
// list concrete points. The component that carries it is
// ProbeType::symbol_component; the binary or module it lives in is named by
// ProbeType::binary_component (process("x"), module("m"), library("l")).
enum class SymbolKind : uint8_t {
  none,
  kernel_function,         // kernel.function("vfs_*"), kprobe.function
  kernel_statement,        // kernel.statement("f@file:line")
  kernel_module_function,  // module("ext4").function("*")
  kernel_tracepoint,       // kernel.trace("sched_*")
  kernel_data,             // kernel.data("jiffies")
  process_function,        // process("p").function("*"), also library(...)
  process_statement,       // process("p").statement("f@file:line")
  process_mark,            // process("p").mark("m"), .provider("x").mark("m")
  process_plt,             // process("p").plt("*")
  // module("ext4").statement("f@file:line")
  kernel_module_statement,
};
const char *symbol_kind_name(SymbolKind k);

struct ProbeType {
  // Default member initializers let families use designated initializers
  // without -Wmissing-field-initializers noise.
  std::string pattern = {};  // "kernel.function(string).return"
  std::vector<ProbeComponentSpec> components = {};  // parsed from pattern
  std::string action = {};  // privilege action, e.g. "probe.kernel"
  std::string description = {};
  // Set by builtin() to the family that registered the type; pass 3 and
  // the family's own rules are reached through it (family.h).
  ProbeFamily family = ProbeFamily::begin_end;
  SymbolKind symbols = SymbolKind::none;  // which string arg names symbols
  int symbol_component = -1;  // index into components, -1 if none
  int binary_component = -1;  // process(string)/module(string)/library(string)
  bool allows_return_values = false;  // $return / @entry legal
  bool has_target_vars = false;       // $var legal
  bool is_process = false;  // fires in user context of a target process
  // Every number argument must be > 0 (timer intervals, maxsize); checked
  // by expand_wildcards, which reports probe_bad_param.
  bool positive_numbers = false;
  // Only in guru mode (-g), whatever the privilege: raw addresses nothing
  // checks against instruction boundaries (SystemTap's rule).
  bool needs_guru = false;
};

class ProbeRegistry {
public:
  // The built-in families, built on first use.
  static const ProbeRegistry &builtin();

  // Builds a registry from patterns written in the pattern syntax
  // ("a.b(string).c(number?)"); used by builtin() and by tests.
  void add(ProbeType t);
  // Parses `pattern` into components; returns false on a malformed pattern.
  static bool parse_pattern(std::string_view pattern,
                            std::vector<ProbeComponentSpec> &out);

  const std::vector<ProbeType> &types() const { return types_; }

  // Finds the type a concrete (non-alias) point matches. On failure reports
  // probe_unknown (with "did you mean ...") or probe_bad_param and returns
  // nullptr. A point whose component names hold wildcards (`timer.*`)
  // returns the first of match_all(). `extra_names` (alias names such as
  // "syscall.read") only feed the suggestion.
  const ProbeType *match(const ProbePoint &pp, Diagnostics &diags,
                         const std::vector<std::string> *extra_names =
                             nullptr) const;

  // Every type the point matches, component-name wildcards (`*`, `**`)
  // included; in registry order. Reports like match() when none does.
  std::vector<const ProbeType *> match_all(
      const ProbePoint &pp, Diagnostics &diags,
      const std::vector<std::string> *extra_names = nullptr) const;

  // Same, silently (for -l listing and alias checks).
  std::vector<const ProbeType *> match_quiet(const ProbePoint &pp) const;

  // True when the first component names a built-in family (begin, kernel,
  // process...).
  bool is_builtin_family(std::string_view first_component) const;

private:
  void report_failure(const ProbePoint &pp, Diagnostics &diags,
                      const std::vector<std::string> *extra_names) const;
  std::vector<ProbeType> types_;
};

// True when a component name holds a wildcard character (`*`, `?`, `[`).
bool has_name_wildcard(std::string_view name);

// `--dump-probe-types`: one pattern per line, sorted, then the action in a
// column. `extra_column` (may be empty) appends one more column per type,
// e.g. the lowest privilege level that grants the action.
std::string dump_probe_types(
    const ProbeRegistry &reg,
    const std::function<std::string(const ProbeType &)> &extra_column = {});

}  // namespace stap
