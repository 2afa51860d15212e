// Kernel API detection for pass 4: tiny test compiles against the target's
// headers, run once per kernel and cached, turned into a header of
// STAPCONF_* macros that the runtime's compat layer keys on. This is how the
// runtime adapts to a stable update that changed an API under a fixed
// version number.
#pragma once

#include <string>
#include <vector>

namespace stap {

struct FeatureReport {
  std::string header;  // the generated stap_features.h
  std::vector<std::string> present;
  bool from_cache = false;
  std::string error;  // non-empty when detection could not run
};

// `cache_dir` may be empty (no caching). The cache key covers the build
// tree's identity (.config, Module.symvers, kernel release file) and the
// probe table itself.
FeatureReport detect_kernel_features(const std::string &kernel_build_dir,
                                     const std::string &cache_dir,
                                     const std::string &scratch_dir);

// The names of every probe in the table, in order.
std::vector<std::string> kernel_feature_names();

}  // namespace stap
