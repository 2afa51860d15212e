// SDT notes of a real program built with <sys/sdt.h> (systemtap-sdt-dev)
// at test time, and the argument-spec parser on the forms gcc emits.
#include "symbols/sdt_notes.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace stap {
namespace {

namespace fs = std::filesystem;

std::string describe(const SdtArgument &a) {
  std::string s = std::string(a.is_signed ? "-" : "") + std::to_string(a.size);
  switch (a.kind) {
  case SdtArgument::Kind::constant: return s + " $" + std::to_string(a.offset);
  case SdtArgument::Kind::register_value: return s + " %" + a.reg;
  case SdtArgument::Kind::memory:
    return s + " " + (a.symbol.empty() ? "" : a.symbol + "+") +
           std::to_string(a.offset) + "(%" + a.reg + ")";
  }
  return "?";
}

std::string parsed(const char *spec) {
  std::string error;
  auto a = parse_sdt_argument(spec, &error);
  return a ? describe(*a) : "error: " + error;
}

TEST(SdtArguments, FormsGccEmits) {
  EXPECT_EQ(parsed("-4@%edi"), "-4 %rdi");
  EXPECT_EQ(parsed("8@%rax"), "8 %rax");
  EXPECT_EQ(parsed("1@%sil"), "1 %rsi");
  EXPECT_EQ(parsed("2@%r9w"), "2 %r9");
  EXPECT_EQ(parsed("8@-16(%rbp)"), "8 -16(%rbp)");
  EXPECT_EQ(parsed("-4@0x10(%rsp)"), "-4 16(%rsp)");
  EXPECT_EQ(parsed("8@(%rdx)"), "8 0(%rdx)");
  EXPECT_EQ(parsed("4@$5"), "4 $5");
  EXPECT_EQ(parsed("-8@$-3"), "-8 $-3");
  EXPECT_EQ(parsed("3@%eax"), "error: '3@%eax': size 3 is not 1, 2, 4 or 8");
  EXPECT_EQ(parsed("8@(%rax,%rbx,8)"),
            "error: '8@(%rax,%rbx,8)': indexed addressing is not supported");
  EXPECT_EQ(parsed("8@%xmm0"), "error: '8@%xmm0': unknown register");
  EXPECT_EQ(parsed("8@counter(%rip)"), "8 counter+0(%ip)");
  EXPECT_EQ(parsed("-4@counter+8(%rip)"), "-4 counter+8(%ip)");
  EXPECT_EQ(parsed("4@counter-4(%rip)"), "4 counter+-4(%ip)");
  EXPECT_EQ(parsed("8@16(%rip)"),
            "error: '8@16(%rip)': a numeric %rip displacement is not "
            "supported");
  EXPECT_EQ(parsed("8@counter(%rax)"),
            "error: '8@counter(%rax)': a symbolic displacement needs %rip");
}

TEST(SdtNotes, RealProgram) {
  if (!fs::exists("/usr/include/x86_64-linux-gnu/sys/sdt.h") &&
      !fs::exists("/usr/include/sys/sdt.h"))
    GTEST_SKIP() << "no <sys/sdt.h>: install systemtap-sdt-dev";
  char tmpl[] = "/tmp/stap-sdt-XXXXXX";
  fs::path dir = mkdtemp(tmpl);
  std::ofstream(dir / "app.d") << "provider app { probe tick(int, long); };\n";
  std::ofstream(dir / "m.c") << R"(#include <sys/sdt.h>
unsigned short app_tick_semaphore __attribute__((section(".probes")));
unsigned short app_plain_semaphore __attribute__((section(".probes")));
int main(int argc, char **argv) {
  long total = argc * 100L;
  if (app_tick_semaphore) total++;
  STAP_PROBE2(app, tick, argc, total);
  STAP_PROBE(app, plain);
  return (int)total;
}
)";
  std::string exe = (dir / "m").string();
  ASSERT_EQ(std::system(("gcc -g -O2 -D_SDT_HAS_SEMAPHORES -o " + exe + " " +
                         (dir / "m.c").string())
                            .c_str()),
            0);
  std::string error;
  auto notes = read_sdt_notes(exe, &error);
  ASSERT_TRUE(notes) << error;
  ASSERT_EQ(notes->size(), 2u);
  const SdtNote &tick = (*notes)[0], &plain = (*notes)[1];
  EXPECT_EQ(tick.provider, "app");
  EXPECT_EQ(tick.name, "tick");
  ASSERT_EQ(tick.arguments.size(), 2u) << tick.args;
  EXPECT_EQ(tick.arguments[0].size, 4);
  EXPECT_TRUE(tick.arguments[0].is_signed);
  EXPECT_EQ(tick.arguments[1].size, 8);
  EXPECT_NE(tick.pc, 0u);
  EXPECT_NE(tick.semaphore, 0u);
  EXPECT_EQ(plain.name, "plain");
  EXPECT_TRUE(plain.arguments.empty());
  EXPECT_NE(plain.semaphore, 0u);
  EXPECT_NE(plain.semaphore, tick.semaphore);
  // The semaphore is the variable's address, from the symbol table.
  std::string nm = "nm " + exe + " | grep -q '^0*" + [&] {
    char b[32];
    snprintf(b, sizeof b, "%llx", (unsigned long long)tick.semaphore);
    return std::string(b);
  }() + " . app_tick_semaphore$'";
  EXPECT_EQ(std::system(nm.c_str()), 0) << nm;
  fs::remove_all(dir);

  EXPECT_FALSE(read_sdt_notes("/nonexistent", &error));
  EXPECT_EQ(error, "cannot open '/nonexistent': No such file or directory");
}

}  // namespace
}  // namespace stap
