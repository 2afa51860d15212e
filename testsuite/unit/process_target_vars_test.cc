// Pass 2 on process probes' target variables, against a program built with
// gcc -g at test time: the plans pass 3 reads from (registers, user-memory
// steps) and the located errors.
#include "elab_fixture.h"
#include "test_program.h"

#include <cstdlib>

namespace stap {
namespace {

namespace fs = std::filesystem;

constexpr const char *kProgram = R"(struct point {
  int x;
  long y;
  unsigned flag : 3;
  char name[16];
};
__attribute__((noinline)) void sink(long v) { __asm__ volatile("" ::"r"(v)); }
__attribute__((noinline)) int area(struct point *p, int scale,
                                   const char *label) {
  int local = p->x * scale;
  return local + (int)p->y + label[0];
}
__attribute__((noinline)) long gone(long v) { long u; sink(2); return 0; }
__attribute__((noinline)) void nothing(void) { sink(1); }
int main(int argc, char **argv) {
  struct point pt = {1, 2, 3, "pt"};
  nothing();
  return area(&pt, argc, argv[0]) + (int)gone(argc);
}
)";

class ProcessTargetVars : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    build_test_program("stap-ptv", kProgram, &dir_);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  // `probe process("EXE").function(FN) { BODY }` elaborated.
  static std::unique_ptr<Elab> probe(const char *exe, const std::string &point,
                                     const std::string &body) {
    auto e = std::make_unique<Elab>();
    e->run("probe process(\"" + (dir_ / exe).string() + "\")." + point + " { " +
           body + " }\n");
    return e;
  }

  // The plan of the n-th target expression of the first probe, in source
  // order.
  static const TargetAccess *plan(const Elab &e, size_t n) {
    if (e.program.probe_targets.empty()) return nullptr;
    std::vector<std::pair<uint32_t, const TargetAccess *>> all;
    for (auto &[expr, a] : e.program.probe_targets[0])
      all.push_back({expr->loc.begin, &a});
    std::sort(all.begin(), all.end());
    return n < all.size() ? all[n].second : nullptr;
  }

  // `e` reported the error `text` (among others).
  static void expect_error(const Elab &e, const std::string &text) {
    EXPECT_NE(e.summary().find("error: " + text), std::string::npos)
        << text << "\n"
        << e.summary();
  }

  static fs::path dir_;
};

fs::path ProcessTargetVars::dir_;

TEST_F(ProcessTargetVars, AtTheEntryParametersAreInArgumentRegisters) {
  auto e = probe("t0", "function(\"area\")",
                 "println($scale, $p->x, $p->name, $label, $local)");
  ASSERT_EQ(e->summary(), "");
  // -O0 has not stored them yet: the psABI registers hold them.
  const TargetAccess *scale = plan(*e, 0);
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->base, TargetAccess::Base::register_value);
  EXPECT_EQ(scale->reg, "rsi");
  EXPECT_EQ(scale->base_bits, 32u);
  EXPECT_TRUE(scale->base_signed);
  EXPECT_EQ(scale->read, TargetAccess::Read::value);

  // $p->x: the int at offset 0 of what rdi points to, in user memory.
  const TargetAccess *x = plan(*e, 1);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->reg, "rdi");
  EXPECT_TRUE(x->user_memory);
  ASSERT_EQ(x->steps.size(), 1u);
  EXPECT_EQ(x->steps[0].offset, 0);
  EXPECT_EQ(x->read, TargetAccess::Read::integer);
  EXPECT_EQ(x->size, 4u);
  EXPECT_TRUE(x->is_signed);

  const TargetAccess *name = plan(*e, 2);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->read, TargetAccess::Read::string);
  EXPECT_EQ(name->steps.back().offset, 17);  // packed after the bitfield
  EXPECT_EQ(name->type, Type::string);
  EXPECT_EQ(plan(*e, 3)->reg, "rdx");

  // A local: its frame slot through the CFA, which is rsp+8 at the entry.
  const TargetAccess *local = plan(*e, 4);
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->base, TargetAccess::Base::register_value);
  EXPECT_EQ(local->reg, "rsp");
  EXPECT_EQ(local->read, TargetAccess::Read::integer);
  EXPECT_LT(local->steps[0].offset, 8);
}

