// The kernel's line table, read from the installed debuginfo
// (linux-image-RELEASE-dbg) through the same libdw reader process probes
// use: each release under /lib/modules, skipped with the reason when its
// /usr/lib/debug/boot/vmlinux-RELEASE is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "elaborate/statement_lines.h"
#include "elaborate/symbols.h"
#include "host_symbol_paths.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

// The address System.map (the -dbg package's real one, beside vmlinux)
// gives `name`, or 0.
uint64_t system_map_address(const std::string &vmlinux,
                            const std::string &release,
                            const std::string &name) {
  std::ifstream in(fs::path(vmlinux).parent_path() / ("System.map-" + release));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string addr, type, sym;
    if (f >> addr >> type >> sym && sym == name)
      return std::stoull(addr, nullptr, 16);
  }
  return 0;
}

class KernelDwarfLines : public ::testing::TestWithParam<std::string> {};

// "vfs_read@fs/read_write.c:*" names vfs_read's lines, its body's first
// among them; each line's function starts where System.map puts
// vfs_read (what a kprobe's symbol+offset is counted from), and each is
// placed at vfs_read+offset; a line without code names the nearest one.
TEST_P(KernelDwarfLines, VfsReadLinesFromDebuginfo) {
  KernelSymbolPaths paths = host_symbol_paths(GetParam());
  if (!fs::exists(paths.debug_vmlinux))
    GTEST_SKIP() << "no debuginfo for " << GetParam() << ": "
                 << paths.debug_vmlinux << " is absent (install "
                 << paths.debug_package << ")";
  SymbolSource symbols(paths);
  EXPECT_EQ(symbols.missing_kernel_debuginfo(), "");
  SymbolMatches all = symbols.glob(SymbolKind::kernel_statement, "",
                                   "vfs_read@fs/read_write.c:*");
  ASSERT_EQ(all.status, SymbolStatus::ok) << all.detail;
  ASSERT_GT(all.names.size(), 5u);
  for (const std::string &n : all.names)
    EXPECT_TRUE(n.starts_with("vfs_read@") &&
                n.find("fs/read_write.c:") != std::string::npos)
        << n;

  const UserDwarf *dwarf = symbols.kernel_dwarf();
  ASSERT_NE(dwarf, nullptr);
  std::vector<DwarfLine> lines = dwarf->unit_lines([](std::string_view u) {
    return source_file_matches("read_write.c", u);
  });
  StatementMatch m =
      match_statement_lines(lines, "vfs_read@fs/read_write.c:*", false);
  ASSERT_EQ(m.lines.size(), all.names.size());
  const DwarfLine *lowest = m.lines.front();
  for (const DwarfLine *l : m.lines)
    if (l->line < lowest->line) lowest = l;
  int first = lowest->line;
  // The body's first line has code; lines inlined from the file's other
  // functions (rw_verify_area) count as vfs_read's too.
  EXPECT_TRUE(std::any_of(m.lines.begin(), m.lines.end(), [](auto *l) {
    return l->line == l->function_decl_line + 1;
  }));
  uint64_t entry =
      system_map_address(paths.debug_vmlinux, GetParam(), "vfs_read");
  ASSERT_NE(entry, 0u);
  for (const DwarfLine *l : m.lines) {
    EXPECT_EQ(l->function_pc, entry);
    EXPECT_GE(l->addr, entry);
  }
  // Where a kprobe goes for each line: vfs_read (defined once in
  // vmlinux) plus the line's distance from System.map's address.
  ASSERT_EQ(all.places.size(), all.names.size());
  for (size_t i = 0; i < m.lines.size(); ++i) {
    EXPECT_EQ(all.places[i].why, "") << all.names[i];
    EXPECT_EQ(all.places[i].symbol, "vfs_read") << all.names[i];
    EXPECT_EQ(all.places[i].offset, m.lines[i]->addr - entry) << all.names[i];
  }
  EXPECT_EQ(all.places[0].offset, m.lines[0]->addr - entry);
  EXPECT_TRUE(std::any_of(all.places.begin(), all.places.end(),
                          [](const KernelPlace &p) { return p.offset > 0; }));

  // The line before the declaration has no code in vfs_read.
  std::string before = "vfs_read@fs/read_write.c:" + std::to_string(first - 1);
  SymbolMatches none = symbols.glob(SymbolKind::kernel_statement, "", before);
  EXPECT_TRUE(none.names.empty());
  EXPECT_EQ(none.detail, "vfs_read@fs/read_write.c:" + std::to_string(first));
  SymbolMatches near =
      symbols.glob(SymbolKind::kernel_statement, "", before, "nearest");
  ASSERT_EQ(near.names.size(), 1u);
  EXPECT_EQ(near.names[0], statement_name(*lowest));
}

// A kprobe's symbol+offset leads back to its function in the DWARF
// (found by address, not by walking every unit): at vfs_read's entry its
// parameters and its local `ret`, the parameters located in the psABI's
// registers; an unknown symbol says so.
TEST_P(KernelDwarfLines, FunctionContainingAKprobeAddress) {
  KernelSymbolPaths paths = host_symbol_paths(GetParam());
  if (!fs::exists(paths.debug_vmlinux))
    GTEST_SKIP() << "no debuginfo for " << GetParam();
  SymbolSource symbols(paths);
  std::string why;
  auto entry = symbols.kernel_address("vfs_read", 0, &why);
  ASSERT_TRUE(entry) << why;
  EXPECT_EQ(*entry,
            system_map_address(paths.debug_vmlinux, GetParam(), "vfs_read"));
  EXPECT_EQ(*symbols.kernel_address("vfs_read", 4, &why), *entry + 4);
  const UserDwarf *dwarf = symbols.kernel_dwarf();
  ASSERT_NE(dwarf, nullptr);
  auto f = dwarf->function_containing(*entry);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->name, "vfs_read");
  EXPECT_EQ(f->entry_pc, *entry);
  std::vector<std::string> names;
  for (const DwarfVariable &v : f->variables) names.push_back(v.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"file", "buf", "count", "pos", "ret"}));
  ASSERT_EQ(f->variables[0].location.kind, DwarfLocation::Kind::register_value);
  EXPECT_EQ(f->variables[0].location.reg, "rdi");
  EXPECT_FALSE(symbols.kernel_address("no_such_function_here", 0, &why));
  EXPECT_EQ(why, "vmlinux has no function symbol 'no_such_function_here'");
}

INSTANTIATE_TEST_SUITE_P(Debuginfo, KernelDwarfLines,
                         ::testing::ValuesIn(host_releases()),
                         [](const auto &info) {
                           return release_test_name(info.param);
                         });

}  // namespace
}  // namespace stap
