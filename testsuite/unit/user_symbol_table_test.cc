// The user-space symbol and unwind table builder against programs built
// with gcc at test time: symbols by file offset (as nm and the program
// headers place them), .eh_frame rows for code with and without frame
// pointers, DT_NEEDED for --ldd, source lines as binutils' addr2line
// gives them.
#include "symbols/user_symbol_table.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

constexpr const char *kProgram = R"(
__attribute__((noinline)) long leaf(long x) { __asm__ volatile("" ::: "memory"); return x * 3; }
__attribute__((noinline, optimize("no-omit-frame-pointer")))
long framed(long x) { __asm__ volatile("" ::: "memory"); return leaf(x) + 1; }
int main(int argc, char **argv) { (void)argv; return (int)framed(argc); }
)";

struct Built {
  fs::path dir;
  ~Built() { fs::remove_all(dir); }
};

// Builds kProgram with `flags` into a fresh directory; "" on failure.
std::string build(Built &b, const std::string &flags) {
  char tmpl[] = "/tmp/stap-usymtab-XXXXXX";
  if (!mkdtemp(tmpl)) return "";
  b.dir = tmpl;
  std::ofstream(b.dir / "t.c") << kProgram;
  std::string exe = (b.dir / "t").string();
  std::string cmd = "gcc -O2 -fomit-frame-pointer " + flags + " -o " + exe +
                    " " + (b.dir / "t.c").string();
  return std::system(cmd.c_str()) == 0 ? exe : "";
}

// What `nm` says of `name`: its address, or ~0 when it lists none.
uint64_t nm_address(const std::string &exe, const std::string &name) {
  std::string cmd =
      "nm " + exe + " | awk '$3 == \"" + name + "\" { print $1 }'";
  FILE *p = popen(cmd.c_str(), "r");
  unsigned long long v = ~0ULL;
  if (p) {
    if (fscanf(p, "%llx", &v) != 1) v = ~0ULL;
    pclose(p);
  }
  return v;
}

const UserSymbol *find(const UserSymbolTable &t, const std::string &name) {
  for (const UserSymbol &s : t.symbols)
    if (s.name == name) return &s;
  return nullptr;
}

// The row in force at file offset `off`.
const UserCfiRow *row_at(const UserSymbolTable &t, uint64_t off) {
  const UserCfiRow *r = nullptr;
  for (const UserCfiRow &row : t.cfi)
    if (row.offset <= off) r = &row;
  return r;
}

TEST(UserSymbolTable, PieSymbolsAndRows) {
  Built b;
  std::string exe = build(b, "-fPIE -pie");
  ASSERT_FALSE(exe.empty());
  std::string error;
  auto t = read_user_symbol_table(exe, &error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->path, fs::canonical(exe).string());
  EXPECT_EQ(t->build_id.size(), 40u);  // gcc's default sha1 build-id
  EXPECT_TRUE(std::is_sorted(t->symbols.begin(), t->symbols.end(),
                             [](const UserSymbol &a, const UserSymbol &b) {
                               return a.offset < b.offset;
                             }));
  for (const char *name : {"main", "leaf", "framed"}) {
    const UserSymbol *s = find(*t, name);
    ASSERT_NE(s, nullptr) << name;
    // A PIE's text is mapped at its file offset.
    EXPECT_EQ(s->offset, nm_address(exe, name)) << name;
    EXPECT_GT(s->size, 0u) << name;
  }
  // At a function's first instruction the CFA is %rsp + 8 (the return
  // address just pushed) and %rbp is untouched.
  const UserSymbol *leaf = find(*t, "leaf");
  const UserCfiRow *r = row_at(*t, leaf->offset);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->cfa, UserCfiRow::Cfa::sp);
  EXPECT_EQ(r->cfa_offset, 8);
  EXPECT_EQ(r->fp_slot, 0);
  // Inside the frame-pointer function, after push %rbp; mov %rsp,%rbp:
  // the CFA is %rbp + 16 and the caller's %rbp is saved at CFA - 16.
  const UserSymbol *framed = find(*t, "framed");
  bool saw_fp = false;
  for (const UserCfiRow &row : t->cfi)
    if (row.offset > framed->offset &&
        row.offset < framed->offset + framed->size &&
        row.cfa == UserCfiRow::Cfa::fp) {
      EXPECT_EQ(row.cfa_offset, 16);
      EXPECT_EQ(row.fp_slot, -16);
      saw_fp = true;
    }
  EXPECT_TRUE(saw_fp);
  EXPECT_NE(std::find(t->needed.begin(), t->needed.end(), "libc.so.6"),
            t->needed.end());
}

