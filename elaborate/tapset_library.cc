#include "elaborate/tapset_library.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "symbols/glob.h"
#include "parser/file_text.h"
#include "parser/parse.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

// "6.1.0-26-amd64" -> {"6.1.0", "6.1", "6"}
std::vector<std::string> version_dirs(const std::string &release) {
  size_t n = 0;
  while (n < release.size() &&
         (std::isdigit(static_cast<unsigned char>(release[n])) ||
          release[n] == '.'))
    ++n;
  std::string v = release.substr(0, n);
  while (!v.empty() && v.back() == '.') v.pop_back();
  std::vector<std::string> out;
  while (!v.empty()) {
    out.push_back(v);
    size_t dot = v.rfind('.');
    if (dot == std::string::npos) break;
    v.resize(dot);
  }
  return out;
}

bool is_dir(const std::string &p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// A process-wide cache of scans keyed by path, size and modification time:
// a server or a test that elaborates many scripts scans each file once.
struct ScanCacheEntry {
  uintmax_t size = 0;
  fs::file_time_type mtime;
  TapsetDefs defs;
};

std::mutex scan_cache_mutex;
std::unordered_map<std::string, ScanCacheEntry> scan_cache;

bool scan_cached(const std::string &path, TapsetDefs &out) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return false;
  auto mtime = fs::last_write_time(path, ec);
  if (ec) return false;
  {
    std::lock_guard lock(scan_cache_mutex);
    auto it = scan_cache.find(path);
    if (it != scan_cache.end() && it->second.size == size &&
        it->second.mtime == mtime) {
      out = it->second.defs;
      return true;
    }
  }
  std::optional<std::string> text = read_regular_file(path);
  if (!text) return false;
  out = scan_tapset(*text);
  std::lock_guard lock(scan_cache_mutex);
  scan_cache[path] = ScanCacheEntry{size, mtime, out};
  return true;
}

bool component_matches(const std::string &pattern, const std::string &name) {
  return pattern == name || glob_match(pattern, name);
}

bool match_from(const ProbePoint &pp, size_t pi,
                const std::vector<std::string> &name, size_t ni) {
  const auto &pc = pp.components;
  if (pi == pc.size()) return ni == name.size();
  if (pc[pi].name == "**") {
    if (match_from(pp, pi + 1, name, ni)) return true;
    return ni < name.size() && match_from(pp, pi, name, ni + 1);
  }
  if (ni == name.size()) return false;
  if (!component_matches(pc[pi].name, name[ni])) return false;
  return match_from(pp, pi + 1, name, ni + 1);
}

std::string join_name(const std::vector<std::string> &comps) {
  std::string out;
  for (size_t i = 0; i < comps.size(); ++i) {
    if (i) out += '.';
    out += comps[i];
  }
  return out;
}

}  // namespace

bool alias_name_matches(const ProbePoint &point,
                        const std::vector<std::string> &alias_name) {
  return match_from(point, 0, alias_name, 0);
}

std::vector<TapsetPlace> tapset_search_dirs(
    const std::vector<std::string> &roots, const std::string &library_dir,
    const std::string &arch, const std::string &kernel_release) {
  std::vector<TapsetPlace> out;
  for (const std::string &root : roots) {
    // The root as given decides, never a path's spelling: a -I dir that
    // merely starts with the library's path is still the user's.
    SourceOrigin origin = !library_dir.empty() && root == library_dir
                              ? SourceOrigin::library
                              : SourceOrigin::user_tapset;
    std::vector<std::string> cands;
    for (const std::string &v : version_dirs(kernel_release))
      cands.push_back(root + "/" + v);
    if (!arch.empty()) cands.push_back(root + "/" + arch);
    cands.push_back(root);
    for (const std::string &c : cands)
      if (is_dir(c) &&
          std::none_of(out.begin(), out.end(),
                       [&](const TapsetPlace &d) { return d.path == c; }))
        out.push_back({c, origin});
  }
  return out;
}

std::vector<TapsetPlace> tapset_files(const std::vector<TapsetPlace> &dirs,
                                      std::string_view ext) {
  std::vector<TapsetPlace> out;
  std::set<std::string> seen;  // base names already taken
  for (const TapsetPlace &dir : dirs) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir.path, ec), end; !ec && it != end;
         it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_regular_file(ec2)) continue;
      std::string name = it->path().filename().string();
      if (name.size() > ext.size() &&
          name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());  // deterministic order
    for (const std::string &n : names)
      if (seen.insert(n).second) out.push_back({dir.path + "/" + n, dir.origin});
  }
  return out;
}

