#include "kbuild/kbuild.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "probes/c_writer.h"
#include "kbuild/make_quote.h"
#include "kbuild/subprocess.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

bool has_headers_tree(const std::string &dir) {
  std::error_code ec;
  return fs::exists(fs::path(dir) / "Makefile", ec);
}

// A file name make may see unquoted: letters, digits, '_' and '.'.
bool plain_file_name(const std::string &name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
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
  // Names reach make unquoted (obj-m, NAME-y): identifiers only.
  if (!is_c_identifier(job.module_name)) {
    r.error = "invalid module name '" + job.module_name + "'";
    return r;
  }
  std::string makefile = "obj-m := " + job.module_name + ".o\n";
  std::string objects;
  for (const auto &[name, text] : job.sources) {
    if (!plain_file_name(name)) {
      r.error = "invalid source file name '" + name + "'";
      return r;
    }
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
  for (const auto &f : job.cflags) {
    std::optional<std::string> word = make_shell_word(f);
    if (!word) {
      r.error = "cannot pass the compiler option '" + f + "' to make";
      return r;
    }
    makefile += "ccflags-y += " + *word + "\n";
  }
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

namespace {

// kbuild writes a command into a .cmd file escaped for make.
std::string unescape_make(std::string s) {
  for (auto [from, to] : {std::pair{"$(pound)", "#"}, std::pair{"$$", "$"}})
    for (size_t at = s.find(from); at != std::string::npos;
         at = s.find(from, at + 1))
      s.replace(at, std::string_view(from).size(), to);
  return s;
}

// The words of one shell command, up to the first unquoted ';'.
std::vector<std::string> shell_words(std::string_view cmd) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < cmd.size(); ++i) {
    char c = cmd[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0;
      else word += c;
    } else if (quote == '"') {
      if (c == '"') quote = 0;
      else if (c == '\\' && i + 1 < cmd.size() &&
               std::string_view("\"\\$`").find(cmd[i + 1]) != std::string::npos)
        word += cmd[++i];
      else word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < cmd.size()) {
      word += cmd[++i];
      in_word = true;
    } else if (c == ';') {
      break;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::vector<std::string> kbuild_compile_args(const std::string &work_dir,
                                             const std::string &object) {
  std::ifstream in(work_dir + "/." + object + ".cmd");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("cmd_") && !line.starts_with("savedcmd_")) continue;
    size_t eq = line.find(" := ");
    if (eq == std::string::npos) continue;
    std::vector<std::string> words = shell_words(unescape_make(line.substr(eq + 4)));
    if (!words.empty()) words.erase(words.begin());  // the compiler itself
    return words;
  }
  return {};
}

std::string kbuild_preprocess(const KbuildJob &job, const std::string &source_c,
                              std::string *log) {
  std::string target = source_c.substr(0, source_c.size() - 2) + ".i";
  auto cmd = make_command(job.kernel_build_dir, job.work_dir, job.jobs,
                          job.verbose);
  cmd.push_back(target);
  ProcessResult p = run_process(cmd, clean_build_environment());
  std::string path = job.work_dir + "/" + target;
  std::error_code ec;
  if (p.exit_code != 0 || !fs::exists(path, ec)) {
    *log = p.output.empty() ? p.error : p.output;
    return "";
  }
  return path;
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
