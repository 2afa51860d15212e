#include "symbols/module_tracepoints.h"

#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "parser/file_text.h"
#include "symbols/btf_types.h"
#include "symbols/cache_file.h"
#include "symbols/decompress.h"

namespace stap {

namespace {

constexpr size_t kMaxModule = size_t(128) << 20;
// Bumped when the file's lines change meaning.
constexpr std::string_view kCacheHeader = "stap module tracepoints 1\n";

// A place in a relocatable ELF: section index and offset in it.
using Place = std::pair<size_t, uint64_t>;

std::string_view after(std::string_view s, std::string_view prefix) {
  return s.substr(prefix.size());
}

// What the symbol table tells about tracepoints and their events.
struct TraceSymbols {
  std::vector<std::string> names;        // of __tracepoint_NAME
  std::map<std::string, Place> events;   // NAME -> event_NAME
  std::map<Place, std::string> classes;  // event_class_CLASS -> CLASS
  std::map<Place, std::string> systems;  // str__GROUP__... -> GROUP
  std::set<size_t> event_sections;       // where events and classes live
};

TraceSymbols read_trace_symbols(Elf *elf, Elf_Scn *symtab,
                                const GElf_Shdr &sh) {
  TraceSymbols out;
  size_t tracepoints_section = 0;
  size_t shstrndx = 0;
  elf_getshdrstrndx(elf, &shstrndx);
  Elf_Data *data = elf_getdata(symtab, nullptr);
  for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; ++i) {
    GElf_Sym sym;
    if (!gelf_getsym(data, int(i), &sym) || sym.st_shndx == SHN_UNDEF ||
        sym.st_shndx >= SHN_LORESERVE)
      continue;
    const char *raw = elf_strptr(elf, sh.sh_link, sym.st_name);
    if (!raw) continue;
    std::string_view name = raw;
    Place at{sym.st_shndx, sym.st_value};
    if (name.starts_with("__tracepoint_")) {
      // __tracepoint_ptr_NAME and the like live elsewhere: only the
      // objects of the __tracepoints section are tracepoints.
      if (!tracepoints_section) {
        GElf_Shdr s;
        const char *sname = nullptr;
        if (gelf_getshdr(elf_getscn(elf, sym.st_shndx), &s))
          sname = elf_strptr(elf, shstrndx, s.sh_name);
        if (!sname || std::string_view(sname) != "__tracepoints") continue;
        tracepoints_section = sym.st_shndx;
      }
      if (sym.st_shndx == tracepoints_section)
        out.names.emplace_back(after(name, "__tracepoint_"));
    } else if (name.starts_with("event_class_")) {
      out.classes.emplace(at, after(name, "event_class_"));
      out.event_sections.insert(at.first);
    } else if (name.starts_with("event_")) {
      out.events.emplace(after(name, "event_"), at);
      out.event_sections.insert(at.first);
    } else if (name.starts_with("str__") &&
               name.ends_with("__trace_system_name")) {
      name = after(name, "str__");
      out.systems.emplace(
          at, name.substr(0, name.size() - strlen("__trace_system_name")));
    }
  }
  return out;
}

// Where each pointer-sized relocation in `sections` points.
std::map<Place, Place> pointers_in(Elf *elf, const std::set<size_t> &sections,
                                   size_t symtab_index) {
  std::map<Place, Place> out;
  Elf_Scn *symtab = elf_getscn(elf, symtab_index);
  Elf_Data *syms = symtab ? elf_getdata(symtab, nullptr) : nullptr;
  for (Elf_Scn *scn = nullptr; syms && (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
        sh.sh_link != symtab_index || !sections.count(sh.sh_info) ||
        !sh.sh_entsize)
      continue;
    Elf_Data *data = elf_getdata(scn, nullptr);
    for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; ++i) {
      GElf_Rela r;
      GElf_Sym sym;
      if (!gelf_getrela(data, int(i), &r) ||
          !gelf_getsym(syms, int(GELF_R_SYM(r.r_info)), &sym))
        continue;
      out.emplace(Place{sh.sh_info, r.r_offset},
                  Place{sym.st_shndx, sym.st_value + r.r_addend});
    }
  }
  return out;
}

template <class V> const V *find(const std::map<Place, V> &m, const Place &p) {
  auto it = m.find(p);
  return it == m.end() ? nullptr : &it->second;
}

}  // namespace

TraceEventLayout trace_event_layout(const struct btf *vmlinux) {
  auto offset = [&](const char *type, const char *member) -> uint64_t {
    auto t = find_c_type(vmlinux, type);
    auto m = t ? find_member(*t, member) : std::nullopt;
    return m ? m->bit_offset / 8 : UINT64_MAX;
  };
  return {.class_offset = offset("struct trace_event_call", "class"),
          .system_offset = offset("struct trace_event_class", "system")};
}

