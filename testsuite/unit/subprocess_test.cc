// Helper programs are run by absolute path from the trusted system
// directories, never from the current directory or the caller's PATH.
#include "kbuild/subprocess.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace stap {
namespace {

namespace fs = std::filesystem;

TEST(Subprocess, NamesResolveOnlyInTrustedDirectories) {
  std::string why;
  std::string make = resolve_tool("make", &why);
  EXPECT_TRUE(make == "/usr/bin/make" || make == "/bin/make") << make << why;
  EXPECT_EQ(resolve_tool("./make", &why), "");
  EXPECT_NE(why.find("never relative to the current directory"), std::string::npos)
      << why;
  EXPECT_EQ(resolve_tool("bin/make", &why), "");
  EXPECT_EQ(resolve_tool("no-such-tool-xyz", &why), "");
  EXPECT_EQ(why, "cannot run 'no-such-tool-xyz': not found in " + trusted_tool_path());
}

TEST(Subprocess, BuildEnvironmentPathIsTheTrustedOne) {
  EXPECT_EQ(trusted_tool_path(), "/usr/bin:/bin:/usr/sbin:/sbin");
  auto env = clean_build_environment();
  EXPECT_NE(std::find(env.begin(), env.end(), "PATH=" + trusted_tool_path()),
            env.end());
}

TEST(Subprocess, MakePlantedInTheWorkingDirectoryIsNotRun) {
  fs::path dir = fs::temp_directory_path() / ("stapsp-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path marker = dir / "planted-make-ran";
  {
    std::ofstream make(dir / "make");
    make << "#!/bin/sh\ntouch '" << marker.string() << "'\n";
  }
  chmod((dir / "make").c_str(), 0755);
  ProcessResult r = run_process({"make", "--version"}, clean_build_environment(),
                                dir.string());
  EXPECT_EQ(r.exit_code, 0) << r.error << r.output;
  EXPECT_NE(r.output.find("GNU Make"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(marker));
  r = run_process({"./make"}, clean_build_environment(), dir.string());
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_FALSE(fs::exists(marker));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace stap
