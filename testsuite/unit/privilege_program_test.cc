// The program walk of the privilege pass on hand-built programs (so these
// tests do not depend on the parser's progress): probes by registry entry,
// aliases by what they expand to, functions transitively, tapset code
// reported where the script reaches it, chains as notes.
#include "privilege/privilege.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace stap {
namespace {

class ProgramTest : public ::testing::Test {
protected:
  SourceManager sm;
  AstContext ctx;
  Diagnostics diags{sm};
  Program program;
  ParsedFile script_file;
  FileId script = kNoFile;

  void set_script(std::string text) {
    script = sm.add("s.stp", std::move(text));
    script_file.file = script;
    program.script = &script_file;
  }
  // The nth occurrence of `needle` in file f.
  Location at(FileId f, std::string_view needle, int nth = 0) {
    std::string_view text = sm.text(f);
    size_t pos = text.find(needle);
    while (nth-- > 0) pos = text.find(needle, pos + 1);
    EXPECT_NE(pos, std::string_view::npos) << needle;
    return Location{f, static_cast<uint32_t>(pos),
                    static_cast<uint32_t>(pos + needle.size()), kNoExpansion};
  }
  ProbePoint *point(Location loc, std::vector<std::pair<std::string, Expr *>> cs) {
    auto *pp = ctx.make_at<ProbePoint>(loc);
    for (auto &[name, arg] : cs) pp->components.push_back({name, arg, loc});
    return pp;
  }
  StringLit *str(std::string v) {
    auto *s = ctx.make<StringLit>();
    s->value = std::move(v);
    return s;
  }
  Block *block(std::vector<Stmt *> stmts = {}) {
    auto *b = ctx.make<Block>();
    b->stmts = std::move(stmts);
    return b;
  }
  Stmt *expr_stmt(Expr *e) {
    auto *s = ctx.make_at<ExprStmt>(e->loc);
    s->expr = e;
    return s;
  }
  // Adds a resolved probe with the registry type matching `pp`.
  ProbeDecl *add_probe(ProbePoint *pp, Block *body, bool in_script = true) {
    auto *p = ctx.make_at<ProbeDecl>(pp->loc);
    p->points = {pp};
    p->body = body;
    program.probes.push_back(p);
    auto types = ProbeRegistry::builtin().match_quiet(*pp);
    EXPECT_FALSE(types.empty()) << pp->to_string();
    program.probe_types.push_back(types.empty() ? nullptr : types[0]);
    if (in_script) script_file.probes.push_back(p);
    return p;
  }
  PrivilegeResult check(Level l, ActionSet extra = {}) {
    PrivilegeRequest req;
    req.level = l;
    req.extra = extra;
    return check_program(program, req, sm, diags);
  }
};

TEST_F(ProgramTest, KernelProbeDeniedAtStapusrAllowedAtStapsys) {
  set_script("probe kernel.function(\"vfs_read\") { }\n");
  add_probe(point(at(script, "kernel.function(\"vfs_read\")"),
                  {{"kernel", nullptr}, {"function", str("vfs_read")}}),
            block());
  PrivilegeResult r = check(Level::stapusr);
  EXPECT_FALSE(r.allowed);
  EXPECT_EQ(r.required.to_string(), "probe.kernel");
  EXPECT_EQ(diags.render_all(),
            "s.stp:1:7: semantic error: probe point is not allowed for "
            "--privilege=stapusr: probe point 'kernel.function(\"vfs_read\")' "
            "needs privilege action 'probe.kernel' (allowed at 'stapsys'; "
            "current level 'stapusr') [STAP2201]\n"
            "  probe kernel.function(\"vfs_read\") { }\n"
            "        ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n");

  Diagnostics quiet(sm);
  PrivilegeRequest req;
  req.level = Level::stapsys;
  EXPECT_TRUE(check_program(program, req, sm, quiet).allowed);
  EXPECT_EQ(quiet.all().size(), 0u);
  req.level = Level::stapusr;
  req.extra.add(Action::probe_kernel);
  EXPECT_TRUE(check_program(program, req, sm, quiet).allowed);
}

TEST_F(ProgramTest, UnresolvedKernelProbeStillGetsAVerdict) {
  // Elaboration dropped the probe (no symbols); the script's point remains.
  set_script("probe kernel.function(\"nosuch\") { }\n");
  auto *p = ctx.make<ProbeDecl>();
  p->points = {point(at(script, "kernel.function(\"nosuch\")"),
                     {{"kernel", nullptr}, {"function", str("nosuch")}})};
  script_file.probes.push_back(p);
  EXPECT_FALSE(check(Level::stapusr).allowed);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(sm.describe(diags.all()[0].loc), "s.stp:1:7");
}

TEST_F(ProgramTest, ProcessProbesAreOwnProcessOnlyAtStapusr) {
  set_script("probe process(\"/bin/ls\").begin { }\n");
  add_probe(point(at(script, "process(\"/bin/ls\").begin"),
                  {{"process", str("/bin/ls")}, {"begin", nullptr}}),
            block());
  PrivilegeResult r = check(Level::stapusr);
  EXPECT_TRUE(r.allowed);
  EXPECT_TRUE(r.own_processes_only);
  EXPECT_EQ(r.required.to_string(), "probe.process.own");
  Diagnostics d2(sm);
  PrivilegeRequest req;
  req.level = Level::stapsys;
  EXPECT_FALSE(check_program(program, req, sm, d2).own_processes_only);
}

TEST_F(ProgramTest, AliasFromTapsetIsReportedAtTheUse) {
  set_script("probe myread { }\n");
  FileId tap = sm.add("/ts/syscalls.stp",
                      "probe myread = kernel.function(\"vfs_read\") { }\n",
                      SourceOrigin::library);
  Location use = at(script, "myread");
  ExpansionId chain =
      sm.add_expansion({ExpansionKind::alias, use, "myread", kNoExpansion});
  Location target = at(tap, "kernel.function(\"vfs_read\")");
  target.expansion = chain;
  auto *alias = ctx.make_at<AliasDecl>(at(tap, "myread"));
  alias->names = {point(at(tap, "myread"), {{"myread", nullptr}})};
  ProbeDecl *p = add_probe(point(target, {{"kernel", nullptr},
                                          {"function", str("vfs_read")}}),
                           block(), false);
  p->via_aliases = {alias};
  EXPECT_FALSE(check(Level::stapusr).allowed);
  EXPECT_EQ(diags.render_all(),
            "s.stp:1:7: semantic error: probe point is not allowed for "
            "--privilege=stapusr: probe point 'myread' needs privilege action "
            "'probe.kernel' (allowed at 'stapsys'; current level 'stapusr') "
            "[STAP2201]\n"
            "  probe myread { }\n"
            "        ^~~~~~\n"
            "/ts/syscalls.stp:1:16: note: expands to probe point "
            "'kernel.function(\"vfs_read\")'\n"
            "  probe myread = kernel.function(\"vfs_read\") { }\n"
            "                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "/ts/syscalls.stp:1:7: note: through probe alias 'myread' defined "
            "here\n"
            "  probe myread = kernel.function(\"vfs_read\") { }\n"
            "        ^~~~~~\n");
}

TEST_F(ProgramTest, TapsetCodeIsReportedAtTheScriptsCall) {
  set_script("function g() { return peek(0) }\nprobe begin { g() }\n");
  FileId tap = sm.add("/ts/peek.stp",
                      "function peek(t) { return @cast(t, \"task_struct\")->pid }\n",
                      SourceOrigin::library);
  auto *cast = ctx.make_at<CastExpr>(at(tap, "@cast(t, \"task_struct\")->pid"));
  cast->type_name = "task_struct";
  auto *ret = ctx.make<ReturnStmt>();
  ret->value = cast;
  auto *peek = ctx.make_at<FunctionDecl>(at(tap, "function peek"));
  peek->name = "peek";
  peek->name_loc = at(tap, "peek");
  peek->from_tapset = true;
  peek->body = block({ret});

  auto *call_peek = ctx.make_at<CallExpr>(at(script, "peek(0)"));
  call_peek->name = "peek";
  call_peek->decl = peek;
  auto *ret2 = ctx.make<ReturnStmt>();
  ret2->value = call_peek;
  auto *g = ctx.make_at<FunctionDecl>(at(script, "function g"));
  g->name = "g";
  g->body = block({ret2});
  auto *call_g = ctx.make_at<CallExpr>(at(script, "g()", 1));
  call_g->name = "g";
  call_g->decl = g;
  add_probe(point(at(script, "begin"), {{"begin", nullptr}}),
            block({expr_stmt(call_g)}));
  program.functions = {g, peek};

  PrivilegeResult r = check(Level::stapusr);
  EXPECT_FALSE(r.allowed);
  EXPECT_EQ(r.required.to_string(), "probe.begin_end,memory.kernel.read");
  EXPECT_EQ(diags.render_all(),
            "s.stp:1:23: semantic error: function may not be used when "
            "--privilege=stapusr is specified: call to function 'peek' needs "
            "privilege action "
            "'memory.kernel.read' (allowed at 'stapsys'; current level "
            "'stapusr') [STAP2201]\n"
            "  function g() { return peek(0) }\n"
            "                        ^~~~~~~\n"
            "/ts/peek.stp:1:27: note: required by '@cast' of kernel memory "
            "(type 'task_struct')\n"
            "  function peek(t) { return @cast(t, \"task_struct\")->pid }\n"
            "                            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "s.stp:2:15: note: function 'g' called from here\n"
            "  probe begin { g() }\n"
            "                ^~~\n");
}

TEST_F(ProgramTest, EmbeddedFunctionsAndPragmas) {
  set_script("function mine() %{ /* unprivileged */ %}\nprobe begin { }\n");
  FileId tap = sm.add("/ts/e.stp",
                      "function ok() %{ /* unprivileged */ %}\n"
                      "function own() %{ /* myproc-unprivileged */ %}\n"
                      "function raw() %{ %}\n"
                      "function set() %{ /* guru */ %}\n"
                      "function kernel_long(a) %{ %}\n",
                      SourceOrigin::library);
  auto *mine = ctx.make_at<FunctionDecl>(at(script, "function mine"));
  mine->name = "mine";
  mine->name_loc = at(script, "mine");
  mine->is_embedded = true;
  mine->pragmas.unprivileged = true;
  script_file.functions.push_back(mine);

  std::vector<Stmt *> calls;
  for (std::string name : {"ok", "own", "raw", "set", "kernel_long"}) {
    auto *f = ctx.make_at<FunctionDecl>(at(tap, "function " + name));
    f->name = name;
    f->name_loc = at(tap, name + "(");
    f->name_loc.end = f->name_loc.begin + name.size();
    f->is_embedded = true;
    f->from_tapset = true;
    f->pragmas.unprivileged = name == "ok";
    f->pragmas.myproc_unprivileged = name == "own";
    f->pragmas.guru = name == "set";
    auto *c = ctx.make_at<CallExpr>(at(script, "begin"));
    c->name = name;
    c->decl = f;
    calls.push_back(expr_stmt(c));
  }
  add_probe(point(at(script, "begin"), {{"begin", nullptr}}), block(calls));

  PrivilegeResult r = check(Level::stapusr);
  EXPECT_FALSE(r.allowed);
  EXPECT_EQ(r.myproc_functions, std::vector<std::string>{"own"});
  std::vector<std::string> got;
  for (const Diagnostic &d : diags.all())
    got.push_back(
        sm.describe(d.loc) + " " +
        d.message.substr(d.message.find(": ") + 2,
                         d.message.find(" needs") - d.message.find(": ") - 2) +
        " -> " + d.properties[0].second);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "s.stp:1:10 embedded-C function 'mine' -> code.embedded_c",
                     "s.stp:2:7 call to function 'raw' -> code.embedded_c",
                     "s.stp:2:7 call to function 'set' -> code.guru",
                     "s.stp:2:7 call to function 'kernel_long' -> memory.kernel.read",
                 }));
  EXPECT_EQ(diags.all()[0].notes[0].message,
            "pragmas are honoured only in installed tapsets");
}

