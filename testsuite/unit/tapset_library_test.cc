// The tapset library: search path, version/arch shadowing, cheap index,
// lazy parsing, macro libraries.
#include <gtest/gtest.h>

#include "testsuite/unit/elab_fixture.h"

#include <filesystem>
#include <fstream>

#include "elaborate/elaborate.h"
#include "elaborate/tapset_library.h"
#include "elaborate/tapset_scan.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {
namespace {

namespace fs = std::filesystem;

TEST(TapsetScan, FindsTopLevelDefinitions) {
  TapsetDefs d = scan_tapset(
      "# comment: function not_me()\n"
      "/* global nor_me */ // probe nope = begin\n"
      "global a, b[10], c = \"x{\", d = -1\n"
      "private global p\n"
      "function f:long (x:long, y) { if (1) { function_in_body = 1 } }\n"
      "private function g() %{ /* { */ %}\n"
      "probe syscall.open = kernel.function(\"do_sys_open\") { }\n"
      "probe one.a, one.b += begin { }\n"
      "probe begin { global_not = 1 }\n"
      "%( kernel_v >= \"5.0\" %? function h(a) { } %: function h(a, b) { } %)\n");
  std::vector<std::string> globals;
  for (auto &g : d.globals) globals.push_back(g.name + (g.is_private ? "!" : ""));
  EXPECT_EQ(globals, (std::vector<std::string>{"a", "b", "c", "d", "p!"}));
  std::vector<std::string> fns;
  for (auto &f : d.functions)
    fns.push_back(f.name + "/" + std::to_string(f.arity) + (f.is_private ? "!" : ""));
  EXPECT_EQ(fns, (std::vector<std::string>{"f/2", "g/0!", "h/1", "h/2"}));
  ASSERT_EQ(d.aliases.size(), 3u);
  EXPECT_EQ(d.aliases[0], (std::vector<std::string>{"syscall", "open"}));
  EXPECT_EQ(d.aliases[1], (std::vector<std::string>{"one", "a"}));
  EXPECT_EQ(d.aliases[2], (std::vector<std::string>{"one", "b"}));
}



TEST_F(TapsetDir, OnlyUsedFilesAreParsed) {
  write("a.stp", "function a_fn() { return b_fn() + 1 }\n");
  write("b.stp", "function b_fn() { return 2 }\n");
  write("c.stp", "function c_fn() { return 3 }\n");
  write("broken.stp", "function broken( { this is not stap\n");
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe begin { println(a_fn()) }\n");
  EXPECT_EQ(e.summary(), "");  // broken.stp was never parsed
  EXPECT_EQ(e.program.tapset_files_indexed, 4u);
  EXPECT_EQ(e.program.tapset_files_parsed, 2u);  // a.stp, and b.stp through it
  ASSERT_EQ(e.program.functions.size(), 2u);
}

TEST_F(TapsetDir, VersionAndArchSubdirsShadow) {
  write("a.stp", "function which() { return \"generic\" }\n");
  write("x86_64/a.stp", "function which() { return \"arch\" }\n");
  write("6.1/a.stp", "function which() { return \"6.1\" }\n");
  write("5.10/a.stp", "function which() { return \"5.10\" }\n");
  write("aarch64/a.stp", "function which() { return \"arm\" }\n");
  auto dirs = tapset_search_dirs({root_.string()}, "", "x86_64", "6.1.0-26-amd64");
  ASSERT_EQ(dirs.size(), 3u);
  EXPECT_EQ(dirs[0].path, (root_ / "6.1").string());
  EXPECT_EQ(dirs[1].path, (root_ / "x86_64").string());
  EXPECT_EQ(dirs[2].path, root_.string());
  auto files = tapset_files(dirs, ".stp");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, (root_ / "6.1" / "a.stp").string());
  // Without a matching version directory the arch one wins.
  files = tapset_files(
      tapset_search_dirs({root_.string()}, "", "x86_64", "5.4.0"), ".stp");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, (root_ / "x86_64" / "a.stp").string());
}

