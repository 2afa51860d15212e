// The cache of where the kernel's inlined copies are probed
// (symbols/kernel_inline_places.h): copies looked up by name, names by
// glob, and the text it writes read back; a file it did not write is
// refused.
#include <gtest/gtest.h>

#include "symbols/kernel_inline_places.h"

namespace stap {
namespace {

KernelInlinePlaces sample() {
  return KernelInlinePlaces({
      {"vfs_fsync_range", "fs/sync.c:180", "vfs_fsync", 0x5, 0x3594a63},
      {"fput_light", "include/linux/file.h:31", "ksys_read", 0x2a, 0x10},
      {"vfs_fsync_range", "fs/sync.c:180", "__x64_sys_fdatasync", 0x21, 0x20},
      {"fput_light", "include/linux/file.h:31", "ksys_write", 0x30, 0x11},
  });
}

std::vector<std::string> where(const std::vector<KernelInlinePlace> &v) {
  std::vector<std::string> out;
  for (const KernelInlinePlace &p : v)
    out.push_back(p.name + "@" + p.declared + " " + p.symbol + "+" +
                  std::to_string(p.offset) + " " + std::to_string(p.die));
  return out;
}

TEST(KernelInlinePlaces, CopiesByNameInTheirOrder) {
  KernelInlinePlaces places = sample();
  EXPECT_EQ(where(places.of("vfs_fsync_range")),
            (std::vector<std::string>{
                "vfs_fsync_range@fs/sync.c:180 vfs_fsync+5 56183395",
                "vfs_fsync_range@fs/sync.c:180 __x64_sys_fdatasync+33 32"}));
  EXPECT_EQ(where(places.of("fput_light")).size(), 2u);
  EXPECT_TRUE(places.of("fput").empty());
  EXPECT_TRUE(places.of("vfs_fsync_rangf").empty());
}

TEST(KernelInlinePlaces, NamesByGlobOnceEach) {
  KernelInlinePlaces places = sample();
  EXPECT_EQ(places.names_matching("*"),
            (std::vector<std::string>{"fput_light", "vfs_fsync_range"}));
  EXPECT_EQ(places.names_matching("vfs_*"),
            (std::vector<std::string>{"vfs_fsync_range"}));
  EXPECT_TRUE(places.names_matching("nothing*").empty());
}

TEST(KernelInlinePlaces, ReadsBackWhatItWrites) {
  auto back = KernelInlinePlaces::parse(sample().text());
  ASSERT_TRUE(back);
  EXPECT_EQ(where(back->of("fput_light")), where(sample().of("fput_light")));
  EXPECT_FALSE(KernelInlinePlaces::parse("stap kernel functions 1\n"));
  EXPECT_FALSE(KernelInlinePlaces::parse(""));
}

TEST(KernelInlinePlaces, AMalformedLineGivesNoCopy) {
  auto places = KernelInlinePlaces::parse(
      "stap kernel inline places 1\nf a.c:1 g zz 10\nf a.c:1 g 5 10\n");
  ASSERT_TRUE(places);
  EXPECT_EQ(where(places->of("f")),
            (std::vector<std::string>{"f@a.c:1 g+5 16"}));
}

}  // namespace
}  // namespace stap
