// Reading back how kbuild compiled a file: the emission check is given
// exactly these arguments.
#include "kbuild/kbuild.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace stap {
namespace {

namespace fs = std::filesystem;

TEST(KbuildCommand, RecordedCompilerArgumentsAreUnquoted) {
  fs::path dir = fs::temp_directory_path() / ("stapkc-" + std::to_string(getpid()));
  fs::create_directories(dir);
  // As kbuild 6.x writes it: escaped for make, quoted for the shell, the
  // objtool step after ';'.
  std::ofstream(dir / ".m_main.o.cmd")
      << "savedcmd_/tmp/w/m_main.o := gcc-12 -Wp,-MMD,/tmp/w/.m_main.o.d "
         "-nostdinc -I./include -include /k/include/linux/kconfig.h "
         "-D__KERNEL__ '-I/r/a b' '-DX=$$1' -DKBUILD_MODNAME='\"m\"' "
         "-c -o /tmp/w/m_main.o /tmp/w/m_main.c   ; ./tools/objtool/objtool "
         "--module /tmp/w/m_main.o\n"
         "\nsource_/tmp/w/m_main.o := /tmp/w/m_main.c\n";
  EXPECT_EQ(kbuild_compile_args(dir.string(), "m_main.o"),
            (std::vector<std::string>{
                "-Wp,-MMD,/tmp/w/.m_main.o.d", "-nostdinc", "-I./include",
                "-include", "/k/include/linux/kconfig.h", "-D__KERNEL__",
                "-I/r/a b", "-DX=$1", "-DKBUILD_MODNAME=\"m\"", "-c", "-o",
                "/tmp/w/m_main.o", "/tmp/w/m_main.c"}));
  EXPECT_TRUE(kbuild_compile_args(dir.string(), "other.o").empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace stap
