// procfs probes: a file under /proc/systemtap/MODULE that a probe body
// fills when read or receives when written (runtime/procfs.c).
#include <algorithm>
#include <map>
#include <optional>

#include "probes/family.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

void register_types(ProbeRegistry &reg) {
  for (const char *base : {"procfs", "procfs(string)"}) {
    std::string b = base;
    std::string file = b == "procfs"
                           ? "/proc/systemtap/MODULE/command"
                           : "the named file under /proc/systemtap/MODULE";
    // has_target_vars: $value (elaborate/procfs_target_vars.cc).
    auto add = [&](std::string suffix, std::string description,
                   bool positive = false) {
      reg.add({.pattern = b + suffix,
               .action = "probe.procfs",
               .description = std::move(description),
               .has_target_vars = true,
               .positive_numbers = positive});
    };
    add(".read", "supplies the contents of " + file + " when read");
    add(".read.maxsize(number)",
        "supplies up to N bytes of " + file + " when read", true);
    add(".umask(number).read.maxsize(number)",
        "like .read.maxsize, with the permission mask");
    add(".write", "receives what is written to " + file);
    add(".umask(number).read", "like .read, with the file's permission mask");
    add(".umask(number).write", "like .write, with the file's permission mask");
  }
}

// The file is created under /proc/systemtap/MODULE, so its path must stay
// there: SystemTap's rules, with its wording.
ProbeFamilyDef::PointError check_path(const ProbePoint &pp) {
  const ProbePointComponent &c = pp.components[0];
  if (!c.arg || c.arg->kind != ExprKind::string) return {};
  std::string_view path = static_cast<const StringLit *>(c.arg)->value;
  if (path.starts_with('/')) return {"procfs path cannot start with a '/'"};
  if (path.empty() || path.ends_with('/'))
    return {"procfs path cannot end with a '/'"};
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part.empty()) return {"procfs path component cannot be empty"};
    // The kernel warns (a stack trace, or a panic under panic_on_warn) on
    // a name procfs cannot hold.
    if (part.size() > 255)
      return {"procfs path component is longer than 255 bytes"};
    if (part.find('\0') != std::string_view::npos)
      return {"procfs path cannot contain a NUL byte"};
    if (part == "." || part == "..")
      return {"procfs path cannot be relative (and contain '.' or '..')"};
    start = end + 1;
  }
  return {};
}

// One file and the probes on it; a directory when `dir`.
struct ProcfsFile {
  std::string path;
  bool dir = false;
  int read = -1, write = -1;  // index of the point, -1 if none
  std::optional<int64_t> umask;
  int64_t maxsize = 0;  // 0: STP_PROCFS_BUFSIZE
};

std::string path_of(const ProbePoint &pp) {
  const Expr *arg = pp.components[0].arg;
  return arg && arg->kind == ExprKind::string
             ? static_cast<const StringLit *>(arg)->value
             : "command";
}

bool has_component(const ProbePoint &pp, std::string_view name) {
  return std::any_of(pp.components.begin(), pp.components.end(),
                     [&](const auto &c) { return c.name == name; });
}

