#include "symbols/kernel_symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "parser/file_text.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

// A table with fewer functions than this is a placeholder, not a kernel
// (Debian's stub System.map holds a single line).
constexpr size_t kMinRealSymbols = 100;

bool read_whole(const std::string &path, std::string &out) {
  std::optional<std::string> text = read_regular_file(path);
  if (text) out = std::move(*text);
  return text.has_value();
}

void sort_unique(std::vector<std::string> &v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Compiler-made clones (foo.isra.0, foo.cold) and ftrace/CFI padding
// (__pfx_foo, __cfi_foo) are not probe-able functions by name.
bool is_probeable_function(std::string_view name) {
  if (name.find('.') != std::string_view::npos) return false;
  if (name.starts_with("__pfx_") || name.starts_with("__cfi_")) return false;
  return !name.empty();
}

void tracepoints_from_tracefs(const KernelSymbolPaths &paths,
                              std::vector<std::string> &out) {
  for (const std::string &root : paths.tracefs) {
    std::error_code ec;
    fs::path events = fs::path(root) / "events";
    if (!fs::is_directory(events, ec)) continue;
    for (const auto &sys : fs::directory_iterator(events, ec)) {
      if (!sys.is_directory(ec)) continue;
      for (const auto &ev : fs::directory_iterator(sys.path(), ec))
        if (ev.is_directory(ec)) out.push_back(ev.path().filename().string());
    }
    if (!out.empty()) return;
  }
}

std::optional<std::vector<std::string>> elf_function_symbols(
    const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  elf_version(EV_CURRENT);
  Elf *elf = elf_begin(fd, ELF_C_READ, nullptr);
  std::optional<std::vector<std::string>> out;
  if (elf && elf_kind(elf) == ELF_K_ELF) {
    out.emplace();
    Elf_Scn *scn = nullptr;
    while ((scn = elf_nextscn(elf, scn)) != nullptr) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB) continue;
      Elf_Data *data = elf_getdata(scn, nullptr);
      size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
      for (size_t i = 0; data && i < n; ++i) {
        GElf_Sym sym;
        if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
        if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF)
          continue;
        const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
        if (name && is_probeable_function(name)) out->push_back(name);
      }
    }
    sort_unique(*out);
  }
  if (elf) elf_end(elf);
  ::close(fd);
  return out;
}

}  // namespace

bool parse_symbol_map(const std::string &text, KernelSymbolTable &out) {
  std::map<std::string, std::vector<std::string>> modules;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    // "ffffffff81000000 T name" or "... t name\t[module]"
    size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos || sp1 + 3 >= line.size()) continue;
    char type = line[sp1 + 1];
    std::string_view rest = line.substr(sp1 + 3);
    std::string_view module;
    size_t tab = rest.find_first_of("\t ");
    if (tab != std::string_view::npos) {
      std::string_view m = rest.substr(tab);
      size_t lb = m.find('['), rb = m.find(']');
      if (lb != std::string_view::npos && rb != std::string_view::npos && rb > lb)
        module = m.substr(lb + 1, rb - lb - 1);
      rest = rest.substr(0, tab);
    }
    std::string name(rest);
    switch (type) {
    case 't': case 'T': case 'W':
      if (!is_probeable_function(name)) break;
      if (module.empty()) out.functions.push_back(std::move(name));
      else modules[std::string(module)].push_back(std::move(name));
      break;
    case 'd': case 'D': case 'b': case 'B': case 'r': case 'R':
      if (!module.empty()) break;
      if (name.starts_with("__tracepoint_"))
        out.tracepoints.push_back(name.substr(strlen("__tracepoint_")));
      out.data.push_back(std::move(name));
      break;
    default: break;
    }
  }
  sort_unique(out.functions);
  sort_unique(out.data);
  sort_unique(out.tracepoints);
  for (auto &[mod, fns] : modules) {
    sort_unique(fns);
    out.modules.emplace_back(mod, std::move(fns));
  }
  return out.functions.size() >= kMinRealSymbols;
}

std::optional<KernelSymbolTable> load_kernel_symbols(
    const KernelSymbolPaths &paths, std::string *why) {
  const std::string &release = paths.release;
  bool is_running = paths.targets_running();
  std::vector<std::string> tried;
  std::optional<KernelSymbolTable> found;
  // `dir` empty: the run has no such source.
  auto try_map = [&](const std::string &dir, const std::string &path) {
    std::string text;
    if (found || dir.empty() || !read_whole(path, text)) return;
    KernelSymbolTable t;
    if (parse_symbol_map(text, t)) {
      t.origin = path;
      found = std::move(t);
    } else {
      tried.push_back(path + " is a stub");
    }
  };
  if (is_running) try_map(paths.kallsyms, paths.kallsyms);
  if (!release.empty())
    try_map(paths.boot_dir, paths.boot_dir + "/System.map-" + release);
  try_map(paths.build_dir, paths.build_dir + "/System.map");
  if (!found) {
    if (why) {
      if (!is_running && !paths.kallsyms.empty())
        tried.insert(tried.begin(), paths.kallsyms +
                                        " describes the running kernel " +
                                        paths.running_release);
      *why = "no symbol table for kernel " + release;
      for (size_t i = 0; i < tried.size(); ++i)
        *why += (i ? "; " : " (") + tried[i];
      if (!tried.empty()) *why += ")";
    }
    return std::nullopt;
  }
  if (is_running) {
    std::vector<std::string> tps;
    tracepoints_from_tracefs(paths, tps);
    if (!tps.empty()) {
      sort_unique(tps);
      found->tracepoints = std::move(tps);
    }
  }
  return found;
}

std::string module_file(const KernelSymbolPaths &paths,
                        const std::string &release, const std::string &module) {
  std::error_code ec;
  fs::path root = fs::path(paths.modules_root) / release / "kernel";
  if (paths.modules_root.empty() || release.empty() ||
      !fs::is_directory(root, ec))
    return "";
  // Module names use '_' where file names may use '-'.
  auto norm = [](std::string s) {
    std::replace(s.begin(), s.end(), '-', '_');
    return s;
  };
  const std::string want = norm(module) + ".ko";
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = norm(it->path().filename().string());
    if (name == want || name.starts_with(want + "."))
      return it->path().lexically_relative(root).string();
  }
  return "";
}

std::optional<std::vector<std::string>>
module_functions_from_ko(const KernelSymbolPaths &paths,
                         const std::string &release,
                         const std::string &module) {
  std::string file = module_file(paths, release, module);
  // A compressed .ko (.ko.xz) is not read here.
  if (!file.ends_with(".ko")) return std::nullopt;
  return elf_function_symbols(
      (fs::path(paths.modules_root) / release / "kernel" / file).string());
}

}  // namespace stap
