#include "symbols/kernel_btf.h"

#include <bpf/btf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "parser/file_text.h"
#include "symbols/btf_name_index.h"
#include "symbols/cache_file.h"
#include "symbols/decompress.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

// An uncompressed vmlinux is under 100 MB for a distribution kernel.
constexpr size_t kMaxVmlinux = size_t(512) << 20;
constexpr size_t kMaxModule = size_t(128) << 20;

uint32_t le32(std::string_view s, size_t off) {
  uint32_t v = 0;
  if (off + 4 <= s.size()) memcpy(&v, s.data() + off, 4);
  return v;
}

std::string module_key(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '-', '_');
  return s;
}

// "ext4.ko.xz" -> "ext4"; "" when the file is no module.
std::string module_name_of_file(const std::string &file) {
  for (const char *ext : {".ko", ".ko.xz", ".ko.zst"})
    if (file.ends_with(ext))
      return module_key(file.substr(0, file.size() - strlen(ext)));
  return "";
}

struct btf *btf_from_blob(const std::string &blob, struct btf *base) {
  if (!base) return btf__new(blob.data(), uint32_t(blob.size()));
  // This libbpf does not export btf__new_split: hand it the blob as a file.
  int fd = memfd_create("stap-btf", MFD_CLOEXEC);
  if (fd < 0) return nullptr;
  struct btf *b = nullptr;
  if (write(fd, blob.data(), blob.size()) == ssize_t(blob.size())) {
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    b = btf__parse_raw_split(path.c_str(), base);
  }
  close(fd);
  return b;  // libbpf 1.x returns NULL on error
}

// The vmlinux BTF inside a decompressed vmlinux, fed a piece at a time.
// The ELF section headers are at the image's end, but .BTF sits in the
// read-only data, about halfway in: finding it by its header lets
// decompression stop there instead of producing the whole 60 MB image,
// and only the bytes from a candidate header on are kept.
class BtfInImage {
public:
  // True once the pieces so far hold a whole blob that libbpf accepts as
  // a vmlinux BTF; found() is then that blob.
  bool operator()(std::string_view piece) {
    kept_.append(piece);
    for (;;) {
      size_t at = kept_.find(kMagic, next_);
      if (at == std::string::npos) {
        // Keep what could be the start of a magic cut by the piece's end.
        size_t keep = std::min(kept_.size(), kMagic.size() - 1);
        kept_.erase(0, kept_.size() - keep);
        next_ = 0;
        return false;
      }
      kept_.erase(0, at);
      next_ = 0;
      if (kept_.size() < kMinHeader) return false;
      size_t size = blob_size(kept_);
      if (size != 0 && kept_.size() < size) return false;
      if (size != 0 &&
          is_vmlinux_btf(std::string_view(kept_).substr(0, size))) {
        kept_.resize(size);
        done_ = true;
        return true;
      }
      next_ = 1;
    }
  }

  // The blob once operator() said so, else empty.
  std::string found() const { return done_ ? kept_ : std::string(); }

private:
  // struct btf_header: magic 0xeB9F, version 1, flags 0, then hdr_len,
  // type_off, type_len, str_off, str_len (little-endian u32s).
  static constexpr std::string_view kMagic{"\x9f\xeb\x01\x00", 4};
  static constexpr size_t kMinHeader = 24;

  // The whole blob's size by its header, or 0 when the header is implausible.
  static size_t blob_size(std::string_view h) {
    uint64_t hdr_len = le32(h, 4), type_off = le32(h, 8),
             type_len = le32(h, 12), str_off = le32(h, 16),
             str_len = le32(h, 20);
    if (hdr_len < kMinHeader || hdr_len > 256 || type_len == 0 || str_len == 0)
      return 0;
    uint64_t size = hdr_len + std::max(type_off + type_len, str_off + str_len);
    return size <= kMaxVmlinux ? size_t(size) : 0;
  }

  // A BPF object embedded in the kernel carries a BTF too, of a few
  // hundred types; the kernel's own has tens of thousands and task_struct.
  static bool is_vmlinux_btf(std::string_view blob) {
    struct btf *b = btf__new(blob.data(), uint32_t(blob.size()));
    if (!b) return false;
    bool ok = btf__type_cnt(b) > 10000 &&
              btf__find_by_name_kind(b, "task_struct", BTF_KIND_STRUCT) > 0;
    btf__free(b);
    return ok;
  }

  std::string kept_;  // from the current candidate (or a magic's start) on
  size_t next_ = 0;   // where in kept_ the search for the magic resumes
  bool done_ = false;
};

