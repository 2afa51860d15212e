#include "kbuild/module_cache.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "kbuild/kbuild.h"
#include "kbuild/sha256.h"
#include "parser/file_text.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

std::string stat_identity(const std::string &path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return "missing";
  return std::to_string(st.st_size) + "@" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

std::string read_whole(const std::string &path) {
  return read_regular_file(path).value_or("");
}

}  // namespace

std::string module_cache_key(const CacheKeyInputs &in) {
  Sha256 h;
  h.field("stap-module-cache-v1").field(in.translator_version);
  h.field(in.script_text);
  h.field(std::to_string(in.tapset_texts.size()));
  for (const auto &t : in.tapset_texts) h.field(t);
  h.field(std::to_string(in.options.size()));
  for (const auto &o : in.options) h.field(o);
  h.field(in.kernel_release).field(in.kernel_build_dir);
  for (const char *f : {".config", "Module.symvers"})
    h.field(stat_identity(in.kernel_build_dir + "/" + f));
  h.field(read_whole(in.kernel_build_dir + "/include/config/kernel.release"));
  // The runtime is part of every module; sort so directory order is moot.
  std::vector<std::string> files;
  std::error_code ec;
  if (!in.runtime_dir.empty())
    for (const auto &e : fs::recursive_directory_iterator(in.runtime_dir, ec))
      if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const auto &f : files)
    h.field(f.substr(in.runtime_dir.size())).field(read_whole(f));
  return h.hex();
}

std::string ModuleCache::entry(const std::string &key, const char *ext) const {
  // The file is named after the module inside it (staprun insists).
  return dir_ + "/" + key.substr(0, 2) + "/" + key + "/" +
         module_name_for_key(key) + ext;
}

std::string module_name_for_key(const std::string &key) {
  return "stap_" + key.substr(0, 16);
}

std::optional<std::string> ModuleCache::lookup(const std::string &key) const {
  std::string ko = entry(key, ".ko");
  struct stat st;
  // Only our own regular files count: a symlink or a file someone else
  // planted in a shared cache is ignored.
  if (lstat(ko.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      st.st_uid != geteuid())
    return std::nullopt;
  return ko;
}

std::optional<std::string> ModuleCache::store(const std::string &key,
                                              const std::string &ko_path,
                                              const std::string &c_source,
                                              std::string *error) {
  std::error_code ec;
  fs::create_directories(fs::path(entry(key, ".ko")).parent_path(), ec);
  if (ec) {
    if (error) *error = "cannot create cache directory '" + dir_ + "': " + ec.message();
    return std::nullopt;
  }
  std::string ko = entry(key, ".ko");
  if (!write_file_atomic(entry(key, ".c"), c_source) ||
      !write_file_atomic(ko, read_whole(ko_path))) {
    if (error) *error = "cannot write to cache directory '" + dir_ + "'";
    return std::nullopt;
  }
  return ko;
}

size_t ModuleCache::remove_modules() {
  size_t removed = 0;
  std::error_code ec;
  // Entries live in two-hex-digit directories; everything else (the
  // feature and runtime objects) stays.
  for (fs::directory_iterator bucket(dir_, ec), end; !ec && bucket != end;
       bucket.increment(ec)) {
    std::string name = bucket->path().filename().string();
    if (name.size() != 2 || !std::isxdigit(static_cast<unsigned char>(name[0])) ||
        !std::isxdigit(static_cast<unsigned char>(name[1])) ||
        bucket->is_symlink())
      continue;
    std::error_code ec2;
    for (fs::directory_iterator e(bucket->path(), ec2); !ec2 && e != end;
         e.increment(ec2)) {
      std::error_code ec3;
      if (fs::remove_all(e->path(), ec3) > 0 && !ec3) ++removed;
    }
  }
  return removed;
}

}  // namespace stap
