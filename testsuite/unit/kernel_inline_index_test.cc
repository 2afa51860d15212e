// The index of the kernel's functions (symbols/kernel_inline_index.h)
// built from the installed debuginfo (linux-image-RELEASE-dbg), and the
// inlined copies pass 2 makes points of: each release under /lib/modules,
// skipped with the reason when its /usr/lib/debug/boot/vmlinux-RELEASE is
// absent.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "elaborate/kernel_inline_points.h"
#include "elaborate/symbols.h"
#include "host_symbol_paths.h"
#include "symbols/kernel_inline_index.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

class KernelInlineIndexTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    paths_ = host_symbol_paths(GetParam());
    if (!fs::exists(paths_.debug_vmlinux))
      GTEST_SKIP() << "no debuginfo for " << GetParam() << ": "
                   << paths_.debug_vmlinux << " is absent (install "
                   << paths_.debug_package << ")";
  }
  KernelSymbolPaths paths_;
};

// file_ppos (static inline in fs/read_write.c) has no definition of its
// own and a copy in ksys_read: the copy's entry is inside ksys_read, its
// DIE gives the copy with its parameter `file`, declared in read_write.c.
// The cache written on the first build reads back the same index.
TEST_P(KernelInlineIndexTest, FilePposCopiesFromTheCache) {
  SymbolSource symbols(paths_);
  const UserDwarf *dwarf = symbols.kernel_dwarf();
  ASSERT_NE(dwarf, nullptr);
  fs::path dir = fs::temp_directory_path() /
                 ("stap-inline-index-" + std::to_string(getpid()));
  std::string cache = (dir / "index").string();
  KernelInlineIndex built = kernel_inline_index(*dwarf, cache);
  ASSERT_TRUE(fs::exists(cache));
  KernelInlineIndex cached = kernel_inline_index(*dwarf, cache);
  fs::remove_all(dir);
  ASSERT_EQ(built.size(), cached.size());
  auto it = cached.find("file_ppos");
  ASSERT_NE(it, cached.end());
  EXPECT_TRUE(it->second.definitions.empty());
  ASSERT_FALSE(it->second.inlined.empty());
  const auto &b = built.at("file_ppos");
  ASSERT_EQ(b.inlined.size(), it->second.inlined.size());
  for (size_t i = 0; i < b.inlined.size(); ++i) {
    EXPECT_EQ(b.inlined[i].pc, it->second.inlined[i].pc);
    EXPECT_EQ(b.inlined[i].die, it->second.inlined[i].die);
  }
  EXPECT_FALSE(cached.at("vfs_read").definitions.empty());

  std::string why;
  auto ksys_read = symbols.kernel_address("ksys_read", 0, &why);
  ASSERT_TRUE(ksys_read) << why;
  auto in_ksys_read =
      std::find_if(b.inlined.begin(), b.inlined.end(), [&](const auto &c) {
        KernelPlace p = symbols.kernel_place(c.pc);
        return p.symbol == "ksys_read" && p.offset == c.pc - *ksys_read;
      });
  ASSERT_NE(in_ksys_read, b.inlined.end());
  auto copy = dwarf->inline_copy_at(in_ksys_read->die, in_ksys_read->pc);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->name, "file_ppos");
  ASSERT_FALSE(copy->variables.empty());
  EXPECT_EQ(copy->variables[0].name, "file");
  EXPECT_TRUE(copy->variables[0].is_param);
  EXPECT_EQ(c_type_name(copy->variables[0].type), "struct file*");
  auto [file, line] = dwarf->declared_at(in_ksys_read->die);
  EXPECT_EQ(file, "fs/read_write.c");
  EXPECT_GT(line, 0);
  // A DIE that is no inlined copy is refused.
  EXPECT_FALSE(dwarf->inline_copy_at(cached.at("vfs_read").definitions[0],
                                     in_ksys_read->pc));
}

