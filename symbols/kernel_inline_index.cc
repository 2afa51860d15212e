#include "symbols/kernel_inline_index.h"

#include <algorithm>
#include <charconv>

#include "parser/file_text.h"
#include "symbols/cache_file.h"

namespace stap {

namespace {

constexpr std::string_view kCacheHeader = "stap kernel functions 1\n";

// One line per function: "NAME d DIE... i PC DIE...", numbers in hex.
std::string serialize(const KernelInlineIndex &index) {
  std::string out(kCacheHeader);
  char buf[40];
  auto hex = [&](uint64_t v) {
    auto r = std::to_chars(buf, buf + sizeof buf, v, 16);
    out += ' ';
    out.append(buf, r.ptr);
  };
  for (const auto &[name, f] : index) {
    out += name;
    out += " d";
    for (uint64_t die : f.definitions) hex(die);
    out += " i";
    for (const KernelFunctionDies::Copy &c : f.inlined) hex(c.pc), hex(c.die);
    out += '\n';
  }
  return out;
}

std::optional<KernelInlineIndex> parse(std::string_view text) {
  if (!text.starts_with(kCacheHeader)) return std::nullopt;
  text.remove_prefix(kCacheHeader.size());
  KernelInlineIndex out;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    if (eol == std::string_view::npos) return std::nullopt;
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol + 1);
    size_t sp = line.find(" d");
    if (sp == std::string_view::npos) return std::nullopt;
    KernelFunctionDies &f = out[std::string(line.substr(0, sp))];
    line.remove_prefix(sp + 2);
    std::vector<uint64_t> *into = &f.definitions;
    std::vector<uint64_t> copies;
    while (!line.empty()) {
      if (line[0] != ' ') return std::nullopt;
      line.remove_prefix(1);
      if (line.starts_with("i")) {
        into = &copies;
        line.remove_prefix(1);
        continue;
      }
      uint64_t v;
      auto r = std::from_chars(line.data(), line.data() + line.size(), v, 16);
      if (r.ec != std::errc()) return std::nullopt;
      into->push_back(v);
      line.remove_prefix(r.ptr - line.data());
    }
    if (copies.size() % 2) return std::nullopt;
    for (size_t i = 0; i < copies.size(); i += 2)
      f.inlined.push_back({copies[i], copies[i + 1]});
  }
  return out;
}

}  // namespace

KernelInlineIndex kernel_inline_index(const UserDwarf &dwarf,
                                      const std::string &cache_file) {
  if (!cache_file.empty() && own_regular_file(cache_file))
    if (auto text = read_regular_file(cache_file))
      if (auto index = parse(*text)) return std::move(*index);
  KernelInlineIndex index;
  dwarf.each_function_die(
      [&](const char *name, uint64_t die, std::optional<uint64_t> pc) {
        KernelFunctionDies &f = index[name];
        if (pc)
          f.inlined.push_back({*pc, die});
        else
          f.definitions.push_back(die);
      });
  for (auto &[name, f] : index) {
    auto by_pc = [](const auto &a, const auto &b) { return a.pc < b.pc; };
    std::stable_sort(f.inlined.begin(), f.inlined.end(), by_pc);
    // A copy split in pieces starts once.
    f.inlined.erase(
        std::unique(f.inlined.begin(), f.inlined.end(),
                    [](const auto &a, const auto &b) { return a.pc == b.pc; }),
        f.inlined.end());
  }
  if (!cache_file.empty()) write_cache(cache_file, serialize(index));
  return index;
}

std::string kernel_inline_cache_file(const std::string &cache_dir,
                                     const std::string &release,
                                     const std::string &debug_file,
                                     const std::string &module) {
  std::string identity = file_identity(debug_file);
  if (cache_dir.empty() || identity.empty()) return "";
  std::string object =
      module.empty() ? "kernel-functions-" : "module-functions-" + module + "-";
  return cache_dir + "/" + release + "/" + object + identity;
}

}  // namespace stap
