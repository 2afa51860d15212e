// A kernel module's own debuginfo (/usr/lib/debug/lib/modules/R/kernel/
// PATH/M.ko, from linux-image-R-dbg), read for module("M").statement and
// module("M").function("f@file"): the .ko is relocatable, so its sections
// are given addresses and its DWARF relocated (symbols/module_sections.h).
// Each release under /lib/modules; the 9p module (the test VM's root file
// system) is in every Debian kernel. Skipped with the reason without the
// debuginfo.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "elaborate/symbols.h"
#include "host_symbol_paths.h"
#include "symbols/elf_file.h"
#include "symbols/module_sections.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

// 9p's debuginfo for `paths`' release, "" when absent.
std::string debuginfo_9p(const KernelSymbolPaths &paths) {
  std::string ko = paths.debug_modules_dir + "/kernel/fs/9p/9p.ko";
  return fs::exists(ko) ? ko : "";
}

// The st_size of function symbol `name` in ELF file `path`, 0 if none.
uint64_t symbol_size(const std::string &path, const std::string &name) {
  std::string error;
  ElfFile f(path, &error);
  uint64_t size = 0;
  if (f.get())
    for_each_defined_symbol(f.get(), [&](const GElf_Sym &s, const char *n) {
      if (n == name) size = s.st_size;
      return n == name;
    });
  return size;
}

class ModuleDwarfLines : public ::testing::TestWithParam<std::string> {};

// Without the debuginfo, what it needs names the file the module's path
// under /lib/modules gives (a compressed 9p.ko.xz has a plain 9p.ko).
TEST_P(ModuleDwarfLines, MissingDebuginfoNamesTheModuleFile) {
  KernelSymbolPaths paths = host_symbol_paths(GetParam());
  if (!debuginfo_9p(paths).empty())
    GTEST_SKIP() << "9p's debuginfo is installed for " << GetParam();
  if (module_file(paths, GetParam(), "9p").empty())
    GTEST_SKIP() << "no module 9p under " << paths.modules_root << "/"
                 << GetParam() << "/kernel";
  SymbolSource symbols(paths);
  EXPECT_EQ(symbols.missing_kernel_debuginfo("9p"),
            "the debuginfo of module '9p': install linux-image-" + GetParam() +
                "-dbg (not found: /usr/lib/debug/lib/modules/" + GetParam() +
                "/kernel/fs/9p/9p.ko)");
  EXPECT_EQ(symbols.missing_kernel_debuginfo("no_such_module"),
            "the debuginfo of module 'no_such_module', and kernel " +
                GetParam() +
                " has no such module (no no_such_module.ko under "
                "/lib/modules/" +
                GetParam() + "/kernel)");
}

