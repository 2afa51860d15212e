#include "driver/environment.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "privilege/request.h"
#include "symbols/systemtap_dir.h"

namespace stap {

namespace {

std::string variable(const char *name) {
  const char *v = std::getenv(name);
  return v ? v : "";
}

// "/bin::/usr/bin" -> {"/bin", "/usr/bin"}: an empty entry would mean the
// current directory, which no probe target should be found through.
std::vector<std::string> path_directories(const std::string &path) {
  std::vector<std::string> dirs;
  for (size_t b = 0, e; b <= path.size(); b = e + 1) {
    e = path.find(':', b);
    if (e == std::string::npos) e = path.size();
    if (e > b) dirs.push_back(path.substr(b, e - b));
  }
  return dirs;
}

}  // namespace

void read_environment(Options &opts) {
  opts.environment.clear();
  for (std::string_view name : privilege_environment_variables())
    if (const char *v = std::getenv(std::string(name).c_str()))
      opts.environment.emplace_back(std::string(name), v);
  opts.home = variable("HOME");
  if (opts.home.empty())
    if (const struct passwd *pw = getpwuid(getuid()); pw && pw->pw_dir)
      opts.home = pw->pw_dir;
  opts.program_path = path_directories(variable("PATH"));
  opts.tmpdir_env = variable("TMPDIR");
  // Only SGR parameters get through (parse_diagnostic_colors), so the
  // variable is honoured under --privilege too.
  if (const char *v = std::getenv("SYSTEMTAP_COLORS")) opts.colors_env = v;
  // SYSTEMTAP_DIR only chooses the caller's own directory, and the checks
  // make sure it is theirs alone (DESIGN.md, privilege model).
  opts.cache_dir = private_cache_dir(
      user_systemtap_dir(variable("SYSTEMTAP_DIR"), opts.home), geteuid(),
      &opts.cache_dir_problem);
}

}  // namespace stap
