// The passes, in order (DESIGN.md's table): parse, elaborate, privilege,
// translate, build, run. Each is timed for -v and followed by a -pN stop and
// an error stop.
#pragma once

#include <iosfwd>

namespace stap {

struct Options;
class KernelTarget;

struct Streams {
  std::ostream &out;  // -p1/-p2 listings, script output
  std::ostream &err;  // diagnostics, -v reports
  std::istream &in;   // the script for `stap -`
};

// Runs passes 1 .. opts.last_pass on the script the options name.
// Returns the exit status: 0 on success, 1 on any error.
int run_pipeline(const Options &opts, const KernelTarget &kernel, Streams io);

}  // namespace stap
