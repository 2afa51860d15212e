// Pass 4's build step: write a kbuild Makefile and the sources into a work
// directory and run the kernel's own build system against a headers tree.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace stap {

struct KbuildJob {
  std::string kernel_build_dir;  // /lib/modules/RELEASE/build
  std::string work_dir;          // created if missing
  std::string module_name;       // "stap_1234"; the .ko is MODULE.ko
  // (file name, contents) written into work_dir; the .c files (and prebuilt
  // NAME.o_shipped objects) are linked into the module in this order.
  std::vector<std::pair<std::string, std::string>> sources;
  std::vector<std::string> cflags;  // ccflags-y entries (-I, -D ...)
  int jobs = 2;
  bool verbose = false;  // V=1
};

struct KbuildOutcome {
  bool ok = false;
  std::string ko_path;  // set when ok
  std::string log;      // make's output (compiler messages)
  std::string error;    // a short reason when !ok
};

// Builds the module. Never throws; a missing headers tree is reported as a
// reason naming the directory.
KbuildOutcome run_kbuild(const KbuildJob &job);

// Builds each (name, source) as its own object with `make -k`, returning
// the names whose object compiled: the basis of kernel API detection.
std::vector<std::string> compile_probes(
    const std::string &kernel_build_dir, const std::string &work_dir,
    const std::vector<std::pair<std::string, std::string>> &tests, int jobs);

// The lines of a kbuild log of one kind: for errors, the compiler's
// "error:" and "fatal error:" lines and modpost's "ERROR:" lines; for
// warnings, "warning:" and modpost's "WARNING:". In order, without
// duplicates, at most `limit` of them (`*omitted` counts the rest). File
// names inside `work_dir` are shown relative to it: that directory is
// temporary, the generated file's name is what the user can act on.
enum class KbuildLineKind { error, warning };
std::vector<std::string> kbuild_log_lines(const std::string &log,
                                          KbuildLineKind kind,
                                          const std::string &work_dir,
                                          size_t limit, size_t *omitted);

// Runs kbuild's own preprocessing rule (`make M=work_dir NAME.i`, the
// compiler with the flags it compiles with and -E) on a source of the
// last run_kbuild(job); returns the .i path, or "" with make's output.
std::string kbuild_preprocess(const KbuildJob &job, const std::string &source_c,
                              std::string *log);

// The arguments the compiler was given for `object` (e.g. "stap_1_main.o")
// in the last build in `work_dir`, as kbuild recorded them in
// `.OBJECT.cmd`, without the compiler's own name; relative paths in them
// are relative to the kernel build tree. Empty when there is no record.
std::vector<std::string> kbuild_compile_args(const std::string &work_dir,
                                             const std::string &object);

// Writes `contents` to `path` atomically (temp file + rename).
bool write_file_atomic(const std::string &path, const std::string &contents);

}  // namespace stap
