// The SARIF and JSON renderers: structure, rule ids per action, related
// locations for the chain, and validation against the SARIF 2.1.0 schema
// (skipped, saying so, when the schema is not installed).
#include "privilege/messages.h"
#include "privilege/sarif.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace stap {
namespace {

struct Fixture {
  SourceManager sm;
  Diagnostics diags{sm};
  FileId script = sm.add("dir/my script.stp",
                         "probe kernel.function(\"vfs_read\") {\n"
                         "  $x = 1\n"
                         "}\n");
  FileId tapset = sm.add("/usr/share/stap/tapsets/k.stp",
                         "function f() { @cast(0, \"task_struct\")->pid }\n",
                         SourceOrigin::library);
  Fixture() {
    report_denial(diags, DiagId::priv_denied, Location{script, 6, 34},
                  "probe point 'kernel.function(\"vfs_read\")'",
                  Action::probe_kernel, Level::stapusr);
    report_denial(diags, DiagId::priv_denied, Location{script, 38, 44},
                  "write to target variable '$x'", Action::code_guru_write,
                  Level::stapusr);
    Diagnostic &d = report_denial(diags, DiagId::priv_denied,
                                  Location{script, 38, 40}, "call to 'f'",
                                  Action::memory_kernel_read, Level::stapusr);
    d.notes.push_back(Note{Location{tapset, 15, 38}, "required by '@cast'"});
    diags.report(DiagId::sem_unused_global, Location{script, 0, 5},
                 "unused global 'g'");
    diags.report(DiagId::priv_option_denied, Location{}, "option '-g' ...")
        .properties.emplace_back("action", "option.guru");
  }
};

TEST(PrivilegeSarif, RuleIdsPerAction) {
  Fixture f;
  std::vector<std::string> ids;
  for (const Diagnostic &d : f.diags.all()) ids.push_back(diagnostic_rule_id(d));
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "privilege/probe.kernel", "privilege/code.guru_write",
                     "privilege/memory.kernel.read", "STAP2031",
                     "privilege/option.guru"}));
}

TEST(PrivilegeSarif, ResultShape) {
  Fixture f;
  std::string s = render_sarif(f.diags.all(), f.sm);
  EXPECT_NE(s.find("\"version\":\"2.1.0\""), std::string::npos);
  EXPECT_NE(s.find("{\"ruleId\":\"privilege/probe.kernel\",\"ruleIndex\":0,"
                   "\"level\":\"error\",\"message\":{\"text\":\"probe point "
                   "is not allowed for --privilege=stapusr: probe point "
                   "'kernel.function(\\\"vfs_read\\\")' needs privilege action "
                   "'probe.kernel' (allowed at 'stapsys'; current level "
                   "'stapusr')\"},\"locations\":[{\"physicalLocation\":{"
                   "\"artifactLocation\":{\"uri\":\"dir/my%20script.stp\"},"
                   "\"region\":{\"startLine\":1,\"startColumn\":7,"
                   "\"endLine\":1,\"endColumn\":35}}}]"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("\"relatedLocations\":[{\"physicalLocation\":{"
                   "\"artifactLocation\":{\"uri\":\"file:///usr/share/stap/"
                   "tapsets/k.stp\"},\"region\":{\"startLine\":1,"
                   "\"startColumn\":16,\"endLine\":1,\"endColumn\":39}},"
                   "\"id\":0,\"message\":{\"text\":\"required by '@cast'\"}}]"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("\"level\":\"warning\""), std::string::npos);
}

TEST(PrivilegeSarif, JsonForm) {
  Fixture f;
  std::string j = render_json(f.diags.all(), f.sm);
  EXPECT_NE(j.find("{\"code\":\"STAP2201\",\"rule\":\"privilege/code.guru_write\","
                   "\"severity\":\"error\",\"message\":\"write to target "
                   "variable '$x' needs privilege action 'code.guru_write' "
                   "(allowed at 'stapdev'; current level 'stapusr')\","
                   "\"location\":{\"file\":\"dir/my script.stp\",\"line\":2,"
                   "\"column\":3},\"action\":\"code.guru_write\","
                   "\"allowed_at\":\"stapdev\",\"level\":\"stapusr\","
                   "\"notes\":[]}"),
            std::string::npos)
      << j;
}

std::string schema_path() {
  return std::string(STAP_SOURCE_DIR) + "/../shared/sarif/sarif-schema-2.1.0.json";
}

bool validate(const std::string &doc, std::string *output) {
  char name[] = "/tmp/stap-sarif-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return false;
  close(fd);
  std::ofstream(name) << doc;
  std::string cmd =
      "python3 -c 'import json,jsonschema,sys; "
      "jsonschema.validate(json.load(open(sys.argv[1])), "
      "json.load(open(sys.argv[2])))' " +
      std::string(name) + " '" + schema_path() + "' 2>&1";
  FILE *p = popen(cmd.c_str(), "r");
  char buf[512];
  while (p && fgets(buf, sizeof buf, p)) *output += buf;
  int status = p ? pclose(p) : -1;
  std::remove(name);
  return status == 0;
}

TEST(PrivilegeSarif, ValidatesAgainstSchema) {
  if (access(schema_path().c_str(), R_OK) != 0)
    GTEST_SKIP() << "SKIP: SARIF schema not found at " << schema_path();
  if (std::system("python3 -c 'import jsonschema' 2>/dev/null") != 0)
    GTEST_SKIP() << "SKIP: python3-jsonschema is not installed";
  Fixture f;
  std::string out;
  EXPECT_TRUE(validate(render_sarif(f.diags.all(), f.sm), &out)) << out;
  out.clear();
  EXPECT_TRUE(validate(render_sarif({}, f.sm), &out)) << out;
  // The validator must be able to fail: a wrong version is rejected.
  std::string bad = render_sarif({}, f.sm);
  bad.replace(bad.find("2.1.0\",\"runs"), 5, "9.9.9");
  out.clear();
  EXPECT_FALSE(validate(bad, &out));
}

}  // namespace
}  // namespace stap