// Every line of v9fs_file_read_iter is placed as 9p's kprobe
// v9fs_file_read_iter+offset, inside the function's symbol; the DWARF's
// addresses and the symbol table's agree on where the function starts.
TEST_P(ModuleDwarfLines, LinesArePlacedInTheModulesSymbol) {
  KernelSymbolPaths paths = host_symbol_paths(GetParam());
  std::string ko = debuginfo_9p(paths);
  if (ko.empty())
    GTEST_SKIP() << "no debuginfo of module 9p for " << GetParam()
                 << " (install " << paths.debug_package << ")";
  SymbolSource symbols(paths);
  EXPECT_EQ(symbols.missing_kernel_debuginfo("9p"), "");
  SymbolMatches all = symbols.glob(SymbolKind::kernel_module_statement, "9p",
                                   "v9fs_file_read_iter@fs/9p/vfs_file.c:*");
  ASSERT_EQ(all.status, SymbolStatus::ok) << all.detail;
  ASSERT_GT(all.names.size(), 3u);
  ASSERT_EQ(all.places.size(), all.names.size());
  uint64_t size = symbol_size(ko, "v9fs_file_read_iter");
  ASSERT_GT(size, 0u);
  bool inside = false;
  for (size_t i = 0; i < all.names.size(); ++i) {
    EXPECT_TRUE(all.names[i].starts_with("v9fs_file_read_iter@") &&
                all.names[i].find("fs/9p/vfs_file.c:") != std::string::npos)
        << all.names[i];
    EXPECT_EQ(all.places[i].why, "") << all.names[i];
    EXPECT_EQ(all.places[i].symbol, "v9fs_file_read_iter") << all.names[i];
    EXPECT_LT(all.places[i].offset, size) << all.names[i];
    inside |= all.places[i].offset > 0;
  }
  EXPECT_TRUE(inside);

  // "f@file" is f's entry.
  SymbolMatches fn = symbols.glob(SymbolKind::kernel_module_function, "9p",
                                  "v9fs_file_read_iter@vfs_file.c");
  ASSERT_EQ(fn.names,
            std::vector<std::string>{"v9fs_file_read_iter@fs/9p/vfs_file.c"});
  EXPECT_EQ(fn.places[0].symbol, "v9fs_file_read_iter");
  EXPECT_EQ(fn.places[0].offset, 0u);

  // The function at the entry address has its parameters (in the
  // psABI's registers) and locals.
  std::string why;
  auto entry = symbols.kernel_address("v9fs_file_read_iter", 0, &why, "9p");
  ASSERT_TRUE(entry) << why;
  const UserDwarf *dwarf = symbols.kernel_dwarf(&why, "9p");
  ASSERT_NE(dwarf, nullptr) << why;
  auto f = dwarf->function_containing(*entry);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->name, "v9fs_file_read_iter");
  EXPECT_EQ(f->entry_pc, *entry);
  std::vector<std::string> names;
  for (const DwarfVariable &v : f->variables) names.push_back(v.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"iocb", "to", "fid", "ret", "err"}));
  EXPECT_EQ(f->variables[0].location.reg, "rdi");
  EXPECT_EQ(f->variables[1].location.reg, "rsi");
  EXPECT_FALSE(symbols.kernel_address("no_such_function", 0, &why, "9p"));
  EXPECT_EQ(why, "module '9p' has no function symbol 'no_such_function'");
}

// Sections are laid out apart: a function of .init.text (the module's
// init_v9fs) is found at its own address, not at .text's offset 0+N.
TEST_P(ModuleDwarfLines, SectionsHaveAddressesOfTheirOwn) {
  KernelSymbolPaths paths = host_symbol_paths(GetParam());
  std::string ko = debuginfo_9p(paths);
  if (ko.empty())
    GTEST_SKIP() << "no debuginfo of module 9p for " << GetParam();
  std::string error;
  ElfFile elf(ko, &error);
  ASSERT_TRUE(elf.get()) << error;
  EXPECT_TRUE(is_relocatable(elf.get()));
  std::vector<uint64_t> at = module_section_addresses(elf.get());
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (size_t i = 1; i < at.size(); ++i) {
    GElf_Shdr sh;
    gelf_getshdr(elf_getscn(elf.get(), i), &sh);
    if (sh.sh_flags & SHF_ALLOC) spans.push_back({at[i], at[i] + sh.sh_size});
  }
  std::sort(spans.begin(), spans.end());
  for (size_t i = 1; i < spans.size(); ++i)
    EXPECT_LE(spans[i - 1].second, spans[i].first);
  SymbolSource symbols(paths);
  std::string why;
  for (const char *fn : {"init_v9fs", "v9fs_file_read_iter"}) {
    auto addr = symbols.kernel_address(fn, 0, &why, "9p");
    ASSERT_TRUE(addr) << why;
    auto f = symbols.kernel_dwarf(&why, "9p")->function_containing(*addr);
    ASSERT_TRUE(f) << fn;
    EXPECT_EQ(f->name, fn);
  }
}

INSTANTIATE_TEST_SUITE_P(Debuginfo, ModuleDwarfLines,
                         ::testing::ValuesIn(host_releases()),
                         [](const auto &info) {
                           return release_test_name(info.param);
                         });

}  // namespace
}  // namespace stap
