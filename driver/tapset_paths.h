// Where the tapset library is searched, in order.
//
// -I dirs come first (a user's tapset shadows the library's), then the
// built-in library: $SYSTEMTAP_TAPSET when set (as SystemTap honours it; the
// privilege pass rejects it for unprivileged users), else the install
// layout's (driver/install_layout.h).
// Only that last, built-in directory holds library code: files from -I and
// $SYSTEMTAP_TAPSET are user tapsets (elaborate/tapset_library.h).
#pragma once

#include <string>
#include <vector>

namespace stap {

struct Options;

struct TapsetPath {
  std::vector<std::string> dirs;  // search order
  std::string library_dir;        // the built-in one (last in dirs)
  bool from_environment = false;  // library_dir came from SYSTEMTAP_TAPSET
  // library_dir unless the environment chose it: the trusted root.
  std::string trusted_dir() const { return from_environment ? "" : library_dir; }
};

TapsetPath tapset_search_path(const Options &opts);

}  // namespace stap