TapsetLibrary::TapsetLibrary(const ElaborateOptions &opts, SourceManager &sm,
                             AstContext &ctx, Diagnostics &diags,
                             MacroTable &macros)
    : opts_(opts), sm_(sm), ctx_(ctx), diags_(diags), macros_(macros) {
  for (const std::string &root : opts.tapset_dirs)
    if (!is_dir(root))
      diags_.report(DiagId::sem_tapset_dir, Location{},
                    "tapset directory '" + root + "' does not exist");
  auto dirs = tapset_search_dirs(opts.tapset_dirs, opts.library_dir,
                                 opts.arch, opts.kernel_release);
  for (const TapsetPlace &place : tapset_files(dirs, ".stp")) {
    File f;
    f.place = place;
    if (!scan_cached(place.path, f.defs)) {
      diags_.report(DiagId::sem_tapset_error, Location{},
                    "cannot read tapset file '" + place.path + "'");
      continue;
    }
    size_t index = files_.size();
    for (const auto &fn : f.defs.functions) functions_.emplace(fn.name, index);
    for (const auto &g : f.defs.globals) globals_.emplace(g.name, index);
    files_.push_back(std::move(f));
  }
}

void TapsetLibrary::load(size_t index) {
  File &f = files_[index];
  if (f.loaded) return;
  f.loaded = true;
  std::string error;
  FileId id = sm_.load(f.place.path, f.place.origin, &error);
  if (id == kNoFile) {
    diags_.report(DiagId::sem_tapset_error, Location{}, error);
    return;
  }
  ParsedFile *pf = parse_file(id, sm_, ctx_, diags_, opts_.parse, macros_);
  if (!pf) return;
  // Mark everything as library code: unused-code warnings skip it and
  // `private` scoping compares files.
  for (VarDecl *g : pf->globals) { g->from_tapset = true; g->file = id; }
  for (FunctionDecl *fn : pf->functions) { fn->from_tapset = true; fn->file = id; }
  for (ProbeDecl *p : pf->probes) { p->from_tapset = true; p->file = id; }
  for (AliasDecl *a : pf->aliases) { a->from_tapset = true; a->file = id; }
  for (EmbeddedDecl *e : pf->embeds) { e->from_tapset = true; e->file = id; }
  pf->file = id;
  parsed_.push_back(pf);
  new_.push_back(pf);
}

void TapsetLibrary::require_function(std::string_view name) {
  auto [b, e] = functions_.equal_range(name);
  for (auto it = b; it != e; ++it) load(it->second);
}

void TapsetLibrary::require_global(std::string_view name) {
  auto [b, e] = globals_.equal_range(name);
  for (auto it = b; it != e; ++it) load(it->second);
}

void TapsetLibrary::require_aliases(const ProbePoint &point) {
  for (size_t i = 0; i < files_.size(); ++i) {
    if (files_[i].loaded) continue;
    for (const auto &name : files_[i].defs.aliases)
      if (alias_name_matches(point, name)) {
        load(i);
        break;
      }
  }
}

std::vector<ParsedFile *> TapsetLibrary::take_new_files() {
  std::vector<ParsedFile *> out;
  out.swap(new_);
  return out;
}

std::vector<std::string> TapsetLibrary::function_names() const {
  std::vector<std::string> out;
  for (const auto &[name, index] : functions_)
    if (out.empty() || out.back() != name) out.push_back(name);
  return out;
}

std::vector<std::string> TapsetLibrary::global_names() const {
  std::vector<std::string> out;
  for (const auto &[name, index] : globals_)
    if (out.empty() || out.back() != name) out.push_back(name);
  return out;
}

std::vector<std::string> TapsetLibrary::alias_names() const {
  std::vector<std::string> out;
  for (const File &f : files_)
    for (const auto &name : f.defs.aliases) out.push_back(join_name(name));
  return out;
}

std::vector<size_t> TapsetLibrary::function_arities(
    std::string_view name) const {
  std::vector<size_t> out;
  auto [b, e] = functions_.equal_range(name);
  for (auto it = b; it != e; ++it)
    for (const auto &fn : files_[it->second].defs.functions)
      if (fn.name == name) out.push_back(fn.arity);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

size_t load_tapset_macros(const ElaborateOptions &opts, SourceManager &sm,
                          Diagnostics &diags, MacroTable &macros) {
  auto dirs = tapset_search_dirs(opts.tapset_dirs, opts.library_dir,
                                 opts.arch, opts.kernel_release);
  size_t count = 0;
  for (const TapsetPlace &place : tapset_files(dirs, ".stpm")) {
    std::string error;
    FileId id = sm.load(place.path, place.origin, &error);
    if (id == kNoFile) {
      diags.report(DiagId::sem_tapset_error, Location{}, error);
      continue;
    }
    load_macro_library(id, sm, diags, opts.parse, macros);
    ++count;
  }
  return count;
}

}  // namespace stap
