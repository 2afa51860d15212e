#include "symbols/kernel_tracepoints.h"

#include <bpf/btf.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace stap {

namespace fs = std::filesystem;

namespace {

// Event-defining macros and where the event's name is:
//   TRACE_EVENT(name, ...), TRACE_EVENT_FN(name, ...), DECLARE_TRACE(name, ...)
//   DEFINE_EVENT(class, name, ...), DEFINE_EVENT_FN/_PRINT/_CONDITION(...)
void scan_header(const std::string &text, TracepointHeaders &out) {
  static const std::regex system(R"(#\s*define\s+TRACE_SYSTEM\s+(\w+))");
  static const std::regex event(
      R"(\b(TRACE_EVENT\w*|DECLARE_TRACE\w*|DEFINE_EVENT\w*)\s*\(\s*(\w+)\s*(?:,\s*(\w+))?)");
  std::string group;
  std::istringstream in(text);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    // The regexes are slow: most lines are skipped by a plain search.
    bool names_system = line.find("TRACE_SYSTEM") != std::string::npos;
    if (!names_system && line.find("TRACE") == std::string::npos &&
        line.find("DEFINE_EVENT") == std::string::npos)
      continue;
    if (names_system && std::regex_search(line, m, system)) {
      group = m[1];
      continue;
    }
    if (group.empty() || !std::regex_search(line, m, event)) continue;
    std::string macro = m[1];
    if (macro == "TRACE_EVENT_FLAGS" || macro == "TRACE_EVENT_PERF_PERM")
      continue;
    if (macro.starts_with("DEFINE_EVENT")) {
      if (!m[3].matched) continue;
      out.group_of.emplace(m[3], group);
      out.class_of.emplace(m[3], m[2]);
    } else {
      out.group_of.emplace(m[2], group);
    }
  }
}

std::optional<FunctionProto> bpf_trace_proto(const struct btf *b,
                                             const std::string &cls) {
  auto p = function_proto(b, "__bpf_trace_" + cls);
  if (!p || p->params.empty()) return std::nullopt;
  p->params.erase(p->params.begin());  // void *__data
  return p;
}

}  // namespace

TracepointHeaders
scan_tracepoint_headers(const std::vector<std::string> &dirs) {
  TracepointHeaders out;
  for (const std::string &dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".h") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path &f : files) {
      std::ifstream in(f);
      std::stringstream text;
      text << in.rdbuf();
      scan_header(text.str(), out);
    }
  }
  return out;
}

void add_tracefs_groups(const std::vector<std::string> &tracefs_roots,
                        TracepointHeaders &out) {
  for (const std::string &root : tracefs_roots) {
    std::error_code ec;
    fs::path events = fs::path(root) / "events";
    if (!fs::is_directory(events, ec)) continue;
    bool any = false;
    for (const auto &sys : fs::directory_iterator(events, ec)) {
      if (!sys.is_directory(ec)) continue;
      for (const auto &ev : fs::directory_iterator(sys.path(), ec))
        if (ev.is_directory(ec)) {
          out.group_of.emplace(ev.path().filename().string(),
                               sys.path().filename().string());
          any = true;
        }
    }
    if (any) return;
  }
}

std::vector<std::string> tracepoint_header_dirs(const std::string &modules_root,
                                                const std::string &release) {
  std::vector<std::string> out;
  for (const char *tree : {"source", "build"})
    for (const char *sub :
         {"include/trace/events", "include/ras", "arch/x86/include/asm/trace"})
      out.push_back(modules_root + "/" + release + "/" + tree + "/" + sub);
  return out;
}

std::optional<FunctionProto> tracepoint_args(const struct btf *b,
                                             const std::string &name,
                                             const std::string &event_class) {
  auto types = tracepoint_proto(b, name);
  if (!types) return std::nullopt;
  // The names: __bpf_trace_NAME (TRACE_EVENT, DECLARE_TRACE), else the
  // class's function (DEFINE_EVENT). Both are built from the same
  // prototype, so only their count is checked.
  auto named = bpf_trace_proto(b, name);
  if (!named && !event_class.empty()) named = bpf_trace_proto(b, event_class);
  for (size_t i = 0; i < types->params.size(); ++i) {
    std::string &n = types->params[i].first;
    if (named && named->params.size() == types->params.size())
      n = named->params[i].first;
    if (n.empty()) n = "arg" + std::to_string(i + 1);
  }
  return types;
}

}  // namespace stap