TEST_F(ProgramTest, TargetWritesAndCastWrites) {
  set_script("probe begin { $x = 1; $y++; @cast(0, \"t\")->a = 2 }\n");
  auto tgt = [&](const char *name) {
    auto *t = ctx.make_at<TargetSymbol>(at(script, name));
    t->name = name;
    return t;
  };
  auto *assign = ctx.make_at<AssignExpr>(at(script, "$x = 1"));
  assign->op = "=";
  assign->lhs = tgt("$x");
  assign->rhs = ctx.make<NumberLit>();
  auto *inc = ctx.make_at<IncDecExpr>(at(script, "$y++"));
  inc->prefix = false;
  inc->operand = tgt("$y");
  auto *cast = ctx.make_at<CastExpr>(at(script, "@cast(0, \"t\")->a"));
  cast->operand = ctx.make<NumberLit>();
  cast->type_name = "t";
  auto *cw = ctx.make_at<AssignExpr>(at(script, "@cast(0, \"t\")->a = 2"));
  cw->op = "=";
  cw->lhs = cast;
  cw->rhs = ctx.make<NumberLit>();
  add_probe(point(at(script, "begin"), {{"begin", nullptr}}),
            block({expr_stmt(assign), expr_stmt(inc), expr_stmt(cw)}));
  check(Level::stapsys);
  std::vector<std::string> got;
  for (const Diagnostic &d : diags.all())
    got.push_back(sm.describe(d.loc) + " " + d.message);
  // The written @cast is one write, not also a kernel read.
  EXPECT_EQ(got, (std::vector<std::string>{
                     "s.stp:1:15 write to target variable '$x' needs privilege "
                     "action 'code.guru_write' (allowed at 'stapdev'; current "
                     "level 'stapsys')",
                     "s.stp:1:23 write to target variable '$y' needs privilege "
                     "action 'code.guru_write' (allowed at 'stapdev'; current "
                     "level 'stapsys')",
                     "s.stp:1:29 write to '@cast' target needs privilege action "
                     "'code.guru_write' (allowed at 'stapdev'; current level "
                     "'stapsys')",
                 }));
}

