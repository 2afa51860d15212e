#include "codegen/kbuild.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "codegen/subprocess.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

bool has_headers_tree(const std::string &dir) {
  std::error_code ec;
  return fs::exists(fs::path(dir) / "Makefile", ec);
}

std::vector<std::string> make_command(const std::string &kdir,
                                      const std::string &work, int jobs,
                                      bool verbose) {
  std::vector<std::string> cmd = {"make", "-C", kdir, "M=" + work,
                                  "-j" + std::to_string(jobs > 0 ? jobs : 1)};
  if (verbose) cmd.push_back("V=1");
  return cmd;
}

}  // namespace

bool write_file_atomic(const std::string &path, const std::string &contents) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << contents;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

std::vector<std::string> kbuild_log_lines(const std::string &log,
                                          KbuildLineKind kind,
                                          const std::string &work_dir,
                                          size_t limit, size_t *omitted) {
  bool errors = kind == KbuildLineKind::error;
  std::vector<std::string> lines;
  std::set<std::string> seen;
  size_t skipped = 0;
  std::string prefix = work_dir.empty() ? "" : work_dir + "/";
  size_t pos = 0;
  while (pos < log.size()) {
    size_t nl = log.find('\n', pos);
    if (nl == std::string::npos) nl = log.size();
    std::string line = log.substr(pos, nl - pos);
    pos = nl + 1;
    bool wanted =
        errors ? line.find(": error: ") != std::string::npos ||
                     line.find(": fatal error: ") != std::string::npos ||
                     line.starts_with("ERROR: ")
               : line.find(": warning: ") != std::string::npos ||
                     line.starts_with("WARNING: ");
    if (!wanted) continue;
    if (!prefix.empty() && line.starts_with(prefix))
      line.erase(0, prefix.size());
    if (!seen.insert(line).second) continue;
    if (lines.size() < limit)
      lines.push_back(std::move(line));
    else
      ++skipped;
  }
  if (omitted) *omitted = skipped;
  return lines;
}

KbuildOutcome run_kbuild(const KbuildJob &job) {
  KbuildOutcome r;
  if (!has_headers_tree(job.kernel_build_dir)) {
    r.error = "kernel build tree '" + job.kernel_build_dir +
              "' not found (install the headers for the target kernel, e.g. "
              "linux-headers-amd64)";
    return r;
  }
  std::error_code ec;
  fs::create_directories(job.work_dir, ec);
  if (ec) {
    r.error = "cannot create '" + job.work_dir + "': " + ec.message();
    return r;
  }
  std::string makefile = "obj-m := " + job.module_name + ".o\n";
  std::string objects;
  for (const auto &[name, text] : job.sources) {
    if (!write_file_atomic(job.work_dir + "/" + name, text)) {
      r.error = "cannot write '" + job.work_dir + "/" + name + "'";
      return r;
    }
    if (name.ends_with(".c"))
      objects += " " + name.substr(0, name.size() - 2) + ".o";
    // A prebuilt object: kbuild's _shipped rule copies it into place.
    if (name.ends_with(".o_shipped"))
      objects += " " + name.substr(0, name.size() - 8);
  }
  makefile += job.module_name + "-y :=" + objects + "\n";
  for (const auto &f : job.cflags) makefile += "ccflags-y += " + f + "\n";
  if (!write_file_atomic(job.work_dir + "/Makefile", makefile)) {
    r.error = "cannot write the kbuild Makefile";
    return r;
  }
  auto cmd = make_command(job.kernel_build_dir, job.work_dir, job.jobs,
                          job.verbose);
  cmd.push_back("modules");
  ProcessResult p = run_process(cmd, clean_build_environment());
  r.log = std::move(p.output);
  std::string ko = job.work_dir + "/" + job.module_name + ".ko";
  if (p.exit_code != 0 || !fs::exists(ko, ec)) {
    r.error = p.error.empty() ? "kbuild failed" : p.error;
    return r;
  }
  r.ok = true;
  r.ko_path = ko;
  return r;
}

std::vector<std::string> compile_probes(
    const std::string &kernel_build_dir, const std::string &work_dir,
    const std::vector<std::pair<std::string, std::string>> &tests, int jobs) {
  std::vector<std::string> passed;
  if (!has_headers_tree(kernel_build_dir)) return passed;
  std::error_code ec;
  fs::create_directories(work_dir, ec);
  std::string makefile = "obj-m :=";
  auto cmd = make_command(kernel_build_dir, work_dir, jobs, false);
  cmd.push_back("-k");
  for (const auto &[name, code] : tests) {
    fs::remove(work_dir + "/" + name + ".o", ec);
    write_file_atomic(work_dir + "/" + name + ".c", code);
    makefile += " " + name + ".o";
    cmd.push_back(name + ".o");
  }
  write_file_atomic(work_dir + "/Makefile", makefile + "\n");
  run_process(cmd, clean_build_environment());
  for (const auto &[name, code] : tests)
    if (fs::exists(work_dir + "/" + name + ".o", ec)) passed.push_back(name);
  return passed;
}

}  // namespace stap
