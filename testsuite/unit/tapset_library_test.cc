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

TEST_F(TapsetDir, VersionSubdirsShadowArchSubdirsAdd) {
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
  // Without a matching version directory the arch one comes first, and the
  // generic one loads too (SystemTap's rule): the first definition wins.
  files = tapset_files(
      tapset_search_dirs({root_.string()}, "", "x86_64", "5.4.0"), ".stp");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, (root_ / "x86_64" / "a.stp").string());
  EXPECT_EQ(files[1].path, (root_ / "a.stp").string());
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.opts.arch = "x86_64";
  e.opts.kernel_release = "5.4.0";
  e.run("probe begin { println(which()) }\n");
  EXPECT_EQ(e.summary(), "");
  ASSERT_EQ(e.program.functions.size(), 1u);
  EXPECT_EQ(e.program.functions[0]->file,
            e.program.tapsets_used.front()->file);
}

// SystemTap's layout: the runtime's subtree (linux/ for the kernel) before
// the shared files, each with its arch directory first; dyninst/ and bpf/
// are other runtimes'. Same-named files in them all load.
TEST_F(TapsetDir, RuntimeSubtreeSearchedFirst) {
  write("linux/x86_64/a.stp", "function f1() { return 1 }\n");
  write("linux/a.stp", "function f2() { return 2 }\n");
  write("x86_64/a.stp", "function f3() { return 3 }\n");
  write("a.stp", "function f4() { return 4 }\n");
  write("dyninst/a.stp", "function f5() { return 5 }\n");
  write("bpf/a.stp", "function f6() { return 6 }\n");
  write("linux/m.stpm", "@define m %( 1 %)\n");
  auto files = tapset_files(
      tapset_search_dirs({root_.string()}, "", "x86_64", "6.1.0-26-amd64"),
      ".stp");
  std::vector<std::string> got;
  for (const TapsetPlace &f : files)
    got.push_back(f.path.substr(root_.string().size()));
  EXPECT_EQ(got, (std::vector<std::string>{"/linux/x86_64/a.stp",
                                           "/linux/a.stp", "/x86_64/a.stp",
                                           "/a.stp"}));
  files = tapset_files(tapset_search_dirs({root_.string()}, "", "x86_64",
                                          "6.1.0-26-amd64", "dyninst"),
                       ".stp");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, (root_ / "dyninst" / "a.stp").string());
  Elab e;
  e.opts.tapset_dirs = {root_.string()};
  e.opts.arch = "x86_64";
  e.run("probe begin { println(f1() + f2() + f3() + f4()) }\n");
  EXPECT_EQ(e.summary(), "");
  // Macro files are found the same way.
  files = tapset_files(
      tapset_search_dirs({root_.string()}, "", "x86_64", "6.1.0-26-amd64"),
      ".stpm");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, (root_ / "linux" / "m.stpm").string());
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
  EXPECT_EQ(e.summary(), "t.stp:1:23: semantic error: function 'secret' is "
                         "private to another file "
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

// Every macro file of a root loads (SystemTap's rule): an arch directory's
// file does not replace the generic one, so defining a macro in both is
// the redefinition SystemTap reports too; a version directory's does.
TEST_F(TapsetDir, MacroLibraries) {
  write("m.stpm", "@define TWICE(x) %( (@x * 2) %)\n");
  write("x86_64/m.stpm", "@define TWICE(x) %( (@x + @x) %)\n");
  write("6.1/v.stpm", "@define V %( 61 %)\n");
  write("v.stpm", "@define V %( 0 %)\n");
  SourceManager sm;
  Diagnostics diags(sm);
  MacroTable macros;
  ElaborateOptions opts;
  opts.tapset_dirs = {root_.string()};
  opts.arch = "x86_64";
  opts.kernel_release = "6.1.0-26-amd64";
  EXPECT_EQ(load_tapset_macros(opts, sm, diags, macros), 3u);
  std::string out = diags.render_all();
  EXPECT_NE(out.find("m.stpm:1:9: parse error: redefinition of macro '@TWICE'"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("'@V'"), std::string::npos) << out;
  ASSERT_NE(macros.find("TWICE"), nullptr);
  EXPECT_NE(sm.file(macros.find("TWICE")->loc.file).name.find("x86_64"),
            std::string::npos);
  ASSERT_NE(macros.find("V"), nullptr);
  EXPECT_NE(sm.file(macros.find("V")->loc.file).name.find("6.1"),
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
