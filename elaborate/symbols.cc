#include "elaborate/symbols.h"

#include <bpf/btf.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "elaborate/statement_lines.h"
#include "elaborate/suggest.h"
#include "parser/file_text.h"
#include "symbols/btf_name_index.h"
#include "symbols/btf_types.h"
#include "symbols/cache_file.h"
#include "symbols/glob.h"

namespace stap {

namespace {

std::vector<std::string> glob_names(const std::vector<std::string> &names,
                                    std::string_view pattern) {
  std::vector<std::string> out;
  if (!has_glob_chars(pattern)) {
    if (std::binary_search(names.begin(), names.end(), pattern))
      out.emplace_back(pattern);
    return out;
  }
  for (const std::string &n : names)
    if (glob_match(pattern, n)) out.push_back(n);
  return out;
}

std::string with_qualifier(const std::string &name, const std::string &file,
                           const std::string &line) {
  if (file.empty()) return name;
  return name + "@" + file + (line.empty() ? "" : ":" + line);
}

bool is_kernel_kind(SymbolKind k) {
  return k == SymbolKind::kernel_function ||
         k == SymbolKind::kernel_statement ||
         k == SymbolKind::kernel_tracepoint || k == SymbolKind::kernel_data ||
         k == SymbolKind::kernel_module_function ||
         k == SymbolKind::kernel_module_statement;
}

// "GROUP:NAME" against "sched:sched_*"; a pattern without ':' names the
// event only, in any group. A point whose group is unknown (no headers, no
// tracefs) is listed as "NAME": a pattern's group then cannot be checked,
// so only a literal group with a literal name ("kmem:foo") is taken at its
// word, "*" matches it, and any other group pattern ("kmem:*") does not: it
// would put every ungrouped event in "kmem".
std::vector<std::string> glob_tracepoints(const std::vector<std::string> &all,
                                          std::string_view pattern) {
  size_t colon = pattern.find(':');
  bool grouped = colon != std::string_view::npos;
  std::string gpat(grouped ? pattern.substr(0, colon) : "*");
  std::string_view npat = pattern.substr(grouped ? colon + 1 : 0);
  std::vector<std::string> out;
  for (const std::string &qualified : all) {
    size_t c = qualified.find(':');
    std::string_view name =
        std::string_view(qualified).substr(c == std::string::npos ? 0 : c + 1);
    if (!glob_match(npat, name)) continue;
    if (c != std::string::npos) {
      if (glob_match(gpat, std::string_view(qualified).substr(0, c)))
        out.push_back(qualified);
    } else if (gpat == "*") {
      out.push_back(qualified);
    } else if (!has_glob_chars(gpat) && !has_glob_chars(npat)) {
      out.push_back(gpat + ":" + qualified);
    }
  }
  return out;
}

// "did you mean": the closest event name, answered as "GROUP:NAME".
std::string closest_tracepoint(const std::vector<std::string> &all,
                               std::string_view pattern) {
  std::vector<std::string> names;
  for (const std::string &q : all) names.push_back(q.substr(q.find(':') + 1));
  std::string near = closest_name(pattern.substr(pattern.find(':') + 1), names);
  if (near.empty()) return "";
  return all[size_t(std::find(names.begin(), names.end(), near) -
                    names.begin())];
}

}  // namespace

FunctionSpec split_function_spec(std::string_view spec) {
  FunctionSpec out;
  size_t at = spec.find('@');
  out.name = std::string(spec.substr(0, at));
  if (at == std::string_view::npos) return out;
  std::string_view rest = spec.substr(at + 1);
  size_t colon = rest.rfind(':');
  // "func@file+N": a line relative to the function's declaration.
  size_t plus = rest.rfind('+');
  if (colon == std::string_view::npos && plus != std::string_view::npos &&
      plus + 1 < rest.size() &&
      rest.find_first_not_of("0123456789", plus + 1) == std::string_view::npos)
    colon = plus;
  out.file = std::string(rest.substr(0, colon));
  if (colon != std::string_view::npos)
    out.line = std::string(rest.substr(colon + (rest[colon] == ':')));
  return out;
}

KernelBtfPaths kernel_btf_paths(const KernelSymbolPaths &paths) {
  KernelBtfPaths bp;
  bp.release = paths.release;
  // sys_btf holds vmlinux and one file per module.
  bp.is_running = paths.targets_running() && !paths.btf_vmlinux.empty();
  if (bp.is_running)
    bp.sys_btf = std::filesystem::path(paths.btf_vmlinux).parent_path();
  bp.boot_dir = paths.boot_dir;
  bp.modules_root = paths.modules_root;
  bp.cache_dir = paths.btf_cache_dir;
  return bp;
}

SymbolSource::SymbolSource(KernelSymbolPaths paths) : paths_(std::move(paths)) {}

std::string SymbolSource::resolve_binary(const std::string &name,
                                         bool library) const {
  return resolve_binary_path(name, library ? paths_.library_path
                                           : paths_.program_path);
}

std::string SymbolSource::resolve_library(const std::string &name,
                                          const std::string &exe) const {
  return resolve_library_path(name, exe, paths_.library_path);
}

SymbolSource::DebugObject &
SymbolSource::debug_object(const std::string &module) {
  auto [it, added] = debug_objects_.try_emplace(module);
  DebugObject &obj = it->second;
  if (!added) return obj;
  std::error_code ec;
  auto installed = [&](const std::string &path) {
    return !path.empty() && std::filesystem::is_regular_file(path, ec);
  };
  auto package = [&] {
    return paths_.debug_package.empty() ? std::string()
                                        : ": install " + paths_.debug_package;
  };
  if (module.empty()) {
    obj.label = "vmlinux";
    obj.path = paths_.debug_vmlinux;
    if (installed(obj.path)) return obj;
    obj.missing = "the kernel's debuginfo";
    if (obj.path.empty())
      obj.missing += ", and the target kernel is unknown";
    else
      obj.missing += package() + " (not found: " + obj.path + ")";
    return obj;
  }
  obj.label = "module '" + module + "'";
  std::string file = module_file(paths_, paths_.release, module);
  if (file.empty()) {
    obj.missing = "the debuginfo of module '" + module + "', and kernel " +
                  paths_.release + " has no such module (no " + module +
                  ".ko under " + paths_.modules_root + "/" + paths_.release +
                  "/kernel)";
    return obj;
  }
  // The debuginfo is never compressed: "9p.ko.xz" has "9p.ko".
  file = file.substr(0, file.find(".ko") + 3);
  obj.path = paths_.debug_modules_dir + "/kernel/" + file;
  // A build tree (-r DIR) keeps its modules at their source paths.
  if (!installed(obj.path) && installed(paths_.debug_modules_dir + "/" + file))
    obj.path = paths_.debug_modules_dir + "/" + file;
  if (!installed(obj.path))
    obj.missing = "the debuginfo of module '" + module + "'" + package() +
                  " (not found: " + obj.path + ")";
  return obj;
}

const std::string &
SymbolSource::missing_kernel_debuginfo(const std::string &module) {
  return debug_object(module).missing;
}

const KernelInlineIndex *
SymbolSource::kernel_function_dies(std::string *why,
                                   const std::string &module) {
  DebugObject &obj = debug_object(module);
  if (obj.functions) return &*obj.functions;
  const UserDwarf *dwarf = kernel_dwarf(why, module);
  if (!dwarf) return nullptr;
  return &obj.functions.emplace(kernel_inline_index(
      *dwarf, kernel_inline_cache_file(paths_.btf_cache_dir, paths_.release,
                                       obj.path, module)));
}

const KernelInlinePlaces *SymbolSource::kernel_inline_places(std::string *why) {
  if (kernel_inline_places_) return &*kernel_inline_places_;
  if (const std::string &missing = missing_kernel_debuginfo();
      !missing.empty()) {
    if (why) *why = "no " + missing;
    return nullptr;
  }
  std::string file = kernel_inline_cache_file(
      paths_.btf_cache_dir, paths_.release, paths_.debug_vmlinux);
  if (!file.empty()) file += ".places";
  if (!file.empty() && own_regular_file(file))
    if (auto text = read_regular_file(file))
      if (auto places = KernelInlinePlaces::parse(std::move(*text)))
        return &kernel_inline_places_.emplace(std::move(*places));
  const KernelInlineIndex *index = kernel_function_dies(why);
  const UserDwarf *dwarf = kernel_dwarf(why);
  if (!index || !dwarf) return nullptr;
  std::vector<KernelInlinePlace> places;
  for (const auto &[name, dies] : *index)
    for (const KernelFunctionDies::Copy &copy : dies.inlined) {
      KernelPlace place = kernel_place(copy.pc);
      if (!place.why.empty()) continue;  // boot-time code
      auto [decl_file, line] = dwarf->declared_at(copy.die);
      places.push_back({name, decl_file + ":" + std::to_string(line),
                        place.symbol, place.offset, copy.die});
    }
  auto &out = kernel_inline_places_.emplace(std::move(places));
  if (!file.empty()) write_cache(file, out.text());
  return &out;
}

const UserDwarf *SymbolSource::kernel_dwarf(std::string *why,
                                            const std::string &module) {
  DebugObject &obj = debug_object(module);
  if (!obj.dwarf_opened) {
    obj.dwarf_opened = true;
    if (obj.missing.empty())
      obj.dwarf = UserDwarf::open(obj.path, &obj.dwarf_why);
    else
      obj.dwarf_why = "no " + obj.missing;
  }
  if (!obj.dwarf && why) *why = obj.dwarf_why;
  return obj.dwarf.get();
}

const KernelTextSymbols *SymbolSource::kernel_text(DebugObject &obj,
                                                   std::string *why) {
  if (!obj.text && obj.text_why.empty())
    obj.text = KernelTextSymbols::read(obj.path, &obj.text_why);
  *why = obj.text_why;
  return obj.text ? &*obj.text : nullptr;
}

std::optional<uint64_t>
SymbolSource::kernel_address(const std::string &symbol, uint64_t offset,
                             std::string *why, const std::string &module) {
  DebugObject &obj = debug_object(module);
  const KernelTextSymbols *text = kernel_text(obj, why);
  auto addr = text ? text->address(symbol) : std::nullopt;
  if (text && !addr)
    *why = obj.label + " has no function symbol '" + symbol + "'";
  if (addr) *addr += offset;
  return addr;
}

KernelPlace SymbolSource::kernel_symbol_place(DebugObject &obj,
                                              const std::string &name,
                                              uint64_t offset) {
  KernelPlace out;
  const KernelTextSymbols *text = kernel_text(obj, &out.why);
  if (!text) return out;
  if (int n = text->count(name); n == 0)
    out.why = obj.label + " has no function symbol '" + name + "'";
  else if (n > 1)
    out.why = "the function symbol '" + name + "' is defined " +
              std::to_string(n) + " times in " + obj.label +
              ", and a kprobe by name takes the first";
  else
    out = {name, offset, ""};
  return out;
}

KernelPlace SymbolSource::kernel_place(uint64_t addr,
                                       const std::string &module) {
  return kernel_place(debug_object(module), addr);
}

KernelPlace SymbolSource::kernel_place(DebugObject &obj, uint64_t addr) {
  KernelPlace out;
  const KernelTextSymbols *text = kernel_text(obj, &out.why);
  if (!text) return out;
  const TextSymbol *s = text->containing(addr);
  if (s && s->init)
    out.why = "'" + s->name + "' is " +
              (&obj == &debug_object("")
                   ? "boot-time code, which the kernel frees after booting"
                   : "init code of " + obj.label +
                         ", which the kernel frees once it is loaded");
  else if (s)
    return kernel_symbol_place(obj, s->name, addr - s->addr);
  if (s) return out;
  char hex[32];
  snprintf(hex, sizeof(hex), "0x%llx", static_cast<unsigned long long>(addr));
  out.why = "no function symbol of " + obj.label + " holds address " + hex;
  return out;
}

SymbolMatches SymbolSource::kernel_file_functions(const std::string &module,
                                                  std::string_view pattern) {
  if (!split_function_spec(pattern).line.empty())
    return kernel_statements(module, pattern, false);
  SymbolMatches lines =
      kernel_statements(module, std::string(pattern) + ":*", false);
  if (lines.status != SymbolStatus::ok) return lines;
  SymbolMatches out;
  // A function's lines are together: one entry per function and file.
  for (const std::string &n : lines.names) {
    FunctionSpec f = split_function_spec(n);
    std::string name = f.name + "@" + f.file;
    if (!out.names.empty() && out.names.back() == name) continue;
    out.names.push_back(name);
    out.places.push_back(kernel_symbol_place(debug_object(module), f.name, 0));
  }
  return out;
}

SymbolMatches SymbolSource::kernel_statements(const std::string &module,
                                              std::string_view pattern,
                                              bool nearest) {
  SymbolMatches out;
  std::string why;
  const UserDwarf *dwarf = kernel_dwarf(&why, module);
  if (!dwarf) {
    out.status = SymbolStatus::unavailable;
    out.detail = why;
    return out;
  }
  DebugObject &obj = debug_object(module);
  std::string file = split_function_spec(pattern).file;
  auto it = obj.lines.find(file);
  if (it == obj.lines.end())
    it = obj.lines
             .emplace(file, dwarf->unit_lines([&](std::string_view unit) {
               return source_file_matches(file, unit);
             }))
             .first;
  StatementMatch m = match_statement_lines(it->second, pattern, nearest);
  for (const DwarfLine *l : m.lines) {
    out.names.push_back(statement_name(*l));
    out.places.push_back(kernel_place(obj, l->addr));
  }
  if (!m.error.empty()) out.status = SymbolStatus::bad_pattern;
  out.detail = m.error.empty() ? m.nearest : m.error;
  return out;
}

SymbolMatches SymbolSource::module_source_lines(SymbolKind kind,
                                                const std::string &module,
                                                std::string_view pattern,
                                                bool nearest) {
  // Each module's debuginfo is a file of its own: a module pattern would
  // open every one.
  if (has_glob_chars(module)) {
    SymbolMatches out;
    out.status = SymbolStatus::unavailable;
    out.detail = "a source file is matched in one module's debuginfo, "
                 "and module '" +
                 module + "' is a pattern";
    return out;
  }
  if (kind == SymbolKind::kernel_module_statement)
    return kernel_statements(module, pattern, nearest);
  return kernel_file_functions(module, pattern);
}

bool SymbolSource::first_time(const std::string &key) {
  return warned_.insert(key).second;
}

namespace {

// A system call without arguments (SYSCALL_DEFINE0) has its x86-64 entry
// __x64_sys_NAME made by an alias the BTF does not record; its body
// __do_sys_NAME is there, and the one exists with the other.
constexpr std::string_view kSyscallEntry = "__x64_sys_";
constexpr std::string_view kSyscallBody = "__do_sys_";

std::vector<std::string> with_syscall0_entries(std::vector<std::string> names) {
  std::vector<std::string> entries;
  for (const std::string &n : names)
    if (n.starts_with(kSyscallBody))
      entries.push_back(std::string(kSyscallEntry) +
                        n.substr(kSyscallBody.size()));
  names.insert(names.end(), entries.begin(), entries.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

const KernelSymbolTable *SymbolSource::kernel_table(std::string *why) {
  if (!kernel_loaded_) {
    kernel_loaded_ = true;
    kernel_ = load_kernel_symbols(paths_, &kernel_why_);
    // No symbol table (Debian's System.map is a stub): the BTF's FUNC
    // entries are every function that can be probed by name, and its
    // btf_trace_NAME typedefs every tracepoint (both listed by kernel()
    // on first need).
    std::string btf_why;
    if (!kernel_) {
      if (KernelBtf *b = kernel_btf(&btf_why)) {
        kernel_.emplace();
        kernel_->origin = b->origin();
        kernel_->complete = false;
        btf_functions_pending_ = true;
      } else {
        kernel_why_ += "; " + btf_why;
      }
    }
  }
  if (!kernel_ && why) *why = kernel_why_;
  return kernel_ ? &*kernel_ : nullptr;
}

const KernelSymbolTable *SymbolSource::kernel(std::string *why) {
  const KernelSymbolTable *k = kernel_table(why);
  if (k && btf_functions_pending_) {
    btf_functions_pending_ = false;
    kernel_->functions = with_syscall0_entries(btf_->function_names());
    kernel_->tracepoints = btf_->tracepoint_names();
  }
  return k;
}

bool SymbolSource::has_kernel_function(const std::string &name) {
  const KernelSymbolTable *k = kernel_table(nullptr);
  if (!k) return false;
  auto listed = [&](const std::string &n) {
    if (btf_functions_pending_)
      return btf_find(btf_->vmlinux(), n, BTF_KIND_FUNC) >= 0;
    return std::binary_search(k->functions.begin(), k->functions.end(), n);
  };
  if (listed(name)) return true;
  // (with_syscall0_entries above)
  return !k->complete && name.starts_with(kSyscallEntry) &&
         listed(std::string(kSyscallBody) + name.substr(kSyscallEntry.size()));
}

const BinaryInfo *SymbolSource::binary(const std::string &name, bool library,
                                       std::string *error) {
  std::string path = resolve_binary(name, library);
  auto it = binaries_.find(path);
  if (it == binaries_.end()) {
    std::string err;
    it = binaries_.emplace(path, read_binary_info(path, &err)).first;
    if (!it->second) binary_errors_[path] = err;
  }
  if (!it->second) {
    if (error) *error = binary_errors_[path];
    return nullptr;
  }
  return &*it->second;
}

const UserDwarf *SymbolSource::user_dwarf(const std::string &name, bool library,
                                          std::string *error) {
  std::string path = resolve_binary(name, library);
  auto it = dwarfs_.find(path);
  if (it == dwarfs_.end()) {
    std::string why;
    auto d = UserDwarf::open(path, &why);
    it = dwarfs_.emplace(path, std::pair{std::move(d), why}).first;
  }
  if (!it->second.first && error) *error = it->second.second;
  return it->second.first.get();
}

KernelBtf *SymbolSource::kernel_btf(std::string *why) {
  if (!btf_loaded_) {
    btf_loaded_ = true;
    KernelBtfPaths bp = kernel_btf_paths(paths_);
    if (bp.release.empty())
      btf_why_ = "no BTF: the target kernel's release is unknown";
    else if (!bp.is_running && bp.boot_dir.empty())
      btf_why_ = "no BTF for kernel " + bp.release + ": no boot directory";
    else
      btf_ = KernelBtf::load(bp, &btf_why_);
  }
  if (!btf_ && why) *why = btf_why_;
  return btf_.get();
}

std::optional<std::vector<TargetVariable>> SymbolSource::kernel_function_params(
    const std::string &function, const std::string &module) {
  KernelBtf *k = kernel_btf();
  if (!k) return std::nullopt;
  const struct btf *b = module.empty() ? k->vmlinux() : k->module(module);
  if (!b) return std::nullopt;
  auto proto = function_proto(b, function);
  if (!proto) return std::nullopt;
  std::vector<TargetVariable> out;
  for (auto &[name, type] : proto->params)
    if (!name.empty()) out.push_back({name, c_type_name(type)});
  return out;
}

const TracepointHeaders &SymbolSource::tracepoint_headers() {
  if (!tracepoint_headers_) {
    tracepoint_headers_.emplace();
    if (!paths_.modules_root.empty() && !paths_.release.empty())
      tracepoint_headers_ = scan_tracepoint_headers(
          tracepoint_header_dirs(paths_.modules_root, paths_.release));
    if (paths_.targets_running())
      add_tracefs_groups(paths_.tracefs, *tracepoint_headers_);
  }
  return *tracepoint_headers_;
}

std::vector<std::string> SymbolSource::kernel_tracepoints(std::string *why) {
  // BTF has every tracepoint and its arguments; a symbol table only names.
  std::vector<std::string> names;
  if (KernelBtf *b = kernel_btf(why))
    names = b->tracepoint_names();
  else if (const KernelSymbolTable *k = kernel(why))
    names = k->tracepoints;
  const TracepointHeaders &h = tracepoint_headers();
  for (std::string &n : names) {
    auto g = h.group_of.find(n);
    if (g != h.group_of.end()) n = g->second + ":" + n;
  }
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

// A module tracepoint without a group in its module may have one in the
// release's headers.
void add_header_groups(std::vector<ModuleTracepoint> &tps,
                       const TracepointHeaders &h) {
  for (ModuleTracepoint &t : tps)
    if (t.group.empty())
      if (auto g = h.group_of.find(t.name); g != h.group_of.end())
        t.group = g->second;
}

}  // namespace

const std::vector<ModuleTracepoint> &SymbolSource::module_tracepoint_index() {
  if (module_index_) return *module_index_;
  module_index_.emplace();
  KernelBtf *k = kernel_btf();
  if (!k) return *module_index_;
  *module_index_ = stap::module_tracepoint_index(
      k->module_files(), trace_event_layout(k->vmlinux()),
      module_tracepoint_cache_file(paths_.btf_cache_dir, paths_.modules_root,
                                   paths_.release));
  add_header_groups(*module_index_, tracepoint_headers());
  return *module_index_;
}

std::optional<std::string>
SymbolSource::guessed_module_tracepoint(std::string_view point) {
  size_t colon = point.find(':');
  if (module_index_ || colon == std::string_view::npos || has_glob_chars(point))
    return std::nullopt;
  // A cached index is read in milliseconds, and complete.
  std::string cache = module_tracepoint_cache_file(
      paths_.btf_cache_dir, paths_.modules_root, paths_.release);
  if (!cache.empty() && own_regular_file(cache)) return std::nullopt;
  KernelBtf *k = kernel_btf();
  if (!k) return std::nullopt;
  std::string_view group = point.substr(0, colon);
  // What the guess scanned is cached beside the index, per group (a
  // group that can name a file), for the next run.
  bool word = std::all_of(group.begin(), group.end(), [](char c) {
    return isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  std::vector<ModuleTracepoint> tps = stap::module_tracepoint_index(
      modules_named_like(k->module_files(), group),
      trace_event_layout(k->vmlinux()),
      cache.empty() || !word ? "" : cache + "-group-" + std::string(group));
  add_header_groups(tps, tracepoint_headers());
  for (ModuleTracepoint &t : tps)
    if (t.group == group && t.name == point.substr(colon + 1)) {
      tracepoint_module_.emplace(
          point, &guessed_tracepoints_.emplace_back(std::move(t)));
      return std::string(point);
    }
  return std::nullopt;
}

std::vector<std::string> SymbolSource::module_tracepoints() {
  std::vector<std::string> out;
  for (const ModuleTracepoint &t : module_tracepoint_index()) {
    std::string point = t.group.empty() ? t.name : t.group + ":" + t.name;
    tracepoint_module_.emplace(point, &t);
    out.push_back(std::move(point));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<FunctionProto>
SymbolSource::kernel_tracepoint_args(std::string_view point, std::string *why) {
  KernelBtf *k = kernel_btf(why);
  if (!k) return std::nullopt;
  std::string name(point.substr(point.find(':') + 1));
  const ModuleTracepoint *m = module_tracepoint(point);
  const struct btf *b = m ? k->module(m->module, why) : k->vmlinux();
  if (!b) return std::nullopt;
  // The event's class names the arguments of a DEFINE_EVENT: a module's
  // own says it, vmlinux's comes from the headers.
  std::string cls;
  if (m) {
    cls = m->event_class;
  } else if (auto c = tracepoint_headers().class_of.find(name);
             c != tracepoint_headers().class_of.end()) {
    cls = c->second;
  }
  auto args = tracepoint_args(b, name, cls);
  if (!args && why)
    *why = "no btf_trace_" + name + " in " +
           (m ? "module '" + m->module + "'" : k->origin());
  return args;
}

const ModuleTracepoint *
SymbolSource::module_tracepoint(std::string_view point) {
  auto it = tracepoint_module_.find(std::string(point));
  return it == tracepoint_module_.end() ? nullptr : it->second;
}

std::string SymbolSource::kernel_tracepoint_module(std::string_view point) {
  const ModuleTracepoint *m = module_tracepoint(point);
  return m ? m->module : "";
}

SymbolMatches SymbolSource::glob(SymbolKind kind, std::string_view binary_name,
                                 std::string_view pattern,
                                 std::string_view qualifier) {
  SymbolMatches out;
  FunctionSpec spec = split_function_spec(pattern);
  if (is_kernel_kind(kind)) {
    // "func@file:line": the lines of the units the file part names.
    if (kind == SymbolKind::kernel_statement && !spec.file.empty())
      return kernel_statements("", pattern, qualifier == "nearest");
    // "func@file": the functions with lines there, or "func@file:line".
    if (kind == SymbolKind::kernel_function && !spec.file.empty() &&
        missing_kernel_debuginfo().empty())
      return kernel_file_functions("", pattern);
    // The same in one module's debuginfo.
    if ((kind == SymbolKind::kernel_module_statement ||
         kind == SymbolKind::kernel_module_function) &&
        !spec.file.empty())
      return module_source_lines(kind, std::string(binary_name), pattern,
                                 qualifier == "nearest");
    if (kind == SymbolKind::kernel_module_statement)
      kind = SymbolKind::kernel_module_function;
    std::string why;
    // An exact function name is looked up, not matched against the list.
    if ((kind == SymbolKind::kernel_function ||
         kind == SymbolKind::kernel_statement) &&
        spec.file.empty() && !has_glob_chars(spec.name) && kernel_table(&why)) {
      if (has_kernel_function(spec.name)) out.names.push_back(spec.name);
      out.incomplete = !kernel_->complete;
      return out;
    }
    const KernelSymbolTable *k = kind == SymbolKind::kernel_tracepoint
                                     ? kernel_table(&why)
                                     : kernel(&why);
    const std::vector<std::string> *names = nullptr;
    std::optional<std::vector<std::string>> from_ko;
    switch (kind) {
    case SymbolKind::kernel_tracepoint: {
      std::vector<std::string> all = kernel_tracepoints(&why);
      if (all.empty()) break;
      out.names = glob_tracepoints(all, pattern);
      // The modules' too (their index is built once per release), unless
      // a plain name was found in vmlinux, or in the modules named like
      // its group.
      if (out.names.empty())
        if (auto point = guessed_module_tracepoint(pattern)) {
          out.names.push_back(std::move(*point));
          return out;
        }
      if (out.names.empty() || has_glob_chars(pattern)) {
        for (std::string &n : glob_tracepoints(module_tracepoints(), pattern))
          out.names.push_back(std::move(n));
        std::sort(out.names.begin(), out.names.end());
        out.names.erase(std::unique(out.names.begin(), out.names.end()),
                        out.names.end());
      }
      if (out.names.empty()) out.detail = closest_tracepoint(all, pattern);
      return out;
    }
    case SymbolKind::kernel_data:
      if (k) names = &k->data;
      break;
    case SymbolKind::kernel_module_function: {
      std::string mod(binary_name);
      if (k) {
        auto it = std::find_if(k->modules.begin(), k->modules.end(),
                               [&](const auto &m) { return m.first == mod; });
        if (it != k->modules.end()) names = &it->second;
      }
      if (!names) {
        const std::string &release = paths_.release;
        auto cached = ko_modules_.find(mod);
        if (cached == ko_modules_.end()) {
          auto fns = module_functions_from_ko(paths_, release, mod);
          // A compressed .ko (.ko.xz on Debian's 6.12) is read through
          // its split BTF, which names its functions too.
          if (!fns)
            if (KernelBtf *b = kernel_btf())
              if (auto from_btf = b->module_function_names(mod);
                  !from_btf.empty())
                fns = std::move(from_btf);
          cached = ko_modules_.emplace(mod, std::move(fns)).first;
        }
        if (cached->second) names = &*cached->second;
        else why = "no loaded module or .ko file named '" + mod + "' for kernel " +
                   release;
      }
      break;
    }
    default:
      if (k) names = &k->functions;
      break;
    }
    if (!names) {
      out.status = SymbolStatus::unavailable;
      out.detail = why;
      return out;
    }
    if (kind == SymbolKind::kernel_data) {
      out.names = glob_names(*names, pattern);
      return out;
    }
    if (!spec.file.empty()) {
      // Symbol tables carry no source files: "*@fs/read_write.c" would
      // otherwise expand to every kernel function.
      out.status = SymbolStatus::unavailable;
      const std::string &missing = missing_kernel_debuginfo();
      out.detail = "matching source file '" + spec.file + "' " +
                   (missing.empty() ? "in the kernel is not supported yet"
                                    : "needs " + missing);
      return out;
    }
    out.names = glob_names(*names, spec.name);
    out.incomplete = k && !k->complete;
    return out;
  }

  // User-space binaries.
  std::string error;
  const BinaryInfo *bin = binary(std::string(binary_name), false, &error);
  if (!bin) {
    out.status = SymbolStatus::bad_binary;
    out.detail = error;
    return out;
  }
  switch (kind) {
  case SymbolKind::process_mark:
    for (const ElfMark &m : bin->marks)
      if ((qualifier.empty() || glob_match(qualifier, m.provider)) &&
          glob_match(pattern, m.name))
        out.names.push_back(m.name);
    break;
  case SymbolKind::process_plt:
    out.names = glob_names(bin->plt, pattern);
    break;
  case SymbolKind::process_statement: {
    // Lines come from the line table: no DWARF, nothing to match.
    const UserDwarf *dwarf =
        bin->has_dwarf ? user_dwarf(bin->path, false, &error) : nullptr;
    if (!dwarf) {
      out.status = SymbolStatus::bad_binary;
      out.detail = "'" + bin->path +
                   "' has no DWARF line table for source-line statements "
                   "(build it with -g)";
      return out;
    }
    StatementMatch m =
        match_statement_lines(*dwarf, pattern, qualifier == "nearest");
    for (const DwarfLine *l : m.lines) out.names.push_back(statement_name(*l));
    if (!m.error.empty()) out.status = SymbolStatus::bad_pattern;
    out.detail = m.error.empty() ? m.nearest : m.error;
    break;
  }
  default:
    for (const ElfFunction &f : bin->functions) {
      if (!glob_match(spec.name, f.name)) continue;
      if (spec.file.empty()) {
        out.names.push_back(f.name);
      } else if (!bin->has_dwarf) {
        out.names.push_back(with_qualifier(f.name, spec.file, spec.line));
      } else if (!f.decl_file.empty() &&
                 source_file_matches(spec.file, f.decl_file)) {
        std::string file = has_glob_chars(spec.file) ? f.decl_file : spec.file;
        out.names.push_back(with_qualifier(f.name, file, spec.line));
      }
    }
    break;
  }
  std::sort(out.names.begin(), out.names.end());
  out.names.erase(std::unique(out.names.begin(), out.names.end()),
                  out.names.end());
  return out;
}

}  // namespace stap
