// The BTF reader against the real kernels installed on this machine: every
// release under /lib/modules with a /boot/vmlinuz-RELEASE, read from the
// bzImage (XZ on 6.1, ZSTD on 6.12), through the cache, and its modules'
// split BTF (.ko and .ko.xz).
#include <bpf/btf.h>

#include "elaborate/symbols.h"
#include "host_symbol_paths.h"
#include "symbols/btf_types.h"
#include "symbols/decompress.h"
#include "symbols/kernel_btf.h"

#include <gtest/gtest.h>
#include <lzma.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> installed_releases() {
  std::vector<std::string> out = host_releases();
  std::erase_if(out, [](const std::string &r) {
    return !fs::exists("/boot/vmlinuz-" + r);
  });
  return out;
}

struct CacheDir {
  fs::path path;
  CacheDir() {
    char tmpl[] = "/tmp/stap-btf-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~CacheDir() { fs::remove_all(path); }
};

bool has(const std::vector<std::string> &v, const std::string &s) {
  return std::binary_search(v.begin(), v.end(), s);
}

class InstalledKernel : public ::testing::TestWithParam<std::string> {};

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The compressed vmlinux of a bzImage (boot protocol setup header).
std::string_view bzimage_payload(std::string_view image) {
  auto le32 = [&](size_t off) {
    uint32_t v;
    memcpy(&v, image.data() + off, 4);
    return v;
  };
  unsigned sects = static_cast<unsigned char>(image[0x1f1]);
  return image.substr((sects + 1) * 512 + le32(0x248), le32(0x24c));
}

// A bzImage around `vmlinux`, XZ-compressed.
std::string make_bzimage(const std::string &vmlinux) {
  std::string xz(vmlinux.size() + 65536, '\0');
  size_t n = 0;
  lzma_ret r = lzma_easy_buffer_encode(
      0, LZMA_CHECK_CRC32, nullptr,
      reinterpret_cast<const uint8_t *>(vmlinux.data()), vmlinux.size(),
      reinterpret_cast<uint8_t *>(xz.data()), &n, xz.size());
  EXPECT_EQ(r, LZMA_OK);
  xz.resize(n);
  std::string image(1024, '\0');  // one setup sector after the boot sector
  image[0x1f1] = 1;
  image.replace(0x202, 4, "HdrS");
  uint32_t len = uint32_t(xz.size());
  memcpy(image.data() + 0x24c, &len, 4);
  return image + xz;
}

// Decompression stops once .BTF is complete, about halfway into the
// image; what it finds is byte for byte the section the ELF section
// headers at the image's end name.
TEST_P(InstalledKernel, BtfFoundBeforeTheImageEndsIsTheBtfSection) {
  std::string image = read_file("/boot/vmlinuz-" + GetParam());
  std::string_view payload = bzimage_payload(image);
  std::string why;
  auto whole =
      decompress(payload, compression_of(payload), size_t(1) << 30, &why);
  ASSERT_TRUE(whole) << why;
  auto section = elf_btf_section(*whole);
  ASSERT_TRUE(section);
  auto found = btf_from_bzimage(image, &why);
  ASSERT_TRUE(found) << why;
  EXPECT_EQ(found->size(), section->size());
  EXPECT_TRUE(*found == *section);

  // Pieces stop coming once the reader says so.
  size_t pieces = 0, bytes = 0;
  ASSERT_TRUE(decompress_pieces(payload, compression_of(payload),
                                size_t(1) << 30, &why,
                                [&](std::string_view piece) {
                                  bytes += piece.size();
                                  return ++pieces == 3;
                                }))
      << why;
  EXPECT_EQ(pieces, 3u);
  EXPECT_LT(bytes, whole->size());
}

// A BTF magic with a nonsense header, and a small BTF that is not the
// kernel's, are passed over; an image with no BTF at all and no ELF
// section headers says so.
TEST_P(InstalledKernel, FalseStartsBeforeTheBtf) {
  std::string image = read_file("/boot/vmlinuz-" + GetParam());
  std::string why;
  auto real = btf_from_bzimage(image, &why);
  ASSERT_TRUE(real) << why;
  std::string fake_header("\x9f\xeb\x01\x00\xff\xff\xff\xff", 8);
  // A valid BTF of one type: int.
  struct btf *small = btf__new_empty();
  btf__add_int(small, "int", 4, BTF_INT_SIGNED);
  uint32_t small_size = 0;
  const void *small_raw = btf__raw_data(small, &small_size);
  std::string small_blob(static_cast<const char *>(small_raw), small_size);
  btf__free(small);
  std::string vmlinux = std::string(5000, 'x') + fake_header +
                        std::string(3 << 20, 'y') + small_blob +
                        std::string(100, 'z') + *real + std::string(1000, 'w');
  auto found = btf_from_bzimage(make_bzimage(vmlinux), &why);
  ASSERT_TRUE(found) << why;
  EXPECT_TRUE(*found == *real);

  EXPECT_FALSE(btf_from_bzimage(make_bzimage(std::string(2 << 20, 'q')), &why));
  EXPECT_EQ(why, "the vmlinux inside has no .BTF section");
}

TEST_P(InstalledKernel, FunctionsTypesMembersModules) {
  CacheDir cache;
  KernelBtfPaths p = kernel_btf_paths(host_symbol_paths(GetParam()));
  p.is_running = false;  // the boot image, even for the running kernel
  p.cache_dir = cache.path.string();
  std::string why;
  auto k = KernelBtf::load(p, &why);
  ASSERT_TRUE(k) << why;
  EXPECT_EQ(k->origin(), "/boot/vmlinuz-" + GetParam());

  std::vector<std::string> fns = k->function_names();
  EXPECT_GT(fns.size(), 30000u);
  EXPECT_TRUE(has(fns, "vfs_read"));
  EXPECT_TRUE(has(fns, "do_sys_openat2"));

  auto proto = function_proto(k->vmlinux(), "vfs_read");
  ASSERT_TRUE(proto);
  ASSERT_EQ(proto->params.size(), 4u);
  EXPECT_EQ(proto->params[0].first, "file");
  EXPECT_EQ(c_type_name(proto->params[0].second), "struct file *");
  EXPECT_EQ(proto->params[1].first, "buf");
  EXPECT_EQ(c_type_name(proto->params[1].second), "char *");
  EXPECT_EQ(proto->params[2].first, "count");
  EXPECT_EQ(c_type_name(proto->params[2].second), "size_t");
  CType count = describe(proto->params[2].second);
  EXPECT_EQ(count.kind, CKind::integer);
  EXPECT_EQ(count.size, 8u);
  EXPECT_FALSE(count.is_signed);
  EXPECT_EQ(c_type_name(proto->ret), "ssize_t");
  EXPECT_TRUE(describe(proto->ret).is_signed);

  // Fixed layouts: list_head, path, and qstr's anonymous union of struct.
  auto lh = find_c_type(k->vmlinux(), "struct list_head");
  ASSERT_TRUE(lh);
  EXPECT_EQ(find_member(*lh, "prev")->bit_offset, 64u);
  auto qstr = find_c_type(k->vmlinux(), "struct qstr");
  ASSERT_TRUE(qstr);
  auto len = find_member(*qstr, "len");
  ASSERT_TRUE(len);
  EXPECT_EQ(len->bit_offset, 32u);
  EXPECT_EQ(find_member(*qstr, "name")->bit_offset, 64u);
  EXPECT_EQ(c_type_name(find_member(*qstr, "name")->type),
            "const unsigned char *");
  // sk_buff: dev inside an anonymous union in an anonymous struct; a
  // three-bit bitfield.
  auto skb = find_c_type(k->vmlinux(), "sk_buff");
  ASSERT_TRUE(skb);
  auto dev = find_member(*skb, "dev");
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->bit_offset, 128u);
  EXPECT_EQ(c_type_name(dev->type), "struct net_device *");
  auto pkt_type = find_member(*skb, "pkt_type");
  ASSERT_TRUE(pkt_type);
  EXPECT_EQ(pkt_type->bit_size, 3u);
  // task_struct->comm: a char array, read as a string.
  auto task = find_c_type(k->vmlinux(), "struct task_struct");
  ASSERT_TRUE(task);
  auto comm = find_member(*task, "comm");
  ASSERT_TRUE(comm);
  CType ct = describe(comm->type);
  EXPECT_EQ(ct.kind, CKind::array);
  EXPECT_EQ(ct.elems, 16u);
  EXPECT_TRUE(describe(ct.inner).is_char);
  EXPECT_FALSE(find_member(*task, "no_such_member"));
  auto names = member_names(*task);
  EXPECT_NE(std::find(names.begin(), names.end(), "pid"), names.end());

