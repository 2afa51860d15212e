// The kernel a script is translated for: release, build tree, .config, arch.
//
// Passes 1 and 2 need only the release (kernel_v, kernel_vr) and CONFIG_
// values for `%( CONFIG_X == "y" %? ... %)`; a missing build tree is not an
// error there, a CONFIG_ lookup just answers "unknown" and the preprocessor
// warns at the construct. Passes 3-4 need the tree and say so themselves.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "symbols/kernel_symbols.h"

namespace stap {

struct Options;

class KernelTarget {
public:
  // -r RELEASE, -r DIR, or the running kernel (uname -r).
  static KernelTarget resolve(const Options &opts);
  // For tests: an explicit release and build tree (which need not exist),
  // never taken for the running kernel.
  static KernelTarget from(std::string release, std::string build_dir,
                           std::string arch);

  const std::string &release() const { return release_; }   // "6.1.0-26-amd64"
  const std::string &version() const { return version_; }   // "6.1.0"
  const std::string &build_dir() const { return build_dir_; }
  bool has_build_dir() const { return has_build_dir_; }
  const std::string &arch() const { return arch_; }          // "x86_64"
  // The release this host runs (uname -r; empty for from()).
  const std::string &running_release() const { return running_release_; }
  // Where the target's symbol tables and types come from: the one rule -l,
  // -L and pass 2 all use, so `-r /build/tree` reaches each of them. The
  // only place that names the host's standard kernel (and library)
  // locations.
  KernelSymbolPaths symbol_paths() const;
  // True when -r named a directory instead of a release.
  bool is_custom_tree() const { return custom_tree_; }

  // CONFIG_NAME's value with quotes removed ("y", "m", "250", "");
  // an option absent from a readable .config is ""; nullopt when no .config
  // could be read. The file is read on first use.
  std::optional<std::string> config(std::string_view name) const;
  // Where the .config came from; empty when none was found (after a lookup).
  std::string config_path() const;
  // The lookup as the preprocessor takes it (shares this target's cache).
  std::function<std::optional<std::string>(std::string_view)>
  config_lookup() const;

private:
  struct ConfigCache {
    bool loaded = false;
    bool available = false;
    std::string path;
    std::unordered_map<std::string, std::string> values;
  };
  void load_config() const;

  std::string release_, version_, build_dir_, arch_, running_release_;
  bool has_build_dir_ = false;
  bool custom_tree_ = false;
  std::shared_ptr<ConfigCache> config_ = std::make_shared<ConfigCache>();
};

// "x86_64" for x86_64, "i386" for i686, "arm64" for aarch64 ... as SystemTap
// names architectures in `%( arch == "..." %)`.
std::string normalize_arch(std::string_view machine);
// The architecture this machine runs, SystemTap's name (uname -m).
std::string host_arch();
// `name` (a SystemTap architecture or a machine name such as "aarch64") as
// SystemTap names it, or nullopt when it is none we know: -a accepts only
// these, as the name becomes a tapset subdirectory.
std::optional<std::string> known_arch(std::string_view name);
// The known names, comma-separated, for messages.
std::string known_arch_list();
// The numeric prefix of a release: "6.1.0-26-amd64" -> "6.1.0".
std::string release_version(std::string_view release);

}  // namespace stap
