#include "symbols/kernel_symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/utsname.h>
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

std::string running_kernel_release() {
  struct utsname u;
  if (uname(&u) != 0) return "";
  return u.release;
}

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

std::optional<std::vector<std::string>> btf_function_names(
    const std::string &blob) {
  auto u32 = [&](size_t off) -> uint32_t {
    uint32_t v;
    memcpy(&v, blob.data() + off, 4);
    return v;
  };
  if (blob.size() < 24) return std::nullopt;
  uint16_t magic;
  memcpy(&magic, blob.data(), 2);
  if (magic != 0xeB9F) return std::nullopt;  // other-endian BTF: not ours
  uint32_t hdr_len = u32(4), type_off = u32(8), type_len = u32(12),
           str_off = u32(16), str_len = u32(20);
  size_t types = size_t(hdr_len) + type_off, strs = size_t(hdr_len) + str_off;
  if (types + type_len > blob.size() || strs + str_len > blob.size())
    return std::nullopt;
  std::vector<std::string> out;
  size_t p = types, end = types + type_len;
  while (p + 12 <= end) {
    uint32_t name_off = u32(p), info = u32(p + 4);
    uint32_t kind = (info >> 24) & 0x1f, vlen = info & 0xffff;
    p += 12;
    // Bytes that follow the common header, per kind (see linux/btf.h).
    static const uint8_t kPerMember[20] = {0, 0, 0, 0, 12, 12, 8, 0, 0, 0,
                                           0, 0, 0, 8, 0, 12, 0, 0, 0, 12};
    static const uint8_t kFixed[20] = {0, 4, 0, 12, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 4, 0, 0, 4, 0, 0};
    if (kind >= 20) return std::nullopt;
    if (kind == 12 && name_off < str_len) {  // BTF_KIND_FUNC
      const char *name = blob.data() + strs + name_off;
      out.emplace_back(name, strnlen(name, str_len - name_off));
    }
    p += kFixed[kind] + size_t(kPerMember[kind]) * vlen;
  }
  sort_unique(out);
  return out;
}

namespace {

// One BTF type record: where it starts and its common header fields.
struct BtfType {
  uint32_t name_off, info, size_or_type;
  size_t extra;  // offset of the kind-specific data
};

struct BtfView {
  const std::string &blob;
  size_t strs = 0;
  uint32_t str_len = 0;
  std::vector<BtfType> types{BtfType{0, 0, 0, 0}};  // id 0 is void

  uint32_t u32(size_t off) const {
    uint32_t v;
    memcpy(&v, blob.data() + off, 4);
    return v;
  }
  std::string str(uint32_t off) const {
    if (off >= str_len) return "";
    const char *p = blob.data() + strs + off;
    return std::string(p, strnlen(p, str_len - off));
  }
  static uint32_t kind(const BtfType &t) { return (t.info >> 24) & 0x1f; }

  bool parse() {
    if (blob.size() < 24) return false;
    uint16_t magic;
    memcpy(&magic, blob.data(), 2);
    if (magic != 0xeB9F) return false;
    uint32_t hdr_len = u32(4), type_off = u32(8), type_len = u32(12),
             str_off = u32(16);
    str_len = u32(20);
    size_t p = size_t(hdr_len) + type_off, end = p + type_len;
    strs = size_t(hdr_len) + str_off;
    if (end > blob.size() || strs + str_len > blob.size()) return false;
    static const uint8_t kPerMember[20] = {0, 0, 0, 0, 12, 12, 8, 0, 0, 0,
                                           0, 0, 0, 8, 0, 12, 0, 0, 0, 12};
    static const uint8_t kFixed[20] = {0, 4, 0, 12, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 4, 0, 0, 4, 0, 0};
    while (p + 12 <= end) {
      BtfType t{u32(p), u32(p + 4), u32(p + 8), p + 12};
      uint32_t k = kind(t);
      if (k >= 20) return false;
      p += 12 + kFixed[k] + size_t(kPerMember[k]) * (t.info & 0xffff);
      types.push_back(t);
    }
    return true;
  }