  // The second load comes from the cache.
  auto again = KernelBtf::load(p, &why);
  ASSERT_TRUE(again) << why;
  EXPECT_NE(again->origin().find("(cached in " + cache.path.string()),
            std::string::npos)
      << again->origin();
  EXPECT_EQ(again->function_names().size(), fns.size());

  // Split BTF of a module (.ko on 6.1, .ko.xz on 6.12).
  ASSERT_TRUE(k->module("ext4", &why)) << why;
  auto ext4 = k->module_function_names("ext4");
  EXPECT_TRUE(has(ext4, "ext4_file_write_iter"));
  EXPECT_FALSE(has(ext4, "vfs_read"));
  auto sbi = find_c_type(k->module("ext4"), "struct ext4_sb_info");
  ASSERT_TRUE(sbi);
  EXPECT_TRUE(find_member(*sbi, "s_sb"));
  EXPECT_FALSE(k->module("no_such_module", &why));
  EXPECT_EQ(why, "no module 'no_such_module' for kernel " + GetParam());
}

INSTANTIATE_TEST_SUITE_P(Btf, InstalledKernel,
                         ::testing::ValuesIn(installed_releases()),
                         [](const auto &info) {
                           return release_test_name(info.param);
                         });

TEST(KernelBtf, RunningKernelFromSysfs) {
  if (!fs::exists("/sys/kernel/btf/vmlinux"))
    GTEST_SKIP() << "this kernel has no /sys/kernel/btf/vmlinux";
  KernelBtfPaths p = kernel_btf_paths(host_symbol_paths());
  ASSERT_TRUE(p.is_running);
  std::string why;
  auto k = KernelBtf::load(p, &why);
  ASSERT_TRUE(k) << why;
  EXPECT_EQ(k->origin(), "/sys/kernel/btf/vmlinux");
  EXPECT_TRUE(function_proto(k->vmlinux(), "vfs_read"));
}

TEST(KernelBtf, MissingAndBogusImages) {
  CacheDir dir;
  std::string why;
  KernelBtfPaths p{.release = "9.9.9", .boot_dir = dir.path.string()};
  EXPECT_FALSE(KernelBtf::load(p, &why));
  EXPECT_EQ(why, "no BTF for kernel 9.9.9: cannot read " + dir.path.string() +
                     "/vmlinuz-9.9.9");
  std::string image(0x400, '\0');
  EXPECT_FALSE(btf_from_bzimage(image, &why));
  EXPECT_EQ(why, "not a bzImage");
  image.replace(0x202, 4, "HdrS");
  image[0x248] = 0x7f;  // payload offset beyond the file
  EXPECT_FALSE(btf_from_bzimage(image, &why));
  EXPECT_EQ(why, "bzImage payload outside the file");
}

}  // namespace
}  // namespace stap