TEST_F(TapsetDir, IncludeDirShadowsBuiltin) {
  write("builtin/t.stp", "function t() { return 1 }\n");
  write("mine/t.stp", "function t() { return \"mine\" }\n");
  Elab e;
  e.opts.tapset_dirs = {(root_ / "mine").string(), (root_ / "builtin").string()};
  e.run("probe begin { println(t()) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.functions.size(), 1u);
  EXPECT_EQ(e.program.functions[0]->return_type, Type::string);
}

// Only the library root's files are library code: not a -I root, not one
// spelled to start with the library's path, not one reached through "..".
TEST_F(TapsetDir, OnlyTheLibraryRootIsLibraryCode) {
  write("lib/x86_64/a.stp", "function a() { return 1 }\n");
  write("lib/b.stp", "function b() { return 1 }\n");
  write("evil/c.stp", "function c() { return 1 }\n");
  write("mine/d.stp", "function d() { return 1 }\n");
  std::string lib = (root_ / "lib").string();
  auto files = tapset_files(
      tapset_search_dirs({(root_ / "mine").string(), lib + "/../evil", lib},
                         lib, "x86_64", "6.1.0-26-amd64"),
      ".stp");
  std::vector<std::string> got;
  for (const TapsetPlace &f : files)
    got.push_back(f.path.substr(root_.string().size()) +
                  (f.origin == SourceOrigin::library ? " library" : " user"));
  EXPECT_EQ(got, (std::vector<std::string>{"/mine/d.stp user",
                                           "/lib/../evil/c.stp user",
                                           "/lib/x86_64/a.stp library",
                                           "/lib/b.stp library"}));
  // The parsed files carry their origin, which is all privilege asks.
  Elab e;
  e.opts.tapset_dirs = {(root_ / "mine").string(), lib};
  e.opts.library_dir = lib;
  e.run("probe begin { println(a() + d()) }\n");
  ASSERT_EQ(e.summary(), "");
  for (const FunctionDecl *f : e.program.functions)
    EXPECT_EQ(e.sm.is_library(f->loc), f->name == "a") << f->name;
}

TEST_F(TapsetDir, GlobalsAndPrivateScoping) {
  write("g.stp", "global shared_count\nprivate global hidden\n"
                 "function bump() { hidden++; shared_count++ }\n");
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe begin { bump(); println(shared_count); hidden = 1; "
        "println(hidden) }\n");
  EXPECT_EQ(e.summary(), "");
  // `hidden` in the script is a new local, not the tapset's private global.
  ASSERT_EQ(e.program.probes[0]->locals.size(), 1u);
  EXPECT_EQ(e.program.probes[0]->locals[0]->name, "hidden");
  EXPECT_EQ(e.program.globals.size(), 2u);
}

TEST_F(TapsetDir, PrivateFunctionIsNotVisible) {
  write("p.stp", "private function secret() { return 1 }\n");
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe begin { println(secret()) }\n");
  EXPECT_EQ(e.summary(),
            "t.stp:1:23: error: function 'secret' is private to another file "
            "[STAP2019]\n");
}

TEST_F(TapsetDir, TapsetProbesComeWithTheirFile) {
  write("init.stp", "global ready\nprobe begin { ready = 1 }\n");
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.run("probe end { println(ready) }\n");
  EXPECT_EQ(e.summary(), "");
  EXPECT_EQ(e.program.probes.size(), 2u);
}

TEST_F(TapsetDir, MacroLibraries) {
  write("m.stpm", "@define TWICE(x) %( (@x * 2) %)\n");
  write("x86_64/m.stpm", "@define TWICE(x) %( (@x + @x) %)\n");
  SourceManager sm;
  Diagnostics diags(sm);
  MacroTable macros;
  ElaborateOptions opts;
  opts.tapset_dirs = {root_.string()};
  EXPECT_EQ(load_tapset_macros(opts, sm, diags, macros), 1u);
  EXPECT_EQ(diags.render_all(), "");
  ASSERT_NE(macros.find("TWICE"), nullptr);
  EXPECT_NE(sm.file(macros.find("TWICE")->loc.file).name.find("x86_64"),
            std::string::npos);
}

TEST_F(TapsetDir, MissingDirectoryWarns) {
  Elab e;
  e.opts.tapset_dirs = {(root_ / "nope").string()};
  e.run("probe begin { }\n");
  EXPECT_EQ(e.diags.render_all(),
            "warning: tapset directory '" + (root_ / "nope").string() +
                "' does not exist [STAP2041]\n");
}

}  // namespace
}  // namespace stap
