// The user-binary DWARF reader against real programs built with gcc -g at
// test time: -O0 (stack slots through the CFA) and -O2 (location lists,
// registers, DW_OP_entry_value).
#include "symbols/user_dwarf.h"
#include "test_program.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

constexpr const char *kProgram = R"(#include <stdio.h>
struct point {
  int x;
  long y;
  unsigned flag : 3;
  unsigned mode : 5;
  union { int a; char c; };
  char name[16];
};
typedef struct point point_t;
enum color { RED, GREEN = 5 };

__attribute__((noinline)) int area(struct point *p, int scale,
                                   const char *label) {
  int local = p->x * scale;
  return local + (int)p->y + label[0];
}

__attribute__((noinline)) long twice(long v) { return v * 2; }

int main(int argc, char **argv) {
  point_t pt = {1, 2, 3, 4, {5}, "pt"};
  enum color c = GREEN;
  printf("%d %ld %d\n", area(&pt, argc, argv[0]), twice(argc), c);
  return 0;
}
)";

// Builds kProgram once per optimization level into a scratch directory.
class UserDwarfTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    build_test_program("stap-udwarf", kProgram, &dir_);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::unique_ptr<UserDwarf> open(const char *exe) {
    std::string error;
    auto d = UserDwarf::open((dir_ / exe).string(), &error);
    EXPECT_NE(d, nullptr) << error;
    return d;
  }

  static const DwarfVariable *var(const DwarfFunction &f,
                                  const std::string &name) {
    for (const DwarfVariable &v : f.variables)
      if (v.name == name) return &v;
    return nullptr;
  }

  static fs::path dir_;
};

fs::path UserDwarfTest::dir_;

TEST_F(UserDwarfTest, ParametersThenLocalsWithTypes) {
  auto d = open("t0");
  auto f = d->function("area");
  ASSERT_TRUE(f);
  std::vector<std::string> got;
  for (const DwarfVariable &v : f->variables)
    got.push_back(v.name + ":" + c_type_name(v.type) +
                  (v.is_param ? " param" : " local"));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "p:struct point* param", "scale:int param",
                     "label:char const* param", "local:int local"}));
  EXPECT_EQ(c_type_name(f->return_type), "int");
  EXPECT_EQ(f->decl_line, 13);
  EXPECT_EQ(fs::path(f->decl_file).filename(), "t.c");
  EXPECT_FALSE(d->function("no_such_function"));
}

TEST_F(UserDwarfTest, UnoptimizedVariablesLiveInTheFrameAfterThePrologue) {
  auto d = open("t0");
  auto f = d->function("area");
  ASSERT_TRUE(f);
  // -O0 stores the parameters in the prologue: the probe goes after it.
  EXPECT_GT(f->probe_pc, f->entry_pc);
  for (const char *name : {"p", "scale", "label", "local"}) {
    const DwarfVariable *v = var(*f, name);
    ASSERT_NE(v, nullptr) << name;
    // DW_OP_fbreg on DW_OP_call_frame_cfa, the CFA being rbp+16 there.
    EXPECT_EQ(v->location.kind, DwarfLocation::Kind::memory) << name;
    EXPECT_EQ(v->location.reg, "rbp") << name;
    EXPECT_LT(v->location.offset, 0) << name;
  }
  EXPECT_NE(var(*f, "p")->location.offset, var(*f, "scale")->location.offset);
}

TEST_F(UserDwarfTest, OptimizedParametersInRegistersAndEntryValues) {
  auto d = open("t2");
  auto twice = d->function("twice");
  ASSERT_TRUE(twice);
  const DwarfVariable *v = var(*twice, "v");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->location.kind, DwarfLocation::Kind::register_value);
  EXPECT_EQ(v->location.reg, "rdi");

  // main's argc moves out of rdi; later it is only DW_OP_entry_value(rdi),
  // which is exact at the entry and optimized out elsewhere.
  auto at_entry = d->function("main");
  ASSERT_TRUE(at_entry);
  auto argc = var(*at_entry, "argc");
  ASSERT_NE(argc, nullptr);
  bool saw_entry_value = false;
  for (uint64_t pc = at_entry->entry_pc; pc < at_entry->entry_pc + 0x100;
       ++pc) {
    auto f = d->function_at("main", pc);
    const DwarfLocation &l = var(*f, "argc")->location;
    if (l.kind == DwarfLocation::Kind::optimized_out && !l.why.empty()) {
      EXPECT_EQ(l.why, "only its value at entry is known, and the probe is "
                       "not at the entry");
      saw_entry_value = true;
      break;
    }
  }
  EXPECT_TRUE(saw_entry_value);
  auto f = d->function_at("main", at_entry->entry_pc);
  EXPECT_EQ(var(*f, "argc")->location.kind,
            DwarfLocation::Kind::register_value);
  EXPECT_EQ(var(*f, "argc")->location.reg, "rdi");
}

TEST_F(UserDwarfTest, StructMembersBitfieldsAnonymousUnionsArrays) {
  auto d = open("t0");
  auto t = d->find_type("struct point");
  ASSERT_TRUE(t);
  auto ct = describe(*t);
  EXPECT_EQ(ct.kind, CKind::record);
  EXPECT_EQ(ct.name, "point");
  EXPECT_EQ(find_member(*t, "x")->bit_offset, 0u);
  EXPECT_EQ(find_member(*t, "y")->bit_offset, 64u);
  auto flag = find_member(*t, "flag"), mode = find_member(*t, "mode");
  EXPECT_EQ(flag->bit_size, 3u);
  EXPECT_EQ(flag->bit_offset, 128u);
  EXPECT_EQ(mode->bit_size, 5u);
  EXPECT_EQ(mode->bit_offset, 131u);
  EXPECT_EQ(find_member(*t, "c")->bit_offset, 160u);  // in the union
  auto name = find_member(*t, "name");
  EXPECT_EQ(c_type_name(name->type), "char[]");  // as SystemTap's -L
  auto arr = describe(name->type);
  EXPECT_EQ(arr.kind, CKind::array);
  EXPECT_EQ(arr.elems, 16u);
  EXPECT_TRUE(describe(arr.inner).is_char);
  EXPECT_FALSE(find_member(*t, "z"));
  EXPECT_EQ(member_names(*t), (std::vector<std::string>{
                                  "x", "y", "flag", "mode", "a", "c", "name"}));
  // A typedef looks through to the struct; enums and base types are found.
  EXPECT_EQ(describe(*d->find_type("point_t")).kind, CKind::record);
  auto color = describe(*d->find_type("enum color"));
  EXPECT_EQ(color.kind, CKind::enumeration);
  EXPECT_EQ(color.size, 4u);
  auto i = describe(*d->find_type("int"));
  EXPECT_EQ(i.kind, CKind::integer);
  EXPECT_TRUE(i.is_signed);
  EXPECT_FALSE(d->find_type("struct nothing"));
}

TEST_F(UserDwarfTest, ErrorsNameTheFile) {
  std::string error;
  EXPECT_EQ(UserDwarf::open("/nonexistent/x", &error), nullptr);
  EXPECT_EQ(error, "cannot open '/nonexistent/x': No such file or directory");
  EXPECT_EQ(UserDwarf::open((dir_ / "t.c").string(), &error), nullptr);
  EXPECT_EQ(error, "'" + (dir_ / "t.c").string() + "' is not an ELF file");
}

}  // namespace
}  // namespace stap
