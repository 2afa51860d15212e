// The tapset library: finds tapset files on the search path, indexes what
// each defines with a cheap scan (tapset_scan.h), and parses a file only when
// the script (transitively) uses a function, global or probe alias it
// defines.
//
// Search path rule (SystemTap's layout). For each root (the -I dirs first,
// then the built-in tapsets/ dir), these directories are searched, most
// specific first:
//   ROOT/linux/6.1.0/  ROOT/linux/6.1/  ROOT/linux/6/
//   ROOT/linux/x86_64/  ROOT/linux/
//   ROOT/6.1.0/  ROOT/6.1/  ROOT/6/     (from the kernel release 6.1.0-26-amd64)
//   ROOT/x86_64/                        (the target arch)
//   ROOT/
// `linux/` is the kernel runtime's subtree (`dyninst/`, `bpf/` for
// --runtime=dyninst, bpf). Other subdirectories are ignored (they belong to
// other runtimes, versions or arches). Within one root every file loads, as
// in SystemTap (linux/context.stp and context.stp define different
// functions; where two define the same one, the first found wins), except
// that a kernel-version directory's file replaces same-named ones found
// after it. Across roots a file replaces every later one with its base
// name, so a -I dir's file replaces the built-in one. `*.stp` files are
// tapsets, `*.stpm` files macro libraries; each kind shadows only its own
// kind.
//
// Trust rule. A file is library code (SourceOrigin::library) only when its
// root is ElaborateOptions::library_dir; files under every other root are
// user tapsets, wherever they were found.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "elaborate/elaborate.h"
#include "elaborate/tapset_scan.h"

namespace stap {

// A directory or file of the search path, with the origin of its root.
struct TapsetPlace {
  std::string path;
  SourceOrigin origin = SourceOrigin::user_tapset;
  std::string root;  // the search-path root it was found under
  // A kernel-version directory: its files replace same-named ones found
  // later. Others add to the library, as in SystemTap (linux/context.stp
  // and context.stp both load).
  bool shadows = false;
  bool operator==(const TapsetPlace &) const = default;
};

// The directories searched, most specific first (only existing ones).
// Those under `library_dir` (one of `roots`, or empty) are library code.
std::vector<TapsetPlace> tapset_search_dirs(
    const std::vector<std::string> &roots, const std::string &library_dir,
    const std::string &arch, const std::string &kernel_release,
    const std::string &runtime = "kernel");

// The runtime's subdirectory of a tapset root: "linux" for the kernel.
std::string runtime_subdir(const std::string &runtime);

// Every file ending in `ext` (".stp" or ".stpm") in `dirs`, shadowing
// applied, in search order.
std::vector<TapsetPlace> tapset_files(const std::vector<TapsetPlace> &dirs,
                                      std::string_view ext);

class TapsetLibrary {
public:
  TapsetLibrary(const ElaborateOptions &opts, SourceManager &sm,
                AstContext &ctx, Diagnostics &diags, MacroTable &macros);

  // Parse (once) every file whose index says it defines the name. Newly
  // parsed files are handed out by take_new_files().
  void require_function(std::string_view name);
  void require_global(std::string_view name);
  // Every file defining an alias with a name `point` matches (wildcards in
  // the point's component names allowed).
  void require_aliases(const ProbePoint &point);

  // Files parsed since the last call.
  std::vector<ParsedFile *> take_new_files();

  // Names in the index, for "did you mean" suggestions.
  std::vector<std::string> function_names() const;
  std::vector<std::string> global_names() const;
  std::vector<std::string> alias_names() const;  // "syscall.open"
  // The function's arities in the index (empty: not defined anywhere).
  std::vector<size_t> function_arities(std::string_view name) const;

  const std::vector<ParsedFile *> &parsed_files() const { return parsed_; }
  size_t indexed_count() const { return files_.size(); }
  size_t parsed_count() const { return parsed_.size(); }

private:
  struct File {
    TapsetPlace place;
    TapsetDefs defs;
    bool loaded = false;
  };
  void load(size_t index);

  const ElaborateOptions &opts_;
  SourceManager &sm_;
  AstContext &ctx_;
  Diagnostics &diags_;
  MacroTable &macros_;
  std::vector<File> files_;
  std::multimap<std::string, size_t, std::less<>> functions_, globals_;
  std::vector<ParsedFile *> parsed_, new_;
};

// True when the alias name (component names) is matched by `point`, whose
// component names may hold wildcards (`*`, `**`).
bool alias_name_matches(const ProbePoint &point,
                        const std::vector<std::string> &alias_name);

}  // namespace stap
