#include "codegen/build_module.h"

#include <filesystem>
#include <unistd.h>

#include "codegen/kbuild.h"
#include "codegen/kernel_features.h"
#include "codegen/subprocess.h"

namespace stap {

namespace fs = std::filesystem;

std::string executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : exe.parent_path().string();
}

namespace {

// Runs stap-check-c over the C; returns its findings, or "" when clean.
bool run_emission_check(const ModuleBuildRequest &req, const std::string &c_path,
                        std::string *findings) {
  std::vector<std::string> argv = {req.checker_path};
  if (req.unprivileged) argv.push_back("--unprivileged");
  if (!req.api_dir.empty()) {
    argv.push_back("--api-dir");
    argv.push_back(req.api_dir);
  }
  argv.push_back(c_path);
  ProcessResult p = run_process(argv, clean_build_environment());
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
  if (req.emission_check) {
    std::error_code ec;
    fs::create_directories(req.work_dir, ec);
    std::string c_path = req.work_dir + "/" + main_c;
    write_file_atomic(c_path, req.c_source);
    std::string findings;
    if (!run_emission_check(req, c_path, &findings)) {
      r.translator_bug = true;
      r.log = findings;
      r.error = "the generated C failed the emission check (a translator "
                "bug; please report it with the script)";
      return r;
    }
  }

  KbuildJob job;
  job.kernel_build_dir = req.kernel_build_dir;
  job.work_dir = req.work_dir;
  job.module_name = req.module_name;
  job.sources = {{"stap_features.h", features.header}, {main_c, req.c_source}};
  job.cflags = {"-I" + req.runtime_dir, "-I" + req.work_dir};
  for (const auto &d : req.defines) job.cflags.push_back("-D" + d);
  job.verbose = req.verbose;
  KbuildOutcome k = run_kbuild(job);
  r.log = std::move(k.log);
  if (!k.ok) {
    r.error = k.error;
    return r;
  }
  r.ok = true;
  r.ko_path = k.ko_path;
  return r;
}

}  // namespace stap
