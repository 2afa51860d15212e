// A module's inlined copies, labels and callees (module("M").function(...)
// .inline, .label, .callee) from the module's own debuginfo
// (/usr/lib/debug/lib/modules/R/kernel/net/9p/9pnet.ko, linux-image-R-dbg),
// through the same code as the kernel's (elaborate/kernel_inline_points.h):
// each release under /lib/modules, skipped with the reason without 9pnet's
// debuginfo. 9pnet (the test VM's root file system) is in every Debian
// kernel; its p9_client_read calls p9_client_read_once and has
// iov_iter_count inlined, and p9_client_rpc has the C label
// recalc_sigpending.
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

class ModuleInlinePoints : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    paths_ = host_symbol_paths(GetParam());
    ko_ = paths_.debug_modules_dir + "/kernel/net/9p/9pnet.ko";
    if (!fs::exists(ko_))
      GTEST_SKIP() << "no debuginfo of module 9pnet for " << GetParam() << ": "
                   << ko_ << " is absent (install " << paths_.debug_package
                   << ")";
  }
  // module("9pnet").function("FN").<last>("ARG") (no ARG: bare).
  ProbePoint *point(const std::string &fn, const std::string &last,
                    const std::string &arg = "") {
    auto *p = ctx_.make_at<ProbePoint>(Location{});
    p->components.push_back({"module", literal("9pnet"), {}});
    p->components.push_back({"function", literal(fn), {}});
    p->components.push_back({last, arg.empty() ? nullptr : literal(arg), {}});
    return p;
  }
  StringLit *literal(const std::string &value) {
    auto *lit = ctx_.make_at<StringLit>(Location{});
    lit->value = value;
    lit->type = Type::string;
    return lit;
  }
  KernelSymbolPaths paths_;
  std::string ko_;
  AstContext ctx_;
};

// The module's index is its own: cached per release and module beside the
// kernel's, keyed by the identity of the module's debuginfo file, and
// read back the same.
TEST_P(ModuleInlinePoints, IndexIsCachedPerModule) {
  std::string dir = (fs::temp_directory_path() /
                     ("stap-module-index-" + std::to_string(getpid())))
                        .string();
  std::string cache = kernel_inline_cache_file(dir, GetParam(), ko_, "9pnet");
  EXPECT_TRUE(
      cache.starts_with(dir + "/" + GetParam() + "/module-functions-9pnet-"))
      << cache;
  EXPECT_NE(cache, kernel_inline_cache_file(dir, GetParam(), ko_));
  SymbolSource symbols(paths_);
  std::string why;
  const UserDwarf *dwarf = symbols.kernel_dwarf(&why, "9pnet");
  ASSERT_NE(dwarf, nullptr) << why;
  KernelInlineIndex built = kernel_inline_index(*dwarf, cache);
  EXPECT_TRUE(fs::exists(cache));
  KernelInlineIndex cached = kernel_inline_index(*dwarf, cache);
  fs::remove_all(dir);
  EXPECT_EQ(built.size(), cached.size());
  ASSERT_TRUE(cached.contains("iov_iter_count"));
  EXPECT_FALSE(cached.at("iov_iter_count").inlined.empty());
  EXPECT_EQ(cached.at("p9_client_read").definitions.size(), 1u);
  // The kernel's index is not the module's: vmlinux defines vfs_read.
  const KernelInlineIndex *mine = symbols.kernel_function_dies(&why, "9pnet");
  ASSERT_NE(mine, nullptr) << why;
  EXPECT_FALSE(mine->contains("vfs_read"));
  EXPECT_EQ(mine->size(), built.size());
}