// Inside the body (area's return line) a parameter is where the DWARF
// says, its -O0 frame slot, not the entry register any more.
TEST_F(ProcessTargetVars, AtAStatementParametersAreInTheirFrameSlots) {
  auto e = probe("t0", "statement(\"area@*:11\")", "println($scale, $local)");
  ASSERT_EQ(e->summary(), "");
  const TargetAccess *scale = plan(*e, 0);
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->base, TargetAccess::Base::register_value);
  EXPECT_EQ(scale->reg, "rbp");
  EXPECT_EQ(scale->read, TargetAccess::Read::integer);
  EXPECT_EQ(plan(*e, 1)->reg, "rbp");
  auto bad = probe("t0", "statement(\"area@*:11\")", "println($nosuch)");
  EXPECT_NE(bad->summary().find("semantic error: 'area' has no parameter or "
                                "local 'nosuch' [STAP2018]"),
            std::string::npos)
      << bad->summary();
}

TEST_F(ProcessTargetVars, OptimizedParameterInItsRegister) {
  auto e = probe("t2", "function(\"area\")", "println($scale)");
  ASSERT_EQ(e->summary(), "");
  const TargetAccess *scale = plan(*e, 0);
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->base, TargetAccess::Base::register_value);
  EXPECT_EQ(scale->reg, "rsi");
  EXPECT_EQ(scale->base_bits, 32u);
  EXPECT_EQ(scale->read, TargetAccess::Read::value);
}

TEST_F(ProcessTargetVars, ReturnProbesReadATypedReturn) {
  auto e = probe("t0", "function(\"area\").return", "println($return)");
  ASSERT_EQ(e->summary(), "");
  const TargetAccess *ret = plan(*e, 0);
  EXPECT_EQ(ret->base, TargetAccess::Base::register_value);
  EXPECT_EQ(ret->reg, "rax");
  EXPECT_EQ(ret->base_bits, 32u);
  EXPECT_TRUE(ret->base_signed);

  // $return is read at the return, nothing is saved for it.
  EXPECT_TRUE(e->program.probe_entry_values[0].empty());
  auto v = probe("t0", "function(\"nothing\").return", "println($return)");
  EXPECT_NE(v->summary().find("error: '$return' of 'nothing', which returns "
                              "void"),
            std::string::npos)
      << v->summary();
}

// A return probe reads parameters, their fields and @entry(expr) as they
// were at entry: its entry half evaluates and saves them, in source order.
TEST_F(ProcessTargetVars, ReturnProbesSaveEntryValues) {
  auto e = probe("t0", "function(\"area\").return",
                 "println($label, $p->x, @entry($scale * 2), @entry(7 + 1), "
                 "$return)");
  ASSERT_EQ(e->summary(), "");
  const auto &saved = e->program.probe_entry_values[0];
  ASSERT_EQ(saved.size(), 4u);
  EXPECT_EQ(saved[0]->kind, ExprKind::target);
  EXPECT_EQ(static_cast<const TargetSymbol *>(saved[0])->name, "$label");
  EXPECT_EQ(saved[1]->kind, ExprKind::target);
  EXPECT_EQ(saved[2]->kind, ExprKind::entry);
  EXPECT_EQ(saved[3]->kind, ExprKind::entry);
  // Located as at a .function probe: the psABI's registers at entry.
  const TargetAccess *label = plan(*e, 0);
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->base, TargetAccess::Base::register_value);
  EXPECT_EQ(label->reg, "rdx");

  // @entry of anything needs no DWARF of the function.
  auto plain =
      probe("t0", "function(\"area\").return", "println(@entry(7 + 1))");
  ASSERT_EQ(plain->summary(), "");
  EXPECT_EQ(plain->program.probe_entry_values[0].size(), 1u);

  // A .call probe saves nothing.
  auto call = probe("t0", "function(\"area\")", "println($label)");
  ASSERT_EQ(call->summary(), "");
  EXPECT_TRUE(call->program.probe_entry_values[0].empty());
}

