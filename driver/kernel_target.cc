#include "driver/kernel_target.h"

#include <sys/stat.h>
#include <sys/utsname.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "driver/options.h"
#include "parser/file_text.h"

namespace stap {

namespace {

// Where a Linux host keeps its kernels' files.
constexpr const char *kModulesRoot = "/lib/modules";
constexpr const char *kBootDir = "/boot";
// Debian's linux-image-RELEASE-dbg installs the kernel's DWARF here.
constexpr const char *kDebugDir = "/usr/lib/debug";

// SystemTap's architecture names, as tapset subdirectories and
// `%( arch == "..." %)` spell them.
constexpr std::string_view kKnownArches[] = {
    "x86_64", "i386", "arm", "arm64", "powerpc", "s390",
    "mips",   "sparc", "sh", "riscv", "ia64",
};

bool is_directory(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string first_line(const std::string &path) {
  std::istringstream in(read_regular_file(path).value_or(""));
  std::string line;
  std::getline(in, line);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.pop_back();
  return line;
}

// A build tree records its release in include/config/kernel.release; the
// utsrelease header is the fallback for older trees.
std::string release_of_tree(const std::string &dir) {
  std::string r = first_line(dir + "/include/config/kernel.release");
  if (!r.empty()) return r;
  std::istringstream in(
      read_regular_file(dir + "/include/generated/utsrelease.h").value_or(""));
  std::string line;
  while (std::getline(in, line)) {
    size_t q1 = line.find('"');
    size_t q2 = line.rfind('"');
    if (line.find("UTS_RELEASE") != std::string::npos && q1 < q2)
      return line.substr(q1 + 1, q2 - q1 - 1);
  }
  return "";
}

}  // namespace

std::string normalize_arch(std::string_view m) {
  if (m.size() == 4 && m[0] == 'i' && m.substr(2) == "86") return "i386";
  if (m == "aarch64") return "arm64";
  if (m.starts_with("arm")) return "arm";
  if (m.starts_with("ppc64") || m == "ppc") return "powerpc";
  if (m.starts_with("s390")) return "s390";
  if (m.starts_with("sparc")) return "sparc";
  if (m.starts_with("mips")) return "mips";
  if (m.starts_with("sh")) return "sh";
  if (m.starts_with("riscv")) return "riscv";
  return std::string(m);
}

std::string host_arch() {
  struct utsname u;
  return normalize_arch(uname(&u) == 0 ? u.machine : "x86_64");
}

std::optional<std::string> known_arch(std::string_view name) {
  auto known = [](std::string_view a) {
    return std::find(std::begin(kKnownArches), std::end(kKnownArches), a) !=
           std::end(kKnownArches);
  };
  bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  if (!plain) return std::nullopt;
  if (known(name)) return std::string(name);
  std::string normalized = normalize_arch(name);
  if (known(normalized)) return normalized;
  return std::nullopt;
}

std::string known_arch_list() {
  std::string out;
  for (std::string_view a : kKnownArches) {
    if (!out.empty()) out += ", ";
    out += a;
  }
  return out;
}

std::string release_version(std::string_view release) {
  size_t n = 0;
  while (n < release.size() &&
         (std::isdigit(static_cast<unsigned char>(release[n])) ||
          release[n] == '.'))
    ++n;
  while (n > 0 && release[n - 1] == '.') --n;
  return std::string(release.substr(0, n));
}

KernelTarget KernelTarget::from(std::string release, std::string build_dir,
                                std::string arch) {
  KernelTarget t;
  t.release_ = std::move(release);
  t.version_ = release_version(t.release_);
  t.build_dir_ = std::move(build_dir);
  t.has_build_dir_ = is_directory(t.build_dir_);
  t.arch_ = std::move(arch);
  return t;
}

KernelTarget KernelTarget::resolve(const Options &opts) {
  struct utsname u;
  std::string running = uname(&u) == 0 ? u.release : "";
  std::string arch = opts.arch.empty() ? host_arch() : opts.arch;
  KernelTarget t;
  if (!opts.kernel_build_dir.empty()) {
    t = from(release_of_tree(opts.kernel_build_dir), opts.kernel_build_dir,
             arch);
    t.custom_tree_ = true;
  } else {
    std::string release =
        opts.kernel_release.empty() ? running : opts.kernel_release;
    t = from(release, std::string(kModulesRoot) + "/" + release + "/build",
             arch);
  }
  t.running_release_ = running;
  return t;
}

KernelSymbolPaths KernelTarget::symbol_paths() const {
  KernelSymbolPaths p;
  p.release = release_;
  p.running_release = running_release_;
  p.build_dir = build_dir_;
  p.kallsyms = "/proc/kallsyms";
  p.boot_dir = kBootDir;
  p.btf_vmlinux = "/sys/kernel/btf/vmlinux";
  p.tracefs = {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"};
  p.modules_root = kModulesRoot;
  if (custom_tree_) {
    p.debug_vmlinux = build_dir_ + "/vmlinux";
    p.debug_modules_dir = build_dir_;
  } else if (!release_.empty()) {
    p.debug_vmlinux = std::string(kDebugDir) + "/boot/vmlinux-" + release_;
    p.debug_modules_dir = std::string(kDebugDir) + "/lib/modules/" + release_;
    p.debug_package = "linux-image-" + release_ + "-dbg";
  }
  // Not the kernel's, but the same kind of fact about the host.
  p.library_path = {"/lib/x86_64-linux-gnu",
                    "/usr/lib/x86_64-linux-gnu",
                    "/lib64",
                    "/usr/lib64",
                    "/lib",
                    "/usr/lib"};
  return p;
}

void KernelTarget::load_config() const {
  ConfigCache &c = *config_;
  if (c.loaded) return;
  c.loaded = true;
  std::string boot_config = std::string(kBootDir) + "/config-" + release_;
  std::string candidates[] = {build_dir_ + "/.config", boot_config};
  for (const std::string &path : candidates) {
    if (path == boot_config && release_.empty()) continue;
    std::optional<std::string> text = read_regular_file(path);
    if (!text) continue;
    std::istringstream in(std::move(*text));
    c.available = true;
    c.path = path;
    std::string line;
    while (std::getline(in, line)) {
      if (!line.starts_with("CONFIG_")) continue;  // comments: "# X is not set"
      size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string value = line.substr(eq + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      c.values.emplace(line.substr(0, eq), std::move(value));
    }
    return;
  }
}

std::optional<std::string> KernelTarget::config(std::string_view name) const {
  load_config();
  if (!config_->available) return std::nullopt;
  auto it = config_->values.find(std::string(name));
  return it == config_->values.end() ? std::string() : it->second;
}

std::string KernelTarget::config_path() const {
  load_config();
  return config_->path;
}

std::function<std::optional<std::string>(std::string_view)>
KernelTarget::config_lookup() const {
  // Copy the target: the lambda must outlive the caller's object, and the
  // shared cache keeps the .config read at most once.
  KernelTarget self = *this;
  return [self](std::string_view name) { return self.config(name); };
}

}  // namespace stap
