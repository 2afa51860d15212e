#include "kbuild/build_module.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "kbuild/kbuild.h"
#include "kbuild/kernel_features.h"
#include "kbuild/module_cache.h"
#include "kbuild/subprocess.h"
#include "parser/file_text.h"
#include "staprun/module_size.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

const std::string kRuntimeObject = "stap_runtime_obj";
// Enough to see the first problem and its knock-on errors, short enough
// that a broken embedded-C block does not flood the terminal.
constexpr size_t kMaxCompilerLines = 20;

std::string read_file(const std::string &path) {
  return read_regular_file(path).value_or("");
}

// What the prebuilt runtime depends on: the kernel tree, the runtime's
// sources, the detected features and the -D limits.
std::string runtime_object_key(const ModuleBuildRequest &req,
                               const std::string &features) {
  CacheKeyInputs in;
  in.translator_version = "runtime-object-v2";
  in.script_text = features;
  in.options = req.defines;
  in.options.push_back(frame_limit_flag(req.frame_limit));
  in.kernel_build_dir = req.kernel_build_dir;
  in.runtime_dir = req.runtime_dir;
  return module_cache_key(in);
}

// Runs stap-check-c over the C kbuild just compiled, with the arguments
// kbuild gave the compiler, from the directory it ran in: the check parses
// the very translation unit that became the module. Returns true when
// clean, else false with the findings.
bool run_emission_check(const ModuleBuildRequest &req, const KbuildJob &job,
                        const std::string &main_c, std::string *findings) {
  std::vector<std::string> compiler_args = kbuild_compile_args(
      req.work_dir, main_c.substr(0, main_c.size() - 2) + ".o");
  if (compiler_args.empty()) {
    *findings = "kbuild left no record of how it compiled '" + main_c + "'";
    return false;
  }
  // The compiler's own preprocessed text: what it compiled, line by line.
  std::string compiled = kbuild_preprocess(job, main_c, findings);
  if (compiled.empty()) return false;
  std::vector<std::string> argv = {req.checker_path, "--compiled", compiled};
  if (req.unprivileged) argv.push_back("--unprivileged");
  if (!req.api_dir.empty()) {
    argv.push_back("--api-dir");
    argv.push_back(req.api_dir);
  }
  argv.push_back(req.work_dir + "/" + main_c);
  argv.push_back("--");
  argv.insert(argv.end(), compiler_args.begin(), compiler_args.end());
  ProcessResult p =
      run_process(argv, clean_build_environment(), req.kernel_build_dir);
  *findings = p.output.empty() ? p.error : p.output;
  return p.exit_code == 0;
}

}  // namespace

ModuleBuildResult build_module(const ModuleBuildRequest &req) {
  ModuleBuildResult r;
  FeatureReport features = detect_kernel_features(
      req.kernel_build_dir, req.cache_dir, req.work_dir + "/features");
  if (!features.error.empty()) {
    r.error = features.error +
              " (install the headers for the target kernel, e.g. "
              "linux-headers-amd64, or pick another with -r)";
    return r;
  }
  r.features_from_cache = features.from_cache;

  std::string main_c = req.module_name + "_main.c";
  KbuildJob job;
  job.kernel_build_dir = req.kernel_build_dir;
  job.work_dir = req.work_dir;
  job.module_name = req.module_name;
  job.sources = {{"stap_features.h", features.header}, {main_c, req.c_source}};
  job.cflags = {"-I" + req.runtime_dir, "-I" + req.work_dir};
  for (const auto &d : req.defines) job.cflags.push_back("-D" + d);
  if (req.frame_limit) job.cflags.push_back(frame_limit_flag(req.frame_limit));
  // The runtime is most of a module's compile time and the same for every
  // script: with a cache it is compiled once per kernel, runtime, feature
  // set and -D set, and linked in prebuilt afterwards.
  std::string runtime_object;
  if (!req.cache_dir.empty()) {
    runtime_object = req.cache_dir + "/runtime-" +
                     runtime_object_key(req, features.header) + ".o";
    job.cflags.push_back("-DSTAP_RUNTIME_SEPARATE");
    std::string prebuilt = read_file(runtime_object);
    std::string cmd = read_file(runtime_object + ".cmd");
    if (!prebuilt.empty() && !cmd.empty()) {
      // modpost wants the object's kbuild command record beside it.
      job.sources.emplace_back(kRuntimeObject + ".o_shipped", prebuilt);
      job.sources.emplace_back("." + kRuntimeObject + ".o.cmd", cmd);
      r.runtime_from_cache = true;
    } else {
      job.sources.emplace_back(kRuntimeObject + ".c",
                               "#include \"stap_features.h\"\n"
                               "#include \"stap_runtime.h\"\n"
                               "#include \"stap_runtime.c\"\n");
    }
  }
  job.verbose = req.verbose;
  KbuildOutcome k = run_kbuild(job);
  if (!k.ok && r.runtime_from_cache && frame_overflows(k.log).empty()) {
    // A kbuild without the _shipped rule (or a stale object) must not cost
    // the user the module: build it whole, as one translation unit.
    std::erase_if(job.sources, [](const auto &f) {
      return f.first.find(kRuntimeObject) != std::string::npos;
    });
    std::erase(job.cflags, "-DSTAP_RUNTIME_SEPARATE");
    r.runtime_from_cache = false;
    std::error_code ec;
    fs::remove(runtime_object, ec);  // the next build makes a fresh one
    runtime_object.clear();
    k = run_kbuild(job);
  }
  r.log = std::move(k.log);
  if (!k.ok) {
    r.error = k.error;
    r.frame_overflows = frame_overflows(r.log);
    r.compiler_errors =
        kbuild_log_lines(r.log, KbuildLineKind::error, req.work_dir,
                         kMaxCompilerLines, &r.compiler_errors_omitted);
    std::erase_if(r.compiler_errors, is_frame_overflow_line);
    return r;
  }
  // Checked after the build, so against what was compiled; a module that
  // fails is never handed out.
  std::string findings;
  if (req.emission_check && !run_emission_check(req, job, main_c, &findings)) {
    std::error_code ec;
    fs::remove(k.ko_path, ec);
    r.translator_bug = true;
    r.log = findings;
    r.error = "the generated C failed the emission check (a translator "
              "bug, or embedded C it refuses; please report it with the "
              "script)";
    return r;
  }
  r.compiler_warnings =
      kbuild_log_lines(r.log, KbuildLineKind::warning, req.work_dir,
                       kMaxCompilerLines, &r.compiler_warnings_omitted);
  if (!runtime_object.empty() && !r.runtime_from_cache) {
    write_file_atomic(runtime_object + ".cmd",
                      read_file(req.work_dir + "/." + kRuntimeObject + ".o.cmd"));
    write_file_atomic(runtime_object,
                      read_file(req.work_dir + "/" + kRuntimeObject + ".o"));
  }
  std::error_code ec;
  r.error = module_size_error(fs::file_size(k.ko_path, ec));
  if (!r.error.empty()) return r;
  r.ok = true;
  r.ko_path = k.ko_path;
  return r;
}

std::string module_size_error(uint64_t bytes) {
  if (bytes <= STAP_MODULE_MAX_SIZE) return "";
  return "the module is " + std::to_string(bytes) + " bytes, over the limit of " +
         std::to_string(STAP_MODULE_MAX_SIZE >> 20) +
         " MiB that staprun loads (fewer probes or less code)";
}

}  // namespace stap