TEST_F(ProcessTargetVars, EntryCannotReadTheReturnOrNest) {
  auto ret =
      probe("t0", "function(\"area\").return", "println(@entry($return))");
  expect_error(*ret, "'$return' inside '@entry' has no value: '@entry' is "
                     "evaluated when the function is entered");
  auto nested = probe("t0", "function(\"area\").return",
                      "println(@entry(@entry($scale)))");
  expect_error(*nested, "'@entry' inside '@entry': the inner one is already "
                        "evaluated at entry");
}

TEST_F(ProcessTargetVars, ParmsAndLocals) {
  auto e = probe("t0", "function(\"area\")",
                 "println($$parms) println($$locals) println($$vars)");
  ASSERT_EQ(e->summary(), "");
  auto names = [&](size_t n) {
    std::string s;
    for (const auto &part : plan(*e, n)->parts) s += part.name + " ";
    return s;
  };
  EXPECT_EQ(names(0), "p scale label ");
  EXPECT_EQ(names(1), "local ");
  EXPECT_EQ(names(2), "p scale label local ");
}

TEST_F(ProcessTargetVars, LocatedErrorsWithSuggestions) {
  const std::string body =
      "println($scal) println($p->nmae) println($scale->x)";
  auto e = probe("t0", "function(\"area\")", body);
  std::string text = "probe process(\"" + (dir_ / "t0").string() +
                     "\").function(\"area\") { " + body;
  auto at = [&](const std::string &what) {
    return "t.stp:1:" + std::to_string(text.find(what) + 1) +
           ": semantic error: ";
  };
  std::string got = e->summary();
  for (const std::string &want :
       {at("$scal)") + "'area' has no parameter or local 'scal'; did you "
                       "mean '$scale'?",
        at("->nmae") + "'struct point' has no member 'nmae'; did you mean "
                       "'name'?",
        at("->x") + "'x' is not a member: the value is 'int', not a struct "
                    "or union"})
    EXPECT_NE(got.find(want), std::string::npos) << want << "\n" << got;
}

TEST_F(ProcessTargetVars, OptimizedOutAndCasts) {
  auto e = probe("t2", "function(\"gone\")", "println($u)");
  EXPECT_NE(e->summary().find("error: '$u' in 'gone' is optimized out at "
                              "this probe point"),
            std::string::npos)
      << e->summary();
  std::string exe = (dir_ / "t0").string();
  auto c =
      probe("t0", "function(\"main\")",
            "println(@cast($argv, \"struct point\", \"" + exe +
                "\")->flag, @cast(0, \"struct nope\", \"" + exe + "\")->x)");
  EXPECT_EQ(c->summary().find("error: no type 'struct nope' in the DWARF of "
                              "'" +
                              exe + "'") != std::string::npos,
            true)
      << c->summary();
  const TargetAccess *flag = plan(*c, 0);
  ASSERT_NE(flag, nullptr);
  EXPECT_EQ(flag->base, TargetAccess::Base::operand);
  EXPECT_TRUE(flag->user_memory);
  EXPECT_EQ(flag->bit_size, 3u);
}

TEST_F(ProcessTargetVars, PrettyPrintingFromTheBinarysDwarf) {
  auto e = probe("t0", "function(\"area\")",
                 "println($p$) println($$parms$) println($scale$)");
  ASSERT_EQ(e->summary(), "");
  EXPECT_EQ(plan(*e, 0)->format, "{.x=%d, .y=%d, .flag=%u, .name=\"%s\"}");
  EXPECT_EQ(plan(*e, 0)->parts.size(), 4u);
  EXPECT_EQ(plan(*e, 1)->format,
            "p={.x=%d, .y=%d, .flag=%u, .name=\"%s\"} scale=%d label=%p");
  EXPECT_EQ(plan(*e, 2)->format, "%d");
  auto r =
      probe("t0", "function(\"area\").return", "println($$return$, $$return)");
  ASSERT_EQ(r->summary(), "");
  EXPECT_EQ(plan(*r, 0)->format, "return=%d");
  // Read as the function returns, not saved at its entry.
  EXPECT_TRUE(r->program.probe_entry_values[0].empty());
  ASSERT_EQ(plan(*r, 1)->parts.size(), 1u);
  EXPECT_EQ(plan(*r, 1)->parts[0].name, "return");
}