TEST(UserSymbolTable, NonPieOffsetsAreFileOffsets) {
  Built b;
  std::string exe = build(b, "-fno-PIE -no-pie");
  ASSERT_FALSE(exe.empty());
  std::string error;
  auto t = read_user_symbol_table(exe, &error);
  ASSERT_TRUE(t) << error;
  const UserSymbol *s = find(*t, "main");
  ASSERT_NE(s, nullptr);
  // Linked at 0x400000 + offset: the table keeps the offset.
  EXPECT_EQ(s->offset + 0x400000, nm_address(exe, "main"));
  EXPECT_NE(row_at(*t, s->offset), nullptr);
}

// What `addr2line` says of `addr`: "FILE:LINE".
std::string addr2line(const std::string &exe, uint64_t addr) {
  char cmd[512];
  snprintf(cmd, sizeof(cmd), "addr2line -e %s 0x%llx", exe.c_str(),
           static_cast<unsigned long long>(addr));
  FILE *p = popen(cmd, "r");
  char buf[512] = "";
  if (p) {
    if (!fgets(buf, sizeof(buf), p)) buf[0] = 0;
    pclose(p);
  }
  std::string out = buf;
  return out.substr(0, out.find_first_of(" \n"));
}

TEST(UserSymbolTable, LinesAsAddr2lineGivesThem) {
  Built b;
  std::string exe = build(b, "-g -fno-PIE -no-pie");
  ASSERT_FALSE(exe.empty());
  std::string error;
  auto t = read_user_symbol_table(exe, &error);
  ASSERT_TRUE(t) << error;
  ASSERT_FALSE(t->lines.empty());
  EXPECT_TRUE(std::is_sorted(t->lines.begin(), t->lines.end(),
                             [](const UserLineRow &a, const UserLineRow &b) {
                               return a.offset < b.offset;
                             }));
  // Every byte of every function: the row in force names what addr2line
  // names (file offset + 0x400000 is the address, as above).
  size_t checked = 0;
  for (const char *name : {"main", "leaf", "framed"}) {
    const UserSymbol *s = find(*t, name);
    ASSERT_NE(s, nullptr) << name;
    for (uint64_t off = s->offset; off < s->offset + s->size; ++off) {
      const UserLineRow *r = nullptr;
      for (const UserLineRow &row : t->lines)
        if (row.offset <= off) r = &row;
      ASSERT_NE(r, nullptr);
      ASSERT_NE(r->line, 0u);
      EXPECT_EQ(t->line_files.at(r->file) + ":" + std::to_string(r->line),
                addr2line(exe, off + 0x400000))
          << name << "+" << off - s->offset;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10u);
}

TEST(UserSymbolTable, NoDebugInfoNoLines) {
  Built b;
  std::string exe = build(b, "-g0");
  ASSERT_FALSE(exe.empty());
  std::string error;
  auto t = read_user_symbol_table(exe, &error);
  ASSERT_TRUE(t) << error;
  EXPECT_TRUE(t->lines.empty());
  EXPECT_TRUE(t->line_files.empty());
  EXPECT_NE(find(*t, "main"), nullptr);
}

TEST(UserSymbolTable, NotElfIsAnError) {
  char tmpl[] = "/tmp/stap-usymtab-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  Built b{tmpl};
  std::ofstream(b.dir / "text") << "not an ELF file\n";
  std::string error;
  EXPECT_FALSE(read_user_symbol_table((b.dir / "text").string(), &error));
  EXPECT_EQ(error, "'" + (b.dir / "text").string() + "' is not an ELF file");
  EXPECT_FALSE(read_user_symbol_table("/nonexistent/x", &error));
  EXPECT_EQ(error.rfind("cannot resolve '/nonexistent/x'", 0), 0u) << error;
}

}  // namespace
}  // namespace stap
