// A small C program built with gcc at test time, so DWARF tests read a
// real binary: `source` is written to a fresh /tmp directory as t.c and
// built as t0 (gcc -g -O0) and t2 (gcc -g -O2). The caller removes *dir.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

inline void build_test_program(const char *prefix, const char *source,
                               std::filesystem::path *dir) {
  std::string tmpl = "/tmp/" + std::string(prefix) + "-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr) << tmpl;
  *dir = tmpl;
  std::ofstream(*dir / "t.c") << source;
  for (const char *o : {"0", "2"}) {
    std::string cmd = "gcc -g -O" + std::string(o) + " -o " +
                      (*dir / ("t" + std::string(o))).string() + " " +
                      (*dir / "t.c").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
}
