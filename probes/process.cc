// User-space probe families: process(...) and its library/mark/plt forms,
// built on uprobes and utrace-like task hooks. A stapusr user may ask for
// them; the runtime restricts them to the caller's own processes, hence the
// action "probe.process.own".
#include <cstdio>
#include <optional>

#include "probes/family.h"
#include "probes/probe_registry.h"
#include "probes/process_uprobe_row.h"
#include "symbols/elf_symbols.h"
#include "symbols/user_call_sites.h"
#include "symbols/user_dwarf.h"
#include "symbols/user_probe_site.h"

namespace stap {

namespace {

constexpr const char *kOwn = "probe.process.own";

void add_lifecycle(ProbeRegistry &reg, const std::string &p,
                   const std::string &who) {
  struct Form {
    const char *suffix;
    const char *what;
    bool vars, returns;
  };
  const Form forms[] = {
      {".begin", "when a process starts", false, false},
      {".end", "when a process exits", false, false},
      {".thread.begin", "when a thread starts", false, false},
      {".thread.end", "when a thread exits", false, false},
      {".syscall", "at each system call entry ($syscall, $arg1..$arg6)", true,
       false},
      {".syscall.return", "at each system call return ($return)", true, true},
      {".insn", "at each instruction (single-stepping)", false, false},
      {".insn.block", "at each block of instructions (branch-stepping)", false,
       false},
  };
  for (const Form &f : forms)
    reg.add({.pattern = p + f.suffix, .action = kOwn,
             .description = who + f.what, .allows_return_values = f.returns,
             .has_target_vars = f.vars, .is_process = true});
}

void add_code_forms(ProbeRegistry &reg, const std::string &p,
                    const std::string &who) {
  struct Form {
    const char *suffix;
    const char *what;
    SymbolKind sym;
    bool vars, returns;
  };
  const SymbolKind fn = SymbolKind::process_function;
  const SymbolKind st = SymbolKind::process_statement;
  const Form forms[] = {
      {".function(string)", "at the entry of matching functions", fn, true,
       false},
      {".function(string).call",
       "at the entry of matching functions, "
       "inlined copies excluded",
       fn, true, false},
      {".function(string).inline", "at inlined copies of matching functions",
       fn, true, false},
      {".function(string).return", "when matching functions return", fn, true,
       true},
      {".function(string).label(string)",
       "at a C label in matching "
       "functions",
       fn, true, false},
      {".function(string).callee(string)", "at calls to the callee", fn, true,
       false},
      {".function(string).callee(string).call", "at calls to the callee", fn,
       true, false},
      {".function(string).callee(string).return",
       "when the callee returns to the caller", fn, true, true},
      {".function(string).callees", "at the direct callees", fn, true, false},
      {".function(string).callees(number)", "at callees up to N deep", fn, true,
       false},
      {".statement(string)", "at a source line (\"func@file:line\")", st, true,
       false},
      {".statement(string).nearest", "at the line nearest the one given", st,
       true, false},
      {".statement(number)", "at an address in the executable",
       SymbolKind::none, true, false},
      {".function(number)", "at the function starting at an address",
       SymbolKind::none, false, false},
      {".function(number).return",
       "when the function at an address returns "
       "($return)",
       SymbolKind::none, true, true},
      {".mark(string)", "at a static user-space marker (SDT)",
       SymbolKind::process_mark, true, false},
      {".provider(string).mark(string)", "at a marker of the given provider",
       SymbolKind::process_mark, true, false},
      {".plt(string?)",
       "at calls through PLT entries, every one when no pattern is given "
       "($$name)",
       SymbolKind::process_plt, true, false},
      {".plt(string?).return", "when PLT calls return ($$name)",
       SymbolKind::process_plt, true, true},
      {".library(string).function(string)",
       "at functions of a shared "
       "library",
       fn, true, false},
      {".library(string).function(string).call",
       "at functions of a shared "
       "library",
       fn, true, false},
      {".library(string).function(string).inline",
       "at inlined copies in a "
       "shared library",
       fn, true, false},
      {".library(string).function(string).return",
       "when functions of a "
       "shared library return",
       fn, true, true},
      {".library(string).statement(string)",
       "at a source line of a shared "
       "library",
       st, true, false},
      {".library(string).mark(string)", "at a marker of a shared library",
       SymbolKind::process_mark, true, false},
      {".library(string).provider(string).mark(string)",
       "at a marker of a given provider in a shared library",
       SymbolKind::process_mark, true, false},
      {".library(string).plt(string?)",
       "at PLT calls of a shared library "
       "($$name)",
       SymbolKind::process_plt, true, false},
  };
  for (const Form &f : forms)
    reg.add({.pattern = p + f.suffix, .action = kOwn,
             .description = who + f.what, .symbols = f.sym,
             .allows_return_values = f.returns, .has_target_vars = f.vars,
             .is_process = true});
  // Nothing checks a raw address against the file's instruction
  // boundaries, and the uprobe is written into every process mapping the
  // file, other users' too: guru mode only, like the kernel's.
  reg.add({.pattern = p + ".statement(number).absolute",
           .action = "probe.process.absolute",
           .description = who + "at a raw address (no debuginfo, guru mode)",
           .is_process = true,
           .needs_guru = true});
}

void register_types(ProbeRegistry &reg) {
  add_lifecycle(reg, "process", "any process: ");
  add_lifecycle(reg, "process(string)", "the named executable: ");
  add_lifecycle(reg, "process(number)", "the process with this PID: ");
  // Bare `process.function(...)` means the -c/-x target's executable.
  add_code_forms(reg, "process", "the target executable: ");
  add_code_forms(reg, "process(string)", "the named executable: ");
}

// The task finder's events (runtime/task_finder.h), by the components
// after process(...): one table for both passes.
struct TaskEvent {
  const char *first, *second;  // "thread", "begin"; second null if none
  const char *c_name;          // the runtime's enumerator
};
constexpr TaskEvent kTaskEvents[] = {
    {"begin", nullptr, "STP_PROCESS_BEGIN"},
    {"end", nullptr, "STP_PROCESS_END"},
    {"thread", "begin", "STP_THREAD_BEGIN"},
    {"thread", "end", "STP_THREAD_END"},
};

// The task-finder event a process(...) type or point names, if any.
template <typename Components>
const TaskEvent *task_event(const Components &c) {
  for (const TaskEvent &e : kTaskEvents) {
    size_t n = e.second ? 3 : 2;
    if (c.size() == n && c[1].name == e.first &&
        (!e.second || c[2].name == e.second))
      return &e;
  }
  return nullptr;
}

// process[...].syscall: false; .syscall.return: true; else nullopt
// (runtime/process_syscall.h).
template <typename Components>
std::optional<bool> syscall_return(const Components &c) {
  if (c.size() == 2 && c[1].name == "syscall") return false;
  if (c.size() == 3 && c[1].name == "syscall" && c[2].name == "return")
    return true;
  return std::nullopt;
}

// The forms pass 3 builds so far: uprobes at a named function's entry or
// return, at an address, a source line or a C label, or at an SDT mark, of a
// file named by process("PATH") or by -c/-x; and the task finder's begin/end
// events for a
// path, a PID or every process.
bool builds_type(const ProbeType &type) {
  const auto &c = type.components;
  if (c.empty() || c[0].name != "process") return false;
  if (task_event(c) || syscall_return(c)) return true;
  // Bare process.function(...): pass 2 names the -c/-x target's file
  // (elaborate/process_target.h) before matching.
  if (c[0].arg == ProbeArg::number) return false;
  for (size_t i = 1; i < c.size(); ++i) {
    bool known = c[i].name == "function" || c[i].name == "statement" ||
                 c[i].name == "label" || c[i].name == "nearest" ||
                 c[i].name == "call" || c[i].name == "return" ||
                 c[i].name == "inline" || c[i].name == "absolute" ||
                 c[i].name == "callee" || c[i].name == "callees" ||
                 c[i].name == "mark" || c[i].name == "provider" ||
                 (c[i].name == "plt" && c[i].arg == ProbeArg::string) ||
                 (c[i].name == "library" && c[i].arg == ProbeArg::string);
    if (!known) return false;
  }
  return c.size() > 1;
}

// The file offset of the PLT stub of import `name`.
std::optional<uint64_t> plt_file_offset(const std::string &path,
                                        const std::string &name,
                                        std::string *error) {
  auto entries = read_plt_entries(path, error);
  if (!entries) return std::nullopt;
  for (const PltEntry &e : *entries)
    if (e.name == name) return address_file_offset(path, e.address, error);
  *error = "no PLT entry for '" + name + "' in '" + path + "'";
  return std::nullopt;
}

// The file offset of the line a concrete "func@file:N" names.
std::optional<uint64_t> statement_file_offset(const std::string &path,
                                              const std::string &spec,
                                              std::string *error) {
  auto dwarf = UserDwarf::open(path, error);
  if (!dwarf) return std::nullopt;
  const DwarfLine *line = dwarf->statement(spec);
  if (!line) {
    *error = "no line '" + spec + "' in the DWARF of '" + path + "'";
    return std::nullopt;
  }
  return address_file_offset(path, line->addr, error);
}

// The file offset of C label `label` of function `spec` ("f" or
// "f@file...").
std::optional<uint64_t> label_file_offset(const std::string &path,
                                          const std::string &spec,
                                          const std::string &label,
                                          std::string *error) {
  auto dwarf = UserDwarf::open(path, error);
  if (!dwarf) return std::nullopt;
  std::string fn = spec.substr(0, spec.find('@'));
  for (const DwarfLabel &l : dwarf->labels(fn))
    if (l.name == label) return address_file_offset(path, l.addr, error);
  *error = "no label '" + label + "' in function '" + fn + "'";
  return std::nullopt;
}

// .function("F").inline: a row at each inlined copy of F.
std::vector<std::string> inline_rows(const FamilyProbe &p,
                                     const UserProbeFile &file,
                                     const std::string &spec,
                                     const std::string &process_path,
                                     Diagnostics &diags) {
  std::string error;
  std::vector<std::string> rows;
  std::string fn = spec.substr(0, spec.find('@'));
  // Pass 2 names each copy by its address: .inline(ADDR).
  std::vector<uint64_t> sites;
  if (const Expr *at = p.point->arg_of("inline");
      at && at->kind == ExprKind::number)
    sites.push_back(
        static_cast<uint64_t>(static_cast<const NumberLit *>(at)->value));
  else if (auto dwarf = UserDwarf::open(file.path, &error))
    sites = dwarf->inline_sites(fn);
  for (uint64_t addr : sites) {
    std::optional<uint64_t> offset =
        address_file_offset(file.path, addr, &error);
    if (!offset) break;
    rows.push_back(uprobe_row_text({.probe = &p,
                                    .file = &file,
                                    .process_path = process_path,
                                    .offset = *offset}));
  }
  if (rows.empty() || !error.empty()) {
    diags.error(
        DiagId::probe_bad_binary, p.point->loc,
        "cannot place a uprobe for '" + p.point->to_string() + "': " +
            (error.empty() ? "no inlined copy of '" + fn + "'" : error));
    return {};
  }
  return rows;
}

// .function("F").callee("G")[.return]: a row at G's entry (or return) that
// fires only when G was called from F: the return addresses of F's calls to G,
// as distances from G's entry (the same in every mapping of the file), written
// to `out` as the row's caller table.
std::vector<std::string> callee_rows(const FamilyProbe &p,
                                     const UserProbeFile &file,
                                     const std::string &caller,
                                     const std::string &callee, bool is_return,
                                     CWriter &out, Diagnostics &diags) {
  std::string error;
  std::optional<uint64_t> entry =
      function_file_offset(file.path, callee, &error);
  std::vector<std::string> deltas;
  if (auto calls =
          entry ? direct_calls(file.path, caller, &error) : std::nullopt)
    for (const DirectCall &c : *calls) {
      std::optional<uint64_t> ret =
          c.callee == callee
              ? address_file_offset(file.path, c.return_address, &error)
              : std::nullopt;
      if (ret)
        deltas.push_back(std::to_string(static_cast<int64_t>(*ret - *entry)) +
                         "L,");
    }
  if (deltas.empty()) {
    diags.error(DiagId::probe_bad_binary, p.point->loc,
                "cannot place a uprobe for '" + p.point->to_string() + "': " +
                    (error.empty() ? "'" + caller +
                                         "' makes no direct call "
                                         "to '" +
                                         callee + "'"
                                   : error));
    return {};
  }
  std::string table = p.probe + "_callers";
  {
    auto t = out.block("static const long " + table + "[] =", ";");
    for (const std::string &d : deltas) out.line(d);
  }
  return {uprobe_row_text({.probe = &p,
                           .file = &file,
                           .offset = *entry,
                           .is_return = is_return,
                           .callers = table,
                           .ncallers = deltas.size()})};
}

// The descriptor rows of one probe (several for a mark with several
// sites, or an inlined function with several copies), or none with an
// error reported.
std::vector<std::string> uprobe_rows(const FamilyProbe &p, CWriter &out,
                                     Diagnostics &diags) {
  const ProbePoint &pp = *p.point;
  const Expr *bin = pp.arg_of("process");
  const Expr *fn = pp.arg_of("function");
  const Expr *addr = pp.arg_of("statement");
  bool is_return = false;
  for (const ProbePointComponent &c : pp.components)
    if (c.name == "return") is_return = true;
  // process("EXE").library("LIB"): probes in LIB, fired only in EXE.
  std::string process_path;
  if (const Expr *lib = pp.arg_of("library");
      lib && bin && bin->kind == ExprKind::string) {
    process_path = static_cast<const StringLit *>(bin)->value;
    bin = lib;
  }
  std::string error;
  std::optional<UserProbeFile> file;
  if (bin && bin->kind == ExprKind::string)
    file = user_probe_file(static_cast<const StringLit *>(bin)->value, &error);
  if (file && pp.arg_of("mark"))
    return mark_rows(p, *file, process_path, out, diags);
  bool is_inline = false;
  for (const ProbePointComponent &c : pp.components)
    if (c.name == "inline") is_inline = true;
  if (const Expr *callee = pp.arg_of("callee");
      file && fn && fn->kind == ExprKind::string && callee &&
      callee->kind == ExprKind::string)
    return callee_rows(p, *file, static_cast<const StringLit *>(fn)->value,
                       static_cast<const StringLit *>(callee)->value, is_return,
                       out, diags);
  if (file && fn && fn->kind == ExprKind::string && is_inline)
    return inline_rows(p, *file, static_cast<const StringLit *>(fn)->value,
                       process_path, diags);
  std::optional<uint64_t> offset;
  if (const Expr *plt = pp.arg_of("plt");
      file && plt && plt->kind == ExprKind::string)
    offset = plt_file_offset(
        file->path, static_cast<const StringLit *>(plt)->value, &error);
  else if (const Expr *label = pp.arg_of("label");
           file && fn && fn->kind == ExprKind::string && label &&
           label->kind == ExprKind::string)
    offset =
        label_file_offset(file->path, static_cast<const StringLit *>(fn)->value,
                          static_cast<const StringLit *>(label)->value, &error);
  else if (file && fn && fn->kind == ExprKind::string)
    offset = function_file_offset(
        file->path, static_cast<const StringLit *>(fn)->value, &error);
  else if (file && addr && addr->kind == ExprKind::string)
    offset = statement_file_offset(
        file->path, static_cast<const StringLit *>(addr)->value, &error);
  else if (file && fn && fn->kind == ExprKind::number)
    addr = fn;  // .function(ADDR): the address is the function's entry
  if (file && !offset && addr && addr->kind == ExprKind::number)
    offset = address_file_offset(
        file->path,
        static_cast<uint64_t>(static_cast<const NumberLit *>(addr)->value),
        &error);
  if (!offset) {
    diags.error(DiagId::probe_bad_binary, pp.loc,
                "cannot place a uprobe for '" + pp.to_string() +
                    "': " + (error.empty() ? "unsupported form" : error));
    return {};
  }
  return {uprobe_row_text({.probe = &p,
                           .file = &*file,
                           .process_path = process_path,
                           .offset = *offset,
                           .is_return = is_return})};
}

// The ".path = ..., .pid = ..." fields of a task-finder or system call
// probe (a path, a PID or neither), or "" with an error reported.
std::string task_fields(const FamilyProbe &p, Diagnostics &diags) {
  const Expr *who = p.point->components.front().arg;
  std::optional<std::string> path = probe_file_c_path(who, p, "follow", diags);
  if (!path) return "";
  int64_t pid = who && who->kind == ExprKind::number
                    ? static_cast<const NumberLit *>(who)->value
                    : 0;
  return ".path = " + *path + ", .pid = " + std::to_string(pid);
}

// One static descriptor table and its stp_provider_uses[] entry.
std::string emit_table(CWriter &out, const std::string &type,
                       const std::string &name, const std::string &provider,
                       const std::vector<std::string> &rows) {
  {
    auto t = out.block("static struct " + type + " " + name + "[] =", ";");
    for (const auto &row : rows) out.line(row);
  }
  return "{ &" + provider + ", " + name + ", ARRAY_SIZE(" + name + ") },";
}

std::vector<std::string> emit_providers(const std::vector<FamilyProbe> &probes,
                                        CWriter &out, Diagnostics &diags) {
  std::vector<std::string> uprobes, tasks, syscalls;
  for (const FamilyProbe &p : probes) {
    const TaskEvent *ev = task_event(p.point->components);
    std::optional<bool> sc = syscall_return(p.point->components);
    if (ev || sc) {
      std::string fields = task_fields(p, diags);
      if (fields.empty()) continue;
      std::string head = "{ .probe = &" + p.probe + ", " + fields;
      if (ev)
        tasks.push_back(head + ", .event = " + ev->c_name + " },");
      else
        syscalls.push_back(head + ", .is_return = " + (*sc ? "true" : "false") +
                           " },");
      continue;
    }
    for (std::string &row : uprobe_rows(p, out, diags))
      uprobes.push_back(std::move(row));
  }
  std::vector<std::string> uses;
  if (!uprobes.empty())
    uses.push_back(emit_table(out, "stp_uprobe_probe", "stp_uprobe_probes",
                              "stp_provider_uprobe", uprobes));
  if (!tasks.empty())
    uses.push_back(emit_table(out, "stp_task_probe", "stp_task_probes",
                              "stp_provider_task_finder", tasks));
  if (!syscalls.empty())
    uses.push_back(emit_table(out, "stp_syscall_probe", "stp_syscall_probes",
                              "stp_provider_process_syscall", syscalls));
  return uses;
}

}  // namespace

// process(PID): a process ID is positive (0 and below name no process).
ProbeFamilyDef::PointError check_point(const ProbePoint &pp) {
  const Expr *who = pp.components.front().arg;
  if (who && who->kind == ExprKind::number &&
      static_cast<const NumberLit *>(who)->value <= 0)
    return {"'process' needs a positive process ID, not " +
                std::to_string(static_cast<const NumberLit *>(who)->value),
            0};
  return {};
}

std::string uprobe_row_text(const UprobeRow &r) {
  auto hex = [](uint64_t v) {
    char buf[32];
    snprintf(buf, sizeof(buf), "0x%llxUL", static_cast<unsigned long long>(v));
    return std::string(buf);
  };
  std::string row = "{ .probe = &" + r.probe->probe +
                    ", .path = " + c_string_literal(r.file->path) +
                    ", .build_id = " + c_string_literal(r.file->build_id) +
                    ", .offset = " + hex(r.offset) +
                    ", .is_return = " + (r.is_return ? "true" : "false") +
                    ", .optional = " + (r.probe->optional ? "true" : "false");
  if (!r.process_path.empty())
    row += ", .process_path = " + c_string_literal(r.process_path);
  if (r.probe->point->pid)
    row += ", .pid = " + std::to_string(r.probe->point->pid);
  if (r.ref_ctr_offset) row += ", .ref_ctr_offset = " + hex(r.ref_ctr_offset);
  if (!r.callers.empty())
    row += ", .callers = " + r.callers +
           ", .ncallers = " + std::to_string(r.ncallers);
  if (!r.sdt_args.empty())
    row += ", .sdt_args = " + r.sdt_args +
           ", .sdt_nargs = " + std::to_string(r.sdt_nargs);
  if (r.is_return && !r.probe->entry_probe.empty())
    row += ", .entry = &" + r.probe->entry_probe +
           ", .entry_size = sizeof(struct " + r.probe->entry_struct + ")";
  return row + " },";
}

const ProbeFamilyDef process_family = {.name = "process",
                                       .register_types = register_types,
                                       .emit_providers = emit_providers,
                                       .builds_type = builds_type,
                                       .check_point = check_point};

}  // namespace stap