// The points of kernel.function("file_ppos").inline: one per copy, named
// by the declaration, at the kprobe place of each copy's entry, carrying
// the copy's DIE; a file part that does not match names none.
TEST_P(KernelInlineIndexTest, PointsNamedByTheDeclaration) {
  SymbolSource symbols(paths_);
  AstContext ctx;
  auto *base = ctx.make_at<ProbePoint>(Location{});
  base->components.push_back({"kernel", nullptr, {}});
  base->components.push_back({"function", nullptr, {}});
  base->components.push_back({"inline", nullptr, {}});
  KernelInlineCopies c =
      kernel_inline_copies(*base, 1, "file_pp?s", symbols, ctx);
  EXPECT_EQ(c.why, "");
  ASSERT_GE(c.points.size(), 2u);
  std::vector<std::string> symbols_hit;
  for (const ProbePoint *p : c.points) {
    std::string text = p->to_string();
    EXPECT_TRUE(
        text.starts_with("kernel.function(\"file_ppos@fs/read_write.c:"))
        << text;
    EXPECT_TRUE(text.ends_with("\").inline")) << text;
    EXPECT_NE(p->kernel_inline_die, 0u);
    EXPECT_GT(p->kernel_offset, 0u);
    symbols_hit.push_back(p->kernel_symbol);
  }
  EXPECT_NE(std::find(symbols_hit.begin(), symbols_hit.end(), "ksys_read"),
            symbols_hit.end());
  EXPECT_NE(std::find(symbols_hit.begin(), symbols_hit.end(), "ksys_write"),
            symbols_hit.end());
  EXPECT_TRUE(kernel_inline_copies(*base, 1, "file_ppos@mm/*.c", symbols, ctx)
                  .points.empty());
}

// ksys_read's DWARF records its calls to vfs_read (DWARF 5 call sites):
// each returns inside ksys_read, where the runtime's caller check looks;
// the points of .callee("vfs_read") carry those return places.
TEST_P(KernelInlineIndexTest, CallSitesOutOfLine) {
  SymbolSource symbols(paths_);
  const KernelInlineIndex *index = symbols.kernel_function_dies(nullptr);
  ASSERT_NE(index, nullptr);
  const auto &defs = index->at("ksys_read").definitions;
  ASSERT_EQ(defs.size(), 1u);
  std::vector<std::string> returns;
  for (const DwarfCallSite &c : symbols.kernel_dwarf()->call_sites_at(defs[0]))
    if (c.callee == "vfs_read") {
      EXPECT_FALSE(c.tail_call);
      KernelPlace p = symbols.kernel_place(c.return_pc);
      EXPECT_EQ(p.symbol, "ksys_read");
      returns.push_back(p.symbol + "+0x" + [&] {
        char b[24];
        snprintf(b, sizeof b, "%llx",
                 static_cast<unsigned long long>(p.offset));
        return std::string(b);
      }());
    }
  ASSERT_FALSE(returns.empty());
  AstContext ctx;
  auto *base = ctx.make_at<ProbePoint>(Location{});
  base->components.push_back(
      {"function", ctx.make_at<StringLit>(Location{}), {}});
  static_cast<StringLit *>(base->components[0].arg)->value = "ksys_read";
  base->components.push_back({"callee", nullptr, {}});
  KernelFunctionParts parts =
      kernel_callee_points(*base, 0, 1, "vfs_read", 1, true, symbols, ctx);
  ASSERT_EQ(parts.points.size(), 1u);
  EXPECT_EQ(parts.points[0]->kernel_symbol, "vfs_read");
  EXPECT_EQ(parts.points[0]->kernel_offset, 0u);
  EXPECT_EQ(parts.points[0]->kernel_callers, returns);
}

INSTANTIATE_TEST_SUITE_P(Debuginfo, KernelInlineIndexTest,
                         ::testing::ValuesIn(host_releases()),
                         [](const auto &info) {
                           std::string s = info.param;
                           for (char &c : s)
                             if (!isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           return s;
                         });

}  // namespace
}  // namespace stap