// The BTF of a cache file, parsed from a read-only mapping: libbpf copies
// it once, where reading it into memory first would copy it twice.
struct btf *btf_from_cache_file(const std::string &path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return nullptr;
  struct stat st;
  struct btf *b = nullptr;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      size_t(st.st_size) <= kMaxVmlinux) {
    void *map =
        mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      b = btf__new(map, uint32_t(st.st_size));
      munmap(map, size_t(st.st_size));
    }
  }
  close(fd);
  return b;  // libbpf 1.x returns NULL on error
}

}  // namespace

std::optional<std::string> elf_btf_section(std::string_view image) {
  elf_version(EV_CURRENT);
  // libelf reads, never writes, a buffer opened with ELF_C_READ_MMAP-less
  // elf_memory; the cast only satisfies its prototype.
  Elf *elf = elf_memory(const_cast<char *>(image.data()), image.size());
  if (!elf) return std::nullopt;
  std::optional<std::string> out;
  size_t shstrndx = 0;
  if (elf_kind(elf) == ELF_K_ELF && elf_getshdrstrndx(elf, &shstrndx) == 0) {
    Elf_Scn *scn = nullptr;
    while ((scn = elf_nextscn(elf, scn)) != nullptr) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh)) continue;
      const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
      if (!name || strcmp(name, ".BTF") != 0) continue;
      Elf_Data *d = elf_getdata(scn, nullptr);
      if (d && d->d_buf) out.emplace(static_cast<const char *>(d->d_buf), d->d_size);
      break;
    }
  }
  elf_end(elf);
  return out;
}

std::optional<std::string> btf_from_bzimage(std::string_view image,
                                            std::string *why) {
  // The boot protocol's setup header (Documentation/arch/x86/boot.rst):
  // setup_sects at 0x1f1, "HdrS" at 0x202, payload_offset/length at 0x248
  // (relative to the protected-mode code after the setup sectors).
  if (image.size() < 0x250 || image.substr(0x202, 4) != "HdrS") {
    *why = "not a bzImage";
    return std::nullopt;
  }
  unsigned setup_sects = static_cast<unsigned char>(image[0x1f1]);
  if (setup_sects == 0) setup_sects = 4;
  size_t start = size_t(setup_sects + 1) * 512 + le32(image, 0x248);
  size_t len = le32(image, 0x24c);
  if (start >= image.size() || len > image.size() - start) {
    *why = "bzImage payload outside the file";
    return std::nullopt;
  }
  std::string_view payload = image.substr(start, len);
  Compression c = compression_of(payload);
  if (c == Compression::none) {
    *why = "bzImage payload is neither XZ nor ZSTD";
    return std::nullopt;
  }
  std::string err;
  BtfInImage finder;
  if (!decompress_pieces(payload, c, kMaxVmlinux, &err, std::ref(finder))) {
    *why = "bzImage payload: " + err;
    return std::nullopt;
  }
  if (std::string blob = finder.found(); !blob.empty()) return blob;
  // Decompressed to the end without spotting it: decompress it whole and
  // ask the ELF section headers.
  auto vmlinux = decompress(payload, c, kMaxVmlinux, &err);
  if (!vmlinux) {
    *why = "bzImage payload: " + err;
    return std::nullopt;
  }
  auto btf = elf_btf_section(*vmlinux);
  if (!btf) *why = "the vmlinux inside has no .BTF section";
  return btf;
}

std::unique_ptr<KernelBtf> KernelBtf::load(const KernelBtfPaths &paths,
                                           std::string *why) {
  std::unique_ptr<KernelBtf> k(new KernelBtf());
  k->paths_ = paths;
  if (paths.is_running) {
    std::string sys = paths.sys_btf + "/vmlinux";
    k->vmlinux_ = btf__parse_raw(sys.c_str());
    if (k->vmlinux_) {
      k->origin_ = sys;
      return k;
    }
  }
  std::string image_path = paths.boot_dir + "/vmlinuz-" + paths.release;
  std::string identity = file_identity(image_path);
  std::string cached = paths.cache_dir.empty() || identity.empty()
                           ? ""
                           : paths.cache_dir + "/" + paths.release + "/vmlinux-" +
                                 identity + ".btf";
  if (!cached.empty() && own_regular_file(cached)) {
    k->vmlinux_ = btf_from_cache_file(cached);
    if (k->vmlinux_) {
      k->origin_ = image_path + " (cached in " + cached + ")";
      return k;
    }
  }
  auto image = read_regular_file(image_path);
  if (!image) {
    if (why)
      *why = "no BTF for kernel " + paths.release + ": cannot read " + image_path;
    return nullptr;
  }
  std::string err;
  auto blob = btf_from_bzimage(*image, &err);
  if (blob) k->vmlinux_ = btf_from_blob(*blob, nullptr);
  if (!k->vmlinux_) {
    if (why)
      *why = "no BTF for kernel " + paths.release + " in " + image_path + ": " +
             (blob ? std::string("libbpf cannot parse its .BTF") : err);
    return nullptr;
  }
  if (!cached.empty()) write_cache(cached, *blob);
  k->origin_ = image_path;
  return k;
}