// .inline: one point per copy, named by the declaration, placed in the
// 9pnet function that holds the copy (one of them p9_client_read).
TEST_P(ModuleInlinePoints, InlineCopiesAtModuleSymbols) {
  SymbolSource symbols(paths_);
  KernelInlineCopies c = kernel_inline_copies(
      *point("iov_iter_count", "inline"), 1, "iov_iter_count", symbols, ctx_);
  EXPECT_EQ(c.why, "");
  ASSERT_GE(c.points.size(), 2u);
  bool in_read = false;
  for (const ProbePoint *p : c.points) {
    std::string text = p->to_string();
    EXPECT_TRUE(text.starts_with("module(\"9pnet\").function(\"iov_iter_count"
                                 "@include/linux/uio.h:"))
        << text;
    EXPECT_NE(p->kernel_inline_die, 0u);
    EXPECT_GT(p->kernel_offset, 0u);
    std::string why;
    EXPECT_TRUE(symbols.kernel_address(p->kernel_symbol, 0, &why, "9pnet"))
        << why;
    in_read |= p->kernel_symbol == "p9_client_read";
  }
  EXPECT_TRUE(in_read);
}

// .label: at the label inside the module's function, named by the
// label's line.
TEST_P(ModuleInlinePoints, LabelInsideTheFunction) {
  SymbolSource symbols(paths_);
  KernelFunctionParts parts =
      kernel_label_points(*point("p9_client_rpc", "label", "recalc_sig*"), 1, 2,
                          "recalc_sig*", symbols, ctx_);
  EXPECT_EQ(parts.why, "");
  ASSERT_EQ(parts.points.size(), 1u);
  const ProbePoint *p = parts.points[0];
  EXPECT_EQ(p->kernel_symbol, "p9_client_rpc");
  EXPECT_GT(p->kernel_offset, 0u);
  std::string text = p->to_string();
  EXPECT_TRUE(text.starts_with(
      "module(\"9pnet\").function(\"p9_client_rpc@net/9p/client.c:"))
      << text;
  EXPECT_TRUE(text.ends_with("\").label(\"recalc_sigpending\")")) << text;
}

// .callee: p9_client_read_once is called out of line: its entry, run
// only when the return address is in p9_client_read; iov_iter_count is
// inlined: its copies in p9_client_read. A function outside the module
// is not placed, and says so.
TEST_P(ModuleInlinePoints, CalleesInAndOutOfLine) {
  SymbolSource symbols(paths_);
  KernelFunctionParts once = kernel_callee_points(
      *point("p9_client_read", "callee", "p9_client_read_once"), 1, 2,
      "p9_client_read_once", 1, false, symbols, ctx_);
  ASSERT_EQ(once.points.size(), 1u) << once.why << once.out_of_line;
  const ProbePoint *p = once.points[0];
  EXPECT_EQ(p->kernel_symbol, "p9_client_read_once");
  EXPECT_EQ(p->kernel_offset, 0u);
  ASSERT_FALSE(p->kernel_callers.empty());
  for (const std::string &c : p->kernel_callers)
    EXPECT_TRUE(c.starts_with("p9_client_read+0x")) << c;

  KernelFunctionParts count =
      kernel_callee_points(*point("p9_client_read", "callee", "iov_iter_count"),
                           1, 2, "iov_iter_count", 1, false, symbols, ctx_);
  ASSERT_FALSE(count.points.empty());
  for (const ProbePoint *q : count.points) {
    EXPECT_EQ(q->kernel_symbol, "p9_client_read");
    EXPECT_NE(q->kernel_inline_die, 0u);
  }
  // .callee("G").call: calls only, no inlined copy.
  EXPECT_TRUE(
      kernel_callee_points(*point("p9_client_read", "callee", "iov_iter_count"),
                           1, 2, "iov_iter_count", 1, true, symbols, ctx_)
          .points.empty());

  KernelFunctionParts out = kernel_callee_points(
      *point("p9_client_read_once", "callee", "_copy_to_iter"), 1, 2,
      "_copy_to_iter", 1, false, symbols, ctx_);
  EXPECT_TRUE(out.points.empty());
  EXPECT_EQ(out.why, "'_copy_to_iter' is not a function of module '9pnet', "
                     "and only the module's own callees are probed");
}

INSTANTIATE_TEST_SUITE_P(Debuginfo, ModuleInlinePoints,
                         ::testing::ValuesIn(host_releases()),
                         [](const auto &info) {
                           return release_test_name(info.param);
                         });

}  // namespace
}  // namespace stap
