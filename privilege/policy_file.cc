#include "privilege/policy_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caller.h"
#include "policy_syntax.h"

namespace stap {

namespace {

bool safe_owner(const struct stat &st, uid_t trusted_owner) {
  return st.st_uid == 0 || st.st_uid == trusted_owner;
}

// Writable by others is fine only for a sticky directory (others cannot
// replace what root put there).
bool safe_mode(const struct stat &st) {
  if (!(st.st_mode & (S_IWGRP | S_IWOTH))) return true;
  return S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX);
}

class Fd {
public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) close(fd_); }
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
  int get() const { return fd_; }
  void reset(int fd) { if (fd_ >= 0) close(fd_); fd_ = fd; }

private:
  int fd_;
};

// Walks the absolute path one component at a time with openat and
// O_NOFOLLOW, so no symbolic link and no directory a user can write to is
// ever traversed. Returns the open file, -1 when it does not exist (with
// *reason empty) or is unsafe (with *reason set).
int open_trusted(const std::string &path, uid_t trusted_owner,
                 std::string *reason) {
  if (path.empty() || path[0] != '/') {
    *reason = "path is not absolute";
    return -1;
  }
  Fd dir(open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) {
    *reason = std::string("cannot open '/': ") + std::strerror(errno);
    return -1;
  }
  size_t pos = 1;
  std::string walked;
  for (;;) {
    struct stat st;
    if (fstat(dir.get(), &st) != 0 || !safe_owner(st, trusted_owner) ||
        !safe_mode(st)) {
      *reason = "directory '" + (walked.empty() ? "/" : walked) +
                "' is not owned by root or is writable by others";
      return -1;
    }
    size_t slash = path.find('/', pos);
    std::string name = path.substr(pos, slash == std::string::npos
                                            ? std::string::npos
                                            : slash - pos);
    walked += "/" + name;
    bool last = slash == std::string::npos;
    int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK
                                                           : O_DIRECTORY);
    int fd = openat(dir.get(), name.c_str(), flags);
    if (fd < 0) {
      if (errno != ENOENT)
        *reason = "cannot open '" + walked + "': " + std::strerror(errno) +
                  (errno == ELOOP ? " (symbolic links are not followed)" : "");
      return -1;
    }
    if (last) {
      std::string bad;
      if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        bad = "not a regular file";
      else if (!safe_owner(st, trusted_owner) || !safe_mode(st))
        bad = "file is not owned by root or is writable by group or others";
      if (bad.empty()) return fd;
      close(fd);
      *reason = bad;
      return -1;
    }
    dir.reset(fd);
    pos = slash + 1;
  }
}

// The C reader's grant bits as the translator's set (one catalogue).
ActionSet from_bits(stap_actions bits) {
  ActionSet set;
  for (Action a : all_actions())
    if (bits & (stap_actions{1} << static_cast<int>(a))) set.add(a);
  return set;
}

}  // namespace

ActionSet PrivilegePolicy::granted_to(
    const std::vector<std::string> &groups) const {
  ActionSet out;
  for (const PolicyGrant &g : grants)
    for (const std::string &name : groups)
      if (g.group == name) out.add(g.actions);
  return out;
}

// The lines are read by staprun's C reader (policy_syntax.h), so both
// programs grant the same; its problems become located warnings.
PrivilegePolicy parse_policy(FileId file, const SourceManager &sm,
                             Diagnostics &diags) {
  PrivilegePolicy policy;
  std::string_view text = sm.text(file);
  struct Place {
    Diagnostics &diags;
    FileId file;
    uint32_t line_start;
  };
  auto report = [](void *ctx, size_t offset, size_t len, const char *msg) {
    auto *at = static_cast<Place *>(ctx);
    uint32_t from = at->line_start + static_cast<uint32_t>(offset);
    at->diags.report(DiagId::priv_policy_bad_line,
                     Location{at->file, from, from + static_cast<uint32_t>(len),
                              kNoExpansion},
                     msg);
  };
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    Place at{diags, file, static_cast<uint32_t>(begin)};
    struct stap_policy_grant grant;
    if (stap_policy_parse_line(text.data() + begin, end - begin, &grant, report,
                               &at))
      policy.grants.push_back({std::string(grant.group, grant.group_len),
                               from_bits(grant.actions)});
    begin = end + 1;
  }
  return policy;
}

PrivilegePolicy load_policy(const std::string &path, SourceManager &sm,
                            Diagnostics &diags, uid_t trusted_owner) {
  std::string reason;
  int fd = open_trusted(path, trusted_owner, &reason);
  if (fd < 0) {
    if (!reason.empty())
      diags.report(DiagId::priv_policy_ignored, Location{},
                   "privilege policy '" + path + "' ignored: " + reason);
    return {};
  }
  Fd file(fd);
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > (1u << 20)) {
      diags.report(DiagId::priv_policy_ignored, Location{},
                   "privilege policy '" + path + "' ignored: larger than 1 MiB");
      return {};
    }
  }
  return parse_policy(sm.add(path, std::move(text), SourceOrigin::generated), sm, diags);
}

std::vector<std::string> caller_groups() {
  struct caller c;
  std::vector<std::string> names;
  if (caller_read(&c))
    for (const char *const *g = c.group_names; *g; ++g) names.emplace_back(*g);
  return names;
}

ActionSet policy_grants_for_caller(SourceManager &sm, Diagnostics &diags) {
  return load_policy(kPrivilegePolicyPath, sm, diags).granted_to(caller_groups());
}

}  // namespace stap
