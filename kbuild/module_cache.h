// The pass-3/4 cache: a module built once for the same script, tapsets,
// options, kernel and runtime is reused, skipping C generation and kbuild.
//
// Layout: CACHE_DIR/<first two hex digits>/<key>/stap_<key prefix>.ko (+ .c):
// the file carries the module's own name, as staprun requires. Entries are written atomically, so a crash never
// leaves a half-written module to be picked up later.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace stap {

struct CacheKeyInputs {
  std::string translator_version;
  std::string script_text;
  std::vector<std::string> tapset_texts;  // every library file used, in order
  std::vector<std::string> options;       // each option that changes output
  std::string kernel_release;
  std::string kernel_build_dir;
  std::string runtime_dir;  // every file in it is hashed
};

// SHA-256 over the inputs plus the identity of the kernel build tree (size
// and mtime of its .config and Module.symvers: hashing 2 MB of symbols on
// every run would cost the cache hit its speed).
std::string module_cache_key(const CacheKeyInputs &in);

// The module name a cached build of `key` has: "stap_" + 16 hex digits.
std::string module_name_for_key(const std::string &key);

class ModuleCache {
public:
  // `dir` is the caller's checked cache directory (the driver's
  // Options::cache_dir), never a shared one.
  explicit ModuleCache(std::string dir) : dir_(std::move(dir)) {}

  std::optional<std::string> lookup(const std::string &key) const;
  // Copies the built module (and its C) in; returns the cached .ko path.
  std::optional<std::string> store(const std::string &key,
                                   const std::string &ko_path,
                                   const std::string &c_source,
                                   std::string *error);
  const std::string &dir() const { return dir_; }
  // Removes every cached module (not the kernel feature objects): what
  // --clean-cache does. Returns how many entries went.
  size_t remove_modules();

private:
  std::string entry(const std::string &key, const char *ext) const;
  std::string dir_;
};

}  // namespace stap