TEST_F(ProcessTargetVars, AutocastKeepsTheDwarfTypeOfALocal) {
  auto e = probe("t0", "function(\"area\")", "q = $p println(q->flag)");
  ASSERT_EQ(e->summary(), "");
  const TargetAccess *flag = plan(*e, 1);
  ASSERT_NE(flag, nullptr);
  EXPECT_EQ(flag->base, TargetAccess::Base::operand);
  EXPECT_TRUE(flag->user_memory);
  EXPECT_EQ(flag->bit_size, 3u);
  auto bad = probe("t0", "function(\"area\")", "r = 5 println(r->x)");
  expect_error(*bad, "unknown type in dereference");
}

TEST_F(ProcessTargetVars, CastWithoutAFileUsesTheProbedOne) {
  auto e = probe("t0", "function(\"main\")",
                 "println(@cast($argv, \"struct point\")->flag)");
  ASSERT_EQ(e->summary(), "");
  EXPECT_EQ(plan(*e, 0)->bit_size, 3u);
  auto bad = probe("t0", "function(\"main\")",
                   "println(@cast(0, \"struct nope\")->x)");
  expect_error(*bad, "no type 'struct nope' in the DWARF of '" +
                         (dir_ / "t0").string() +
                         "' (the probed file; name another as @cast's third "
                         "argument)");
}

// A struct passed by value in two registers: gcc -O2 describes it with
// DW_OP_piece (lo and hi share rdi, big is rsi).
constexpr const char *kPieces = R"(struct pair { int lo; int hi; long big; };
__attribute__((noinline)) long use(struct pair s, int k) {
  __asm__ volatile("" ::"r"(s.lo), "r"(s.hi), "r"(s.big));
  return s.lo + s.hi * k + s.big;
}
int main(int argc, char **argv) {
  struct pair s = {3, 4, 50};
  s.lo += argc;
  return use(s, 2) != 62 + (argv == 0);
}
)";

TEST(ProcessTargetPieces, EachMemberFromThePieceHoldingIt) {
  fs::path dir;
  build_test_program("stap-ptp", kPieces, &dir);
  Elab e;
  e.run("probe process(\"" + (dir / "t2").string() +
        "\").function(\"use\") { println($s->lo, $s->hi, $s->big) "
        "println($s) }\n");
  fs::remove_all(dir);
  std::map<std::string, const TargetAccess *> by_member;
  for (auto &[expr, a] : e.program.probe_targets[0]) {
    auto *t = static_cast<const TargetSymbol *>(expr);
    if (!t->components.empty()) by_member[t->components[0].name] = &a;
  }
  ASSERT_EQ(by_member.size(), 3u) << e.summary();
  const TargetAccess *hi = by_member["hi"];
  EXPECT_EQ(hi->base, TargetAccess::Base::register_value);
  EXPECT_EQ(hi->reg, "rdi");
  EXPECT_EQ(hi->base_shift, 32u);
  EXPECT_EQ(hi->base_bits, 32u);
  EXPECT_TRUE(hi->base_signed);
  EXPECT_EQ(by_member["lo"]->base_shift, 0u);
  EXPECT_EQ(by_member["big"]->reg, "rsi");
  EXPECT_EQ(by_member["big"]->base_bits, 64u);
  EXPECT_NE(e.summary().find("error: a value of type 'struct pair' cannot be "
                             "read as a number or string"),
            std::string::npos)
      << e.summary();
}

}  // namespace
}  // namespace stap