// The files and directories the probes make, parents first; the rules on
// how probes share a file are reported here, for pass 2.
std::vector<ProcfsFile>
collect_files(const std::vector<const ProbePoint *> &points,
              Diagnostics &diags) {
  std::vector<ProcfsFile> out;
  std::map<std::string, size_t> at;  // path -> index in out
  auto conflict = [&](const ProbePoint &pp, const std::string &msg,
                      const ProbePoint *first) {
    Diagnostic &d = diags.error(DiagId::probe_bad_param, pp.loc, msg);
    if (first) d.notes.push_back({first->loc, "the other probe is here"});
  };
  auto entry = [&](const std::string &path, bool dir, const ProbePoint &pp,
                   const ProbePoint *other) -> ProcfsFile * {
    auto it = at.find(path);
    if (it == at.end()) {
      at[path] = out.size();
      out.push_back({.path = path, .dir = dir});
      return &out.back();
    }
    ProcfsFile &f = out[it->second];
    if (f.dir != dir) {
      conflict(pp,
               "procfs path \"" + path +
                   "\" is both a file and a directory of other procfs files",
               other);
      return nullptr;
    }
    return &f;
  };
  for (size_t i = 0; i < points.size(); ++i) {
    const ProbePoint &pp = *points[i];
    std::string path = path_of(pp);
    bool dir_ok = true;
    for (size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
      dir_ok = entry(path.substr(0, slash), true, pp, nullptr) && dir_ok;
    ProcfsFile *f = dir_ok ? entry(path, false, pp, nullptr) : nullptr;
    if (!f) continue;
    bool read = has_component(pp, "read");
    int &slot = read ? f->read : f->write;
    if (slot >= 0) {
      conflict(pp,
               std::string("only one ") + (read ? "read" : "write") +
                   " procfs probe can exist for procfs path \"" + path + "\"",
               points[size_t(slot)]);
      continue;
    }
    if (const Expr *u = pp.arg_of("umask")) {
      int64_t mask = static_cast<const NumberLit *>(u)->value;
      if (f->umask && *f->umask != mask) {
        int other = read ? f->write : f->read;
        conflict(pp,
                 "procfs path \"" + path +
                     "\" has conflicting umask values in its read and "
                     "write probes",
                 other >= 0 ? points[size_t(other)] : nullptr);
        continue;
      }
      f->umask = mask;
    }
    if (read && has_component(pp, "maxsize"))
      f->maxsize = probe_number_arg(pp.components.back(), 0);
    slot = int(i);
  }
  return out;
}

// stapprobes(3stap): 0400 to read, 0200 to write, 0600 for both; with a
// umask, 0444/0222/0666 less the mask (umask(0040).read is 0404).
int64_t mode_of(const ProcfsFile &f) {
  int64_t mode = (f.read >= 0 ? 4 : 0) | (f.write >= 0 ? 2 : 0);
  if (!f.umask) return mode << 6;
  return (mode * 0111) & ~*f.umask & 0777;
}

void check_files(const std::vector<const ProbePoint *> &points,
                 Diagnostics &diags) {
  collect_files(points, diags);
}

std::string octal(int64_t v) {
  char buf[16];
  snprintf(buf, sizeof(buf), "0%llo", static_cast<unsigned long long>(v));
  return buf;
}

// One struct stp_procfs_file per file and directory (runtime/procfs.h).
std::vector<std::string> emit_providers(const std::vector<FamilyProbe> &probes,
                                        CWriter &out, Diagnostics &diags) {
  std::vector<const ProbePoint *> points;
  for (const FamilyProbe &p : probes) points.push_back(p.point);
  std::vector<ProcfsFile> files = collect_files(points, diags);
  auto probe = [&](int i) {
    return i < 0 ? std::string("NULL") : "&" + probes[size_t(i)].probe;
  };
  {
    auto t =
        out.block("static struct stp_procfs_file stp_procfs_files[] =", ";");
    for (const ProcfsFile &f : files) {
      if (f.dir) {
        out.line("{ .path = " + c_string_literal(f.path) + ", .dir = true },");
        continue;
      }
      std::string maxsize =
          f.maxsize ? std::to_string(f.maxsize) : "STP_PROCFS_BUFSIZE";
      out.line("{ .path = " + c_string_literal(f.path) +
               ", .read = " + probe(f.read) + ", .write = " + probe(f.write) +
               ", .mode = " + octal(mode_of(f)) + ", .maxsize = " + maxsize +
               " },");
    }
  }
  return {"{ &stp_provider_procfs, stp_procfs_files, "
          "ARRAY_SIZE(stp_procfs_files) },"};
}

}  // namespace

const ProbeFamilyDef procfs_family = {.name = "procfs",
                                      .register_types = register_types,
                                      .emit_providers = emit_providers,
                                      .check_point = check_path,
                                      .check_family = check_files};

}  // namespace stap
