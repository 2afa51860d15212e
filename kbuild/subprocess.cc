#include "kbuild/subprocess.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace stap {

namespace {

// Root-owned system directories: the only places a program named without
// a path is taken from, and the only PATH make and the compiler see.
constexpr const char *kTrustedToolDirs[] = {"/usr/bin", "/bin", "/usr/sbin",
                                            "/sbin"};

}  // namespace

std::string trusted_tool_path() {
  std::string path;
  for (const char *dir : kTrustedToolDirs)
    path += (path.empty() ? "" : ":") + std::string(dir);
  return path;
}

std::string resolve_tool(const std::string &program, std::string *why) {
  if (program.starts_with("/")) return program;
  if (program.empty() || program.find('/') != std::string::npos) {
    *why = "refusing to run '" + program +
           "': a program is run by absolute path or by name from " +
           trusted_tool_path() + ", never relative to the current directory";
    return "";
  }
  for (const char *dir : kTrustedToolDirs) {
    std::string full = std::string(dir) + "/" + program;
    if (access(full.c_str(), X_OK) == 0) return full;
  }
  *why = "cannot run '" + program + "': not found in " + trusted_tool_path();
  return "";
}

ProcessResult run_process(const std::vector<std::string> &argv,
                          const std::vector<std::string> &env,
                          const std::string &cwd) {
  ProcessResult r;
  if (argv.empty()) {
    r.error = "empty command";
    return r;
  }
  std::string program = resolve_tool(argv[0], &r.error);
  if (program.empty()) return r;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    r.error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  std::vector<char *> args, envp;
  for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  for (const auto &e : env) envp.push_back(const_cast<char *>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) {
    r.error = std::string("fork: ") + std::strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return r;
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    execve(program.c_str(), args.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  char buf[65536];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      r.output.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
    if (r.exit_code == 127 && r.output.empty())
      r.error = "cannot run '" + argv[0] + "'";
  }
  return r;
}

std::vector<std::string> clean_build_environment() {
  return {"PATH=" + trusted_tool_path(), "LC_ALL=C", "LANG=C",
          "HOME=/nonexistent"};
}

}  // namespace stap