std::vector<ModuleTracepoint>
scan_module_tracepoints(std::string &image, const std::string &module,
                        const TraceEventLayout &layout) {
  // Once, before any thread opens an ELF.
  static const bool libelf_ready = elf_version(EV_CURRENT) != EV_NONE;
  std::vector<ModuleTracepoint> out;
  if (!libelf_ready || image.find("__tracepoint_") == std::string::npos)
    return out;
  Elf *elf = elf_memory(image.data(), image.size());
  if (!elf) return out;
  for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
      continue;
    TraceSymbols t = read_trace_symbols(elf, scn, sh);
    auto pointers = pointers_in(elf, t.event_sections, elf_ndxscn(scn));
    // A module with one trace header has one group: it also names the
    // tracepoints declared without an event.
    std::set<std::string> groups;
    for (const auto &[at, g] : t.systems) groups.insert(g);
    for (const std::string &name : t.names) {
      ModuleTracepoint tp{.name = name, .module = module};
      if (groups.size() == 1) tp.group = *groups.begin();
      if (auto ev = t.events.find(name); ev != t.events.end()) {
        Place call = ev->second;
        if (const Place *cls = find(
                pointers, {call.first, call.second + layout.class_offset})) {
          if (const std::string *c = find(t.classes, *cls)) tp.event_class = *c;
          if (const Place *sys = find(
                  pointers, {cls->first, cls->second + layout.system_offset}))
            if (const std::string *g = find(t.systems, *sys)) tp.group = *g;
        }
      }
      out.push_back(std::move(tp));
    }
    break;
  }
  elf_end(elf);
  return out;
}

namespace {

std::string serialize(const std::vector<ModuleTracepoint> &index) {
  std::string out(kCacheHeader);
  auto field = [](const std::string &s) { return s.empty() ? "-" : s; };
  for (const ModuleTracepoint &t : index)
    out += field(t.group) + " " + t.name + " " + t.module + " " +
           field(t.event_class) + "\n";
  return out;
}

std::optional<std::vector<ModuleTracepoint>> parse(const std::string &text) {
  if (!text.starts_with(kCacheHeader)) return std::nullopt;
  std::vector<ModuleTracepoint> out;
  std::istringstream in(text.substr(kCacheHeader.size()));
  ModuleTracepoint t;
  while (in >> t.group >> t.name >> t.module >> t.event_class) {
    if (t.group == "-") t.group.clear();
    if (t.event_class == "-") t.event_class.clear();
    out.push_back(t);
  }
  if (!in.eof()) return std::nullopt;
  return out;
}

}  // namespace

namespace {

std::vector<ModuleTracepoint> scan_module_file(const std::string &module,
                                               const std::string &path,
                                               const TraceEventLayout &layout) {
  std::optional<std::string> image = read_regular_file(path);
  std::string why;
  if (image && compression_of(*image) != Compression::none)
    image = decompress(*image, compression_of(*image), kMaxModule, &why);
  if (!image) return {};  // an unreadable module has no tracepoints to give
  return scan_module_tracepoints(*image, module, layout);
}

// Two threads per core: a cold page cache makes them wait on the disk too.
unsigned scan_threads(size_t files) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return unsigned(std::min<size_t>({files, 2 * size_t(cores), 8}));
}

}  // namespace

std::vector<ModuleTracepoint>
scan_module_files(const std::map<std::string, std::string> &module_files,
                  const TraceEventLayout &layout) {
  std::vector<std::pair<std::string, std::string>> files(module_files.begin(),
                                                         module_files.end());
  std::vector<std::vector<ModuleTracepoint>> found(files.size());
  std::atomic<size_t> next{0};
  auto scan = [&] {
    for (size_t i; (i = next++) < files.size();)
      found[i] = scan_module_file(files[i].first, files[i].second, layout);
  };
  {
    std::vector<std::jthread> threads;
    for (unsigned i = 0; i < scan_threads(files.size()); ++i)
      threads.emplace_back(scan);
  }  // joined
  std::vector<ModuleTracepoint> index;
  for (auto &tps : found)
    for (ModuleTracepoint &t : tps) index.push_back(std::move(t));
  std::sort(index.begin(), index.end(), [](const auto &a, const auto &b) {
    return std::tie(a.group, a.name, a.module) <
           std::tie(b.group, b.name, b.module);
  });
  return index;
}

std::vector<ModuleTracepoint>
module_tracepoint_index(const std::map<std::string, std::string> &module_files,
                        const TraceEventLayout &layout,
                        const std::string &cache_file) {
  if (!cache_file.empty() && own_regular_file(cache_file))
    if (auto text = read_regular_file(cache_file))
      if (auto index = parse(*text)) return std::move(*index);
  std::vector<ModuleTracepoint> index = scan_module_files(module_files, layout);
  if (!cache_file.empty()) write_cache(cache_file, serialize(index));
  return index;
}

std::map<std::string, std::string>
modules_named_like(const std::map<std::string, std::string> &module_files,
                   std::string_view group) {
  auto plain = [](std::string_view s) {
    std::string out(s);
    std::replace(out.begin(), out.end(), '-', '_');
    return out;
  };
  // The group holds a module's name only as whole '_'-separated words:
  // "ch" or "sg" would otherwise be in half the groups there are.
  std::string g = "_" + plain(group) + "_";
  std::map<std::string, std::string> out;
  if (g == "__") return out;
  for (const auto &[module, path] : module_files) {
    std::string m = plain(module);
    if (m.find(g.substr(1, g.size() - 2)) != std::string::npos ||
        g.find("_" + m + "_") != std::string::npos)
      out.emplace(module, path);
  }
  return out;
}

std::string module_tracepoint_cache_file(const std::string &cache_dir,
                                         const std::string &modules_root,
                                         const std::string &release) {
  if (cache_dir.empty()) return "";
  std::string identity =
      file_identity(modules_root + "/" + release + "/modules.dep");
  if (identity.empty()) return "";
  return cache_dir + "/" + release + "/module-tracepoints-" + identity;
}

}  // namespace stap