TEST_F(ProgramTest, RecursionAndSharedBodiesReportOnce) {
  set_script("function r(n) { r(n) @cast(0, \"t\")->a }\n"
             "probe begin { r(1) }\nprobe end { r(2) }\n");
  auto *cast = ctx.make_at<CastExpr>(at(script, "@cast(0, \"t\")->a"));
  cast->operand = ctx.make<NumberLit>();
  cast->type_name = "t";
  auto *r = ctx.make_at<FunctionDecl>(at(script, "function r"));
  r->name = "r";
  auto *self_call = ctx.make_at<CallExpr>(at(script, "r(n)"));
  self_call->name = "r";
  self_call->decl = r;
  r->body = block({expr_stmt(self_call), expr_stmt(cast)});
  for (const char *p : {"begin", "end"}) {
    auto *c = ctx.make_at<CallExpr>(at(script, std::string(p) == "begin" ? "r(1)" : "r(2)"));
    c->name = "r";
    c->decl = r;
    add_probe(point(at(script, p), {{p, nullptr}}), block({expr_stmt(c)}));
  }
  check(Level::stapusr);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(sm.describe(diags.all()[0].loc), "s.stp:1:22");
  ASSERT_EQ(diags.all()[0].notes.size(), 1u);
  EXPECT_EQ(diags.all()[0].notes[0].message, "function 'r' called from here");
}

