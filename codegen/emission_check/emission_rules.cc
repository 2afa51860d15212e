#include "codegen/emission_check/emission_rules.h"

#include <cctype>
#include <cstdlib>
#include <string_view>

namespace stap::emission {

namespace {

// Calls `f(text)` for each line of `text` (without its newline), in order,
// until `f` returns false.
template <typename F> void for_each_line(std::string_view text, F f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    if (!f(text.substr(pos, eol - pos))) return;
    pos = eol + 1;
  }
}

}  // namespace

std::string script_location_for_line(const std::string &c_source,
                                      unsigned line) {
  static const std::string_view marker = "/* stap:loc ";
  std::string found;
  unsigned current = 1;
  for_each_line(c_source, [&](std::string_view text) {
    size_t m = text.find(marker);
    size_t end = m == text.npos ? m : text.find(" */", m);
    if (end != text.npos)
      found = text.substr(m + marker.size(), end - m - marker.size());
    return ++current <= line;
  });
  return found;
}

std::vector<Violation> check_text(const std::string &c_source,
                                  const Rules &rules) {
  std::vector<Violation> out;
  if (!rules.unprivileged) return out;
  static const std::string marker = "/* stap:embedded-begin";
  unsigned line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < c_source.size(); ++i) {
    if (c_source.compare(i, marker.size(), marker) == 0)
      out.push_back({"embedded-c", line,
                     static_cast<unsigned>(i - line_start + 1),
                     "embedded C in a module built for an unprivileged user",
                     script_location_for_line(c_source, line)});
    if (c_source[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return out;
}

std::vector<std::pair<unsigned, unsigned>> embedded_regions(
    const std::string &c_source) {
  std::vector<std::pair<unsigned, unsigned>> out;
  unsigned line = 1, open = 0;
  for_each_line(c_source, [&](std::string_view text) {
    bool begins = text.find("/* stap:embedded-begin ") != text.npos ||
                  text.find("/* stap:tapset-c-begin */") != text.npos;
    bool ends = text.find("/* stap:embedded-end */") != text.npos ||
                text.find("/* stap:tapset-c-end */") != text.npos;
    if (begins && !open) open = line;
    if (ends && open) {
      out.emplace_back(open, line);
      open = 0;
    }
    ++line;
    return true;
  });
  if (open) out.emplace_back(open, line);
  return out;
}

std::set<unsigned> compiled_lines(const std::string &compiled,
                                  const std::string &main_file) {
  auto base = [](std::string_view path) {
    size_t slash = path.rfind('/');
    return slash == path.npos ? path : path.substr(slash + 1);
  };
  const std::string_view wanted = base(main_file);
  std::set<unsigned> out;
  bool in_main = false;
  unsigned line = 0;
  for_each_line(compiled, [&](std::string_view text) {
    // A line marker: `# 12 "/tmp/x/m_main.c" 2`.
    if (text.size() > 2 && text[0] == '#' && text[1] == ' ' &&
        std::isdigit(static_cast<unsigned char>(text[2]))) {
      size_t q1 = text.find('"'), q2 = text.rfind('"');
      if (q1 != text.npos && q2 > q1) {
        line = static_cast<unsigned>(std::strtoul(text.data() + 2, nullptr, 10));
        in_main = base(text.substr(q1 + 1, q2 - q1 - 1)) == wanted;
        return true;
      }
    }
    if (in_main && text.find_first_not_of(" \t") != text.npos) out.insert(line);
    ++line;
    return true;
  });
  return out;
}

std::vector<std::string> preprocessor_args(
    const std::vector<std::string> &compiler_args) {
  // Options whose value is the next word, or joined ("-Ifoo").
  static const char *const with_value[] = {"-I", "-D", "-U", "-include",
                                           "-isystem", "-iquote", "-imacros",
                                           "-idirafter"};
  // Switches that predefine macros, spelled alike by GCC and Clang.
  static const std::set<std::string> switches = {
      "-nostdinc", "-m64",     "-mno-sse",    "-mno-mmx",   "-mno-sse2",
      "-mno-3dnow", "-mno-avx", "-fno-PIE",   "-fshort-wchar"};
  std::vector<std::string> out;
  for (size_t i = 0; i < compiler_args.size(); ++i) {
    const std::string &a = compiler_args[i];
    if (switches.count(a) || a.starts_with("-std=") || a.starts_with("-O")) {
      out.push_back(a);
      continue;
    }
    for (const char *opt : with_value) {
      std::string_view o = opt;
      if (a == o && i + 1 < compiler_args.size()) {
        out.push_back(a);
        out.push_back(compiler_args[++i]);
        break;
      }
      if (o.size() == 2 && a.size() > 2 && a.starts_with(o)) {
        out.push_back(a);
        break;
      }
    }
  }
  return out;
}

}  // namespace stap::emission