  // The C spelling of type `id`, good enough for -L listings.
  std::string type_name(uint32_t id, int depth = 0) const {
    if (id == 0 || id >= types.size() || depth > 16) return "void";
    const BtfType &t = types[id];
    std::string name = str(t.name_off);
    switch (kind(t)) {
    case 1: case 8: case 16: return name;                 // int, typedef, float
    case 2: return type_name(t.size_or_type, depth + 1) + "*";
    case 3: return type_name(u32(t.extra), depth + 1) + "[]";
    case 4: return "struct " + name;
    case 5: return "union " + name;
    case 6: case 19: return "enum " + name;
    case 7: return ((t.info >> 31) ? "union " : "struct ") + name;
    case 9: return type_name(t.size_or_type, depth + 1) + " volatile";
    case 10: return type_name(t.size_or_type, depth + 1) + " const";
    case 13: return type_name(t.size_or_type, depth + 1) + "(*)(...)";
    default: return type_name(t.size_or_type, depth + 1);  // restrict, tags
    }
  }
};

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>>
btf_function_params(const std::string &blob, const std::string &function) {
  BtfView v{blob};
  if (!v.parse()) return std::nullopt;
  for (const BtfType &t : v.types) {
    if (BtfView::kind(t) != 12 || v.str(t.name_off) != function) continue;
    if (t.size_or_type >= v.types.size()) return std::nullopt;
    const BtfType &proto = v.types[t.size_or_type];
    if (BtfView::kind(proto) != 13) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> out;
    for (uint32_t i = 0; i < (proto.info & 0xffff); ++i) {
      size_t at = proto.extra + 8 * size_t(i);
      std::string name = v.str(v.u32(at));
      if (!name.empty()) out.emplace_back(name, v.type_name(v.u32(at + 4)));
    }
    return out;
  }
  return std::nullopt;
}

std::optional<KernelSymbolTable> load_kernel_symbols(
    const KernelSymbolPaths &paths, std::string *why) {
  std::string running = paths.running_release.empty()
                            ? running_kernel_release()
                            : paths.running_release;
  std::string release = paths.release.empty() ? running : paths.release;
  bool is_running = release == running;
  std::string build = paths.build_dir.empty()
                          ? paths.modules_root + "/" + release + "/build"
                          : paths.build_dir;
  std::vector<std::string> tried;
  std::optional<KernelSymbolTable> found;
  auto try_map = [&](const std::string &path) {
    std::string text;
    if (found || !read_whole(path, text)) return;
    KernelSymbolTable t;
    if (parse_symbol_map(text, t)) {
      t.origin = path;
      found = std::move(t);
    } else {
      tried.push_back(path + " is a stub");
    }
  };
  if (is_running) try_map(paths.kallsyms);
  try_map(paths.boot_dir + "/System.map-" + release);
  try_map(build + "/System.map");
  if (!found && is_running) {
    std::string blob;
    if (read_whole(paths.btf_vmlinux, blob)) {
      if (auto names = btf_function_names(blob); names && !names->empty()) {
        found.emplace();
        found->origin = paths.btf_vmlinux;
        found->functions = std::move(*names);
      }
    }
  }
  if (!found) {
    if (why) {
      if (!is_running)
        tried.insert(tried.begin(),
                     paths.kallsyms + " describes the running kernel " + running);
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

std::optional<std::vector<std::string>> module_functions_from_ko(
    const KernelSymbolPaths &paths, const std::string &release,
    const std::string &module) {
  std::error_code ec;
  fs::path root = fs::path(paths.modules_root) / release / "kernel";
  if (!fs::is_directory(root, ec)) return std::nullopt;
  // Module names use '_' where file names may use '-'.
  auto norm = [](std::string s) {
    std::replace(s.begin(), s.end(), '-', '_');
    return s;
  };
  const std::string want = norm(module) + ".ko";
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (norm(it->path().filename().string()) == want)
      return elf_function_symbols(it->path().string());
  }
  return std::nullopt;
}

}  // namespace stap
