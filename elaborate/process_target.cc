#include "elaborate/process_target.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace stap {

namespace {

// The components after process(...) that place code in a file; the
// task-finder events (begin, end, thread, syscall, insn) need no file.
bool is_code_form(const ProbePoint &pp) {
  if (pp.components.size() < 2 || pp.components[0].name != "process")
    return false;
  static const char *const kCode[] = {"function", "statement", "mark",
                                      "provider", "plt",       "library"};
  for (const char *c : kCode)
    if (pp.components[1].name == c) return true;
  return false;
}

// The program a -c command runs: its first word, when the command is a
// plain program and arguments (stapprobes: no '|&;<>(){}', no command
// substitution), since only then is that word what the shell runs.
std::string command_program(const std::string &cmd, std::string *error) {
  auto refuse = [&](char c) {
    *error = std::string("the -c command has '") + c +
             "', so its program is not known before it runs";
    return std::string();
  };
  if (size_t bad = cmd.find_first_of("|&;<>(){}$`"); bad != std::string::npos)
    return refuse(cmd[bad]);
  size_t begin = cmd.find_first_not_of(" \t\n");
  if (begin == std::string::npos) {
    *error = "the -c command is empty";
    return "";
  }
  auto word_at = [&](size_t at) {
    return cmd.substr(at, cmd.find_first_of(" \t\n", at) - at);
  };
  std::string word = word_at(begin);
  // `exec PROG ARGS`: the shell becomes PROG (no fork, same PID).
  if (size_t next = cmd.find_first_not_of(" \t\n", begin + word.size());
      word == "exec" && next != std::string::npos)
    word = word_at(next);
  // A quoted, escaped or VAR=value first word is not the program itself.
  if (size_t bad = word.find_first_of("'\"\\="); bad != std::string::npos)
    return refuse(word[bad]);
  return word;
}

// /proc/PID/exe, read now: the executable PID runs.
std::string pid_executable(int64_t pid, std::string *error) {
  std::string link = "/proc/" + std::to_string(pid) + "/exe";
  char buf[4096];
  ssize_t n = readlink(link.c_str(), buf, sizeof(buf) - 1);
  if (n < 0) {
    *error = "cannot read the executable of process " + std::to_string(pid) +
             " (" + link + ": " + std::strerror(errno) + ")";
    return "";
  }
  std::string exe(buf, static_cast<size_t>(n));
  if (exe.ends_with(" (deleted)")) {
    *error = "the executable of process " + std::to_string(pid) + " ('" +
             exe.substr(0, exe.size() - 10) + "') has been deleted";
    return "";
  }
  return exe;
}

}  // namespace

std::optional<const ProbePoint *>
bind_process_target(const ProbePoint &pp, bool optional,
                    const ElaborateOptions &opts, AstContext &ctx,
                    Diagnostics &diags) {
  if (!is_code_form(pp)) return std::nullopt;
  const Expr *who = pp.components[0].arg;
  if (who && who->kind == ExprKind::string) return std::nullopt;
  std::string exe, error;
  int64_t pid = 0;
  if (who) {  // process(PID)
    pid = static_cast<const NumberLit *>(who)->value;
    if (pid <= 0)
      error =
          "'process' needs a positive process ID, not " + std::to_string(pid);
    else
      exe = pid_executable(pid, &error);
  } else if (!opts.target_command.empty()) {
    exe = command_program(opts.target_command, &error);
  } else if (opts.target_pid > 0) {
    exe = pid_executable(opts.target_pid, &error);
  } else {
    error = "it names no executable: give -c CMD or -x PID, or write "
            "process(\"PATH\")";
  }
  if (exe.empty()) {
    if (!optional)
      diags.error(DiagId::probe_bad_binary,
                  who && who->loc.valid() ? who->loc : pp.loc,
                  "cannot place '" + pp.to_string() + "': " + error);
    return nullptr;
  }
  auto *bound = ctx.make_at<ProbePoint>(pp.loc);
  *bound = pp;
  auto *lit = ctx.make_at<StringLit>(who ? who->loc : pp.components[0].loc);
  lit->value = exe;
  lit->type = Type::string;
  bound->components[0].arg = lit;
  bound->pid = pid;
  return bound;
}

}  // namespace stap
