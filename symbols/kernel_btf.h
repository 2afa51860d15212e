// The kernel's own types and function prototypes, from its BTF, parsed by
// libbpf. Where the BTF of release R comes from:
//   - /sys/kernel/btf/vmlinux (and /sys/kernel/btf/MODULE) when R is the
//     running kernel;
//   - otherwise the .BTF section of the vmlinux ELF inside /boot/vmlinuz-R
//     (a bzImage whose payload is XZ or ZSTD), extracted once and cached
//     in the user's cache directory, keyed by the vmlinuz file's identity;
//   - modules: the split BTF in the .BTF section of
//     /lib/modules/R/**/MODULE.ko[.xz|.zst], on top of vmlinux's.
// Nothing here needs a kernel address.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct btf;

namespace stap {

// No defaults: SymbolSource fills these from the run's KernelSymbolPaths.
struct KernelBtfPaths {
  std::string release;          // the target release
  bool is_running = false;      // the target is the kernel we run on
  std::string sys_btf;          // the running kernel's BTF directory
  std::string boot_dir;         // vmlinuz-RELEASE
  std::string modules_root;     // RELEASE/**/MODULE.ko
  std::string
      cache_dir;  // the user's checked CACHE/btf; empty: extract every time
};

class KernelBtf {
public:
  // The vmlinux BTF of paths.release; nullptr with *why naming what was
  // tried.
  static std::unique_ptr<KernelBtf> load(const KernelBtfPaths &paths,
                                         std::string *why);
  ~KernelBtf();
  KernelBtf(const KernelBtf &) = delete;
  KernelBtf &operator=(const KernelBtf &) = delete;

  const struct btf *vmlinux() const { return vmlinux_; }
  // Where vmlinux's BTF was read: "/sys/kernel/btf/vmlinux",
  // "/boot/vmlinuz-6.1.0-... (cached in ...)".
  const std::string &origin() const { return origin_; }

  // The split BTF of a module (name with '_' or '-'), loaded on first use;
  // nullptr with *why when there is none.
  const struct btf *module(std::string_view name, std::string *why = nullptr);

  // Sorted, unique names of the BTF_KIND_FUNC entries of vmlinux, or of one
  // module (only the module's own, not vmlinux's).
  std::vector<std::string> function_names() const;
  std::vector<std::string> module_function_names(std::string_view module);
  // Tracepoints of vmlinux: the NAME of each btf_trace_NAME typedef.
  std::vector<std::string> tracepoint_names() const;
  // The same for one module's own tracepoints.
  std::vector<std::string> module_tracepoint_names(std::string_view module);

  // Every module of the release that has a .ko file (name with '_').
  const std::map<std::string, std::string> &module_files();

private:
  KernelBtf() = default;
  KernelBtfPaths paths_;
  struct btf *vmlinux_ = nullptr;
  std::string origin_;
  bool modules_scanned_ = false;
  std::map<std::string, std::string> module_files_;  // name -> .ko path
  std::map<std::string, struct btf *, std::less<>> modules_;
};

// The .BTF section of an ELF image held in memory; nullopt when absent.
std::optional<std::string> elf_btf_section(std::string_view elf);

// The raw vmlinux BTF inside a bzImage, or nullopt with *why.
std::optional<std::string> btf_from_bzimage(std::string_view image,
                                            std::string *why);

}  // namespace stap