KernelBtf::~KernelBtf() {
  for (auto &[name, b] : modules_) {
    btf_forget(b);
    btf__free(b);
  }
  btf_forget(vmlinux_);
  btf__free(vmlinux_);
}

const std::map<std::string, std::string> &KernelBtf::module_files() {
  if (modules_scanned_) return module_files_;
  modules_scanned_ = true;
  std::error_code ec;
  fs::path root = fs::path(paths_.modules_root) / paths_.release / "kernel";
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = module_name_of_file(it->path().filename().string());
    if (!name.empty()) module_files_.emplace(name, it->path().string());
  }
  return module_files_;
}

const struct btf *KernelBtf::module(std::string_view name, std::string *why) {
  std::string key = module_key(name);
  if (auto it = modules_.find(key); it != modules_.end()) return it->second;
  struct btf *b = nullptr;
  if (paths_.is_running) {
    std::string sys = paths_.sys_btf + "/" + key;
    if (access(sys.c_str(), R_OK) == 0) {
      b = btf__parse_raw_split(sys.c_str(), vmlinux_);
    }
  }
  if (!b) {
    const auto &files = module_files();
    auto f = files.find(key);
    if (f == files.end()) {
      if (why) *why = "no module '" + key + "' for kernel " + paths_.release;
      return nullptr;
    }
    std::string err;
    std::optional<std::string> elf = read_regular_file(f->second);
    if (elf) elf = decompress(*elf, compression_of(*elf), kMaxModule, &err);
    std::optional<std::string> blob = elf ? elf_btf_section(*elf) : std::nullopt;
    if (blob) b = btf_from_blob(*blob, vmlinux_);
    if (!b) {
      if (why)
        *why = f->second + (elf ? ": no usable .BTF section" : ": " + err);
      return nullptr;
    }
  }
  modules_.emplace(key, b);
  return b;
}

namespace {

// Sorted, unique; the names are sorted where they lie in the BTF's string
// section, and copied once, in order.
std::vector<std::string> sorted_names(std::vector<std::string_view> &names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return {names.begin(), names.end()};
}

std::vector<std::string> func_names(const struct btf *b, uint32_t first) {
  std::vector<std::string_view> names;
  uint32_t n = btf__type_cnt(b);
  for (uint32_t id = first; id < n; ++id) {
    const struct btf_type *t = btf__type_by_id(b, id);
    if (t && btf_is_func(t))
      names.emplace_back(btf__name_by_offset(b, t->name_off));
  }
  return sorted_names(names);
}

}  // namespace

namespace {

// The NAME of each btf_trace_NAME typedef from type id `first` on.
std::vector<std::string> trace_names(const struct btf *b, uint32_t first) {
  std::vector<std::string_view> names;
  uint32_t n = btf__type_cnt(b);
  for (uint32_t id = first; id < n; ++id) {
    const struct btf_type *t = btf__type_by_id(b, id);
    if (!t || !btf_is_typedef(t)) continue;
    std::string_view name = btf__name_by_offset(b, t->name_off);
    if (name.starts_with("btf_trace_"))
      names.emplace_back(name.substr(strlen("btf_trace_")));
  }
  return sorted_names(names);
}

}  // namespace

std::vector<std::string> KernelBtf::tracepoint_names() const {
  return trace_names(vmlinux_, 1);
}

std::vector<std::string>
KernelBtf::module_tracepoint_names(std::string_view module) {
  const struct btf *b = this->module(module);
  if (!b) return {};
  return trace_names(b, btf__type_cnt(vmlinux_));
}

std::vector<std::string> KernelBtf::function_names() const {
  return func_names(vmlinux_, 1);
}

std::vector<std::string> KernelBtf::module_function_names(
    std::string_view module) {
  const struct btf *b = this->module(module);
  if (!b) return {};
  return func_names(b, btf__type_cnt(vmlinux_));
}

}  // namespace stap
