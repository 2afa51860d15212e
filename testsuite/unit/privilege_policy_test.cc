// The administrator's policy file: its format, and that an unsafe file (not
// root's, writable by others, reached through a symbolic link) is ignored
// with a warning.
#include "privilege/policy_file.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace stap {
namespace {

TEST(PrivilegePolicy, ParsesGrants) {
  SourceManager sm;
  Diagnostics diags(sm);
  FileId f = sm.add("privilege.conf",
                    "# comment\n"
                    "grant tracing probe.kernel probe.perf  # trailing\n"
                    "\n"
                    "grant profilers probe.timer.profile\n");
  PrivilegePolicy p = parse_policy(f, sm, diags);
  EXPECT_EQ(diags.all().size(), 0u);
  ASSERT_EQ(p.grants.size(), 2u);
  EXPECT_EQ(p.granted_to({"users", "tracing"}).to_string(),
            "probe.kernel,probe.perf");
  EXPECT_EQ(p.granted_to({"tracing", "profilers"}).to_string(),
            "probe.kernel,probe.timer.profile,probe.perf");
  EXPECT_TRUE(p.granted_to({"users"}).empty());
}

TEST(PrivilegePolicy, BadLinesAreWarningsAtTheirPlace) {
  SourceManager sm;
  Diagnostics diags(sm);
  FileId f = sm.add("privilege.conf",
                    "allow tracing probe.kernel\n"
                    "grant tracing probe.kernel probe.everything\n");
  PrivilegePolicy p = parse_policy(f, sm, diags);
  EXPECT_EQ(diags.error_count(), 0u);
  EXPECT_EQ(diags.render_all(),
            "privilege.conf:1:1: warning: expected 'grant GROUP ACTION...'; "
            "line ignored [STAP2205]\n"
            "  allow tracing probe.kernel\n"
            "  ^~~~~\n"
            "privilege.conf:2:28: warning: unknown privilege action "
            "'probe.everything' ignored [STAP2205]\n"
            "  grant tracing probe.kernel probe.everything\n"
            "                             ^~~~~~~~~~~~~~~~\n");
  EXPECT_EQ(p.granted_to({"tracing"}).to_string(), "probe.kernel");
}

class PolicyFile : public ::testing::Test {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/stap-policy-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    chmod(dir_.c_str(), 0755);
    path_ = dir_ + "/privilege.conf";
    std::ofstream(path_) << "grant tracing probe.kernel\n";
    chmod(path_.c_str(), 0644);
  }
  void TearDown() override {
    std::system(("rm -rf '" + dir_ + "'").c_str());
  }
  PrivilegePolicy load(Diagnostics &diags, SourceManager &sm,
                       const std::string &path) {
    return load_policy(path, sm, diags, geteuid());
  }
  std::string dir_, path_;
};

TEST_F(PolicyFile, SafeFileIsRead) {
  SourceManager sm;
  Diagnostics diags(sm);
  PrivilegePolicy p = load(diags, sm, path_);
  EXPECT_EQ(diags.all().size(), 0u) << diags.render_all();
  EXPECT_EQ(p.granted_to({"tracing"}).to_string(), "probe.kernel");
}

TEST_F(PolicyFile, MissingFileIsAnEmptyPolicy) {
  SourceManager sm;
  Diagnostics diags(sm);
  PrivilegePolicy p = load(diags, sm, dir_ + "/absent.conf");
  EXPECT_EQ(diags.all().size(), 0u);
  EXPECT_TRUE(p.grants.empty());
}

TEST_F(PolicyFile, WorldWritableFileIsIgnored) {
  chmod(path_.c_str(), 0666);
  SourceManager sm;
  Diagnostics diags(sm);
  PrivilegePolicy p = load(diags, sm, path_);
  EXPECT_TRUE(p.grants.empty());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].id, DiagId::priv_policy_ignored);
  EXPECT_EQ(diags.all()[0].message,
            "privilege policy '" + path_ +
                "' ignored: file is not owned by root or is writable by "
                "group or others");
}

TEST_F(PolicyFile, GroupWritableDirectoryIsIgnored) {
  chmod(dir_.c_str(), 0775);
  SourceManager sm;
  Diagnostics diags(sm);
  EXPECT_TRUE(load(diags, sm, path_).grants.empty());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].message,
            "privilege policy '" + path_ + "' ignored: directory '" + dir_ +
                "' is not owned by root or is writable by others");
}

TEST_F(PolicyFile, SymbolicLinkIsNotFollowed) {
  std::string link = dir_ + "/link.conf";
  ASSERT_EQ(symlink(path_.c_str(), link.c_str()), 0);
  SourceManager sm;
  Diagnostics diags(sm);
  EXPECT_TRUE(load(diags, sm, link).grants.empty());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_NE(diags.all()[0].message.find("symbolic links are not followed"),
            std::string::npos)
      << diags.all()[0].message;
}

TEST_F(PolicyFile, ForeignOwnerIsIgnored) {
  if (geteuid() != 0) GTEST_SKIP() << "SKIP: needs root to chown";
  ASSERT_EQ(chown(path_.c_str(), 65534, 65534), 0);
  SourceManager sm;
  Diagnostics diags(sm);
  EXPECT_TRUE(load(diags, sm, path_).grants.empty());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].id, DiagId::priv_policy_ignored);
}

TEST_F(PolicyFile, RelativePathIsRefused) {
  SourceManager sm;
  Diagnostics diags(sm);
  EXPECT_TRUE(load(diags, sm, "privilege.conf").grants.empty());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].message,
            "privilege policy 'privilege.conf' ignored: path is not absolute");
}

}  // namespace
}  // namespace stap