TEST_F(ProgramTest, ScriptArgumentIsReportedAtItsSite) {
  set_script("probe begin { $1 = 0 }\n");
  FileId arg = sm.add("<argument 1>", "$x", SourceOrigin::argument);
  Location site = at(script, "$1");
  ExpansionId chain =
      sm.add_expansion({ExpansionKind::script_arg, site, "$1", kNoExpansion});
  Location in_arg{arg, 0, 2, chain};
  auto *t = ctx.make_at<TargetSymbol>(in_arg);
  t->name = "$x";
  auto *assign = ctx.make_at<AssignExpr>(in_arg);
  assign->lhs = t;
  assign->rhs = ctx.make<NumberLit>();
  add_probe(point(at(script, "begin"), {{"begin", nullptr}}),
            block({expr_stmt(assign)}));
  check(Level::stapusr);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(sm.describe(diags.all()[0].loc), "s.stp:1:15");
  EXPECT_EQ(diags.all()[0].notes[0].message,
            "required by write to target variable '$x'");
}

TEST_F(ProgramTest, TopLevelEmbeddedCodeOfTheScript) {
  set_script("%{ int x; %}\nprobe begin { }\n");
  auto *e = ctx.make_at<EmbeddedDecl>(at(script, "%{ int x; %}"));
  script_file.embeds.push_back(e);
  program.embeds.push_back(e);
  FileId tap = sm.add("/ts/t.stp", "%{ #include <x> %}\n",
                      SourceOrigin::library);
  auto *te = ctx.make_at<EmbeddedDecl>(at(tap, "%{"));
  te->from_tapset = true;
  program.embeds.push_back(te);
  PrivilegeResult r = check(Level::stapsys);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].message,
            "embedded code may not be used when --privilege=stapsys is "
            "specified: embedded C block needs privilege action "
            "'code.embedded_c' "
            "(allowed at 'stapdev'; current level 'stapsys')");
  EXPECT_EQ(r.required.to_string(), "code.embedded_c");
}

