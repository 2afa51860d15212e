#include "kbuild/kernel_features.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "probes/c_writer.h"
#include "kbuild/kbuild.h"
#include "kbuild/sha256.h"
#include "parser/file_text.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

struct FeatureProbe {
  const char *macro;
  const char *body;
};

const FeatureProbe kProbes[] = {
#define FEATURE(macro, body) {#macro, body},
#include "kbuild/kernel_features.def"
#undef FEATURE
};

const char kControlProbe[] = "stap_control";

std::string read_whole(const std::string &path) {
  return read_regular_file(path).value_or("");
}

// What identifies a headers tree: the files kbuild itself depends on.
std::string tree_identity(const std::string &kdir) {
  Sha256 h;
  h.field(kdir);
  for (const char *f : {".config", "Module.symvers",
                        "include/config/kernel.release",
                        "include/generated/utsrelease.h"}) {
    h.field(f).field(read_whole(kdir + "/" + f));
  }
  for (const auto &p : kProbes) h.field(p.macro).field(p.body);
  return h.hex();
}

std::string render_header(const std::vector<std::string> &present,
                          const std::string &kdir) {
  std::string out = c_comment("Kernel API features detected for " + kdir +
                               " by test compiles. Generated; do not edit.") +
                    "\n#ifndef STAP_FEATURES_H\n#define STAP_FEATURES_H\n";
  for (const auto &p : kProbes) {
    bool have = false;
    for (const auto &n : present) have |= n == p.macro;
    out += have ? "#define " + std::string(p.macro) + " 1\n"
                : "/* " + std::string(p.macro) + " is not available */\n";
  }
  return out + "#endif\n";
}

}  // namespace

std::vector<std::string> kernel_feature_names() {
  std::vector<std::string> names;
  for (const auto &p : kProbes) names.push_back(p.macro);
  return names;
}

FeatureReport detect_kernel_features(const std::string &kdir,
                                     const std::string &cache_dir,
                                     const std::string &scratch_dir) {
  FeatureReport r;
  std::error_code ec;
  if (!fs::exists(kdir + "/Makefile", ec)) {
    r.error = "kernel build tree '" + kdir + "' not found";
    return r;
  }
  std::string cache_file;
  if (!cache_dir.empty()) {
    cache_file = cache_dir + "/features-" + tree_identity(kdir) + ".h";
    if (fs::exists(cache_file, ec)) {
      r.header = read_whole(cache_file);
      r.from_cache = true;
      for (const auto &p : kProbes)
        if (r.header.find(std::string("#define ") + p.macro + " ") !=
            std::string::npos)
          r.present.push_back(p.macro);
      return r;
    }
  }
  std::vector<std::pair<std::string, std::string>> tests;
  // A control that compiles against any tree: without it, a kbuild that
  // cannot run at all would read as "no API present" and be cached.
  tests.emplace_back(kControlProbe, "int f(void) { return 0; }\n");
  for (const auto &p : kProbes) {
    std::string name = p.macro;
    for (auto &c : name) c = static_cast<char>(std::tolower(c));
    // Objects only (no modpost): each body includes just the header it
    // tests, which is most of the cost of a probe.
    tests.emplace_back(name, p.body);
  }
  std::vector<std::string> ok = compile_probes(kdir, scratch_dir, tests, 2);
  if (std::find(ok.begin(), ok.end(), kControlProbe) == ok.end()) {
    r.error = "kernel feature detection cannot compile even an empty object "
              "against '" + kdir + "'";
    return r;
  }
  for (const auto &p : kProbes) {
    std::string name = p.macro;
    for (auto &c : name) c = static_cast<char>(std::tolower(c));
    for (const auto &o : ok)
      if (o == name) r.present.push_back(p.macro);
  }
  r.header = render_header(r.present, kdir);
  if (!cache_file.empty()) {
    fs::create_directories(cache_dir, ec);
    write_file_atomic(cache_file, r.header);
  }
  return r;
}

}  // namespace stap
