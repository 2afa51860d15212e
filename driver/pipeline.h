// The passes, in order (DESIGN.md's table): parse, elaborate, privilege,
// translate, build, run. Each is timed for -v and followed by a -pN stop and
// an error stop.
#pragma once

#include <iosfwd>

namespace stap {

struct Options;
class KernelTarget;
class FrontEnd;
struct InvocationVerdict;

struct Streams {
  std::ostream &out;  // -p1/-p2 listings, script output
  std::ostream &err;  // diagnostics, -v reports
  std::istream &in;   // the script for `stap -`
};

// Runs passes 1 .. opts.last_pass on the script the options name, after
// the invocation check (privilege_step.h) that reported into fe's sink.
// `opts` is what the run works from (without_user_paths when restricted).
// Returns the exit status: 0 on success, 1 on any error.
int run_pipeline(const Options &opts, const KernelTarget &kernel, FrontEnd &fe,
                 const InvocationVerdict &invocation, Streams io);

}  // namespace stap