TEST_F(ProgramTest, UnknownRegistryActionIsAnInternalError) {
  set_script("probe begin { }\n");
  ProbeType bogus;
  bogus.pattern = "begin";
  bogus.action = "probe.bogus";
  auto *p = ctx.make<ProbeDecl>();
  p->points = {point(at(script, "begin"), {{"begin", nullptr}})};
  p->body = block();
  program.probes.push_back(p);
  program.probe_types.push_back(&bogus);
  EXPECT_FALSE(check(Level::stapdev).allowed);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].id, DiagId::internal_error);
  EXPECT_EQ(diags.all()[0].message,
            "probe type 'begin' names unknown privilege action 'probe.bogus'");
}

TEST_F(ProgramTest, StapdevAllowsEverythingButRecordsIt) {
  set_script("probe kernel.statement(1).absolute { }\n");
  add_probe(point(at(script, "kernel.statement(1).absolute"),
                  {{"kernel", nullptr}, {"statement", ctx.make<NumberLit>()},
                   {"absolute", nullptr}}),
            block());
  PrivilegeResult r = check(Level::stapdev);
  EXPECT_TRUE(r.allowed);
  EXPECT_EQ(r.required.to_string(), "probe.kernel.absolute");
  EXPECT_EQ(diags.all().size(), 0u);
}

}  // namespace
}  // namespace stap

namespace stap {
namespace {

// Scale: the walk is linear in the program (function summaries memoised,
// shared bodies scanned once). 20,000 probes over a 2,000-deep call chain
// with a violation at the bottom: ~0.5 s unoptimised, never exponential.
TEST_F(ProgramTest, LargeProgramIsLinear) {
  set_script("probe begin { f() }\nfunction f() { @cast(0, \"t\")->a }\n");
  auto *cast = ctx.make_at<CastExpr>(at(script, "@cast(0, \"t\")->a"));
  cast->operand = ctx.make<NumberLit>();
  cast->type_name = "t";
  FunctionDecl *callee = nullptr;
  for (int i = 0; i < 2000; ++i) {
    auto *f = ctx.make_at<FunctionDecl>(at(script, "function f"));
    f->name = "f" + std::to_string(i);
    std::vector<Stmt *> body;
    if (callee) {
      for (int k = 0; k < 2; ++k) {  // two calls: naive walks would be 2^n
        auto *c = ctx.make_at<CallExpr>(at(script, "f()"));
        c->name = callee->name;
        c->decl = callee;
        body.push_back(expr_stmt(c));
      }
    } else {
      body.push_back(expr_stmt(cast));
    }
    f->body = block(body);
    program.functions.push_back(f);
    callee = f;
  }
  for (int i = 0; i < 20000; ++i) {
    auto *c = ctx.make_at<CallExpr>(at(script, "f()"));
    c->name = callee->name;
    c->decl = callee;
    auto *p = ctx.make_at<ProbeDecl>(at(script, "begin"));
    p->points = {point(at(script, "begin"), {{"begin", nullptr}})};
    p->body = block({expr_stmt(c)});
    program.probes.push_back(p);
    program.probe_types.push_back(ProbeRegistry::builtin().match_quiet(*p->points[0])[0]);
  }
  auto start = std::chrono::steady_clock::now();
  PrivilegeResult r = check(Level::stapusr);
  double ms = std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - start).count();
  std::printf("privilege pass: %zu probes, %zu functions: %.1f ms\n",
              program.probes.size(), program.functions.size(), ms);
  EXPECT_FALSE(r.allowed);
  EXPECT_EQ(diags.all().size(), 1u);
  EXPECT_LT(ms, 5000.0);  // generous for sanitizer builds; 2^2000 never ends
}

}  // namespace
}  // namespace stap
