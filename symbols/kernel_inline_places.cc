#include "symbols/kernel_inline_places.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "symbols/glob.h"

namespace stap {

namespace {

constexpr std::string_view kHeader = "stap kernel inline places 1\n";

// The next space-separated field of `line`, removed from it.
std::string_view field(std::string_view &line) {
  size_t sp = line.find(' ');
  std::string_view f = line.substr(0, sp);
  line.remove_prefix(sp == std::string_view::npos ? line.size() : sp + 1);
  return f;
}

std::optional<uint64_t> hex(std::string_view s) {
  uint64_t v;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
    return std::nullopt;
  return v;
}

}  // namespace

// One line per copy: "NAME DECLARED SYMBOL OFFSET DIE", numbers in hex.
KernelInlinePlaces::KernelInlinePlaces(std::vector<KernelInlinePlace> places) {
  std::stable_sort(
      places.begin(), places.end(),
      [](const auto &a, const auto &b) { return a.name < b.name; });
  text_ = kHeader;
  char buf[40];
  auto number = [&](uint64_t v) {
    auto r = std::to_chars(buf, buf + sizeof buf, v, 16);
    text_ += ' ';
    text_.append(buf, r.ptr);
  };
  for (const KernelInlinePlace &p : places) {
    text_ += p.name + ' ' + p.declared + ' ' + p.symbol;
    number(p.offset);
    number(p.die);
    text_ += '\n';
  }
  index_lines();
}

std::optional<KernelInlinePlaces> KernelInlinePlaces::parse(std::string text) {
  if (!text.starts_with(kHeader) || !text.ends_with('\n')) return std::nullopt;
  KernelInlinePlaces out;
  out.text_ = std::move(text);
  out.index_lines();
  return out;
}

void KernelInlinePlaces::index_lines() {
  const char *begin = text_.data(), *end = begin + text_.size();
  for (const char *p = begin + kHeader.size(); p < end;) {
    lines_.push_back(p - begin);
    const char *eol = static_cast<const char *>(memchr(p, '\n', end - p));
    p = eol ? eol + 1 : end;
  }
}

std::string_view KernelInlinePlaces::name_at(size_t start) const {
  std::string_view rest = std::string_view(text_).substr(start);
  return rest.substr(0, rest.find_first_of(" \n"));
}

std::optional<KernelInlinePlace>
KernelInlinePlaces::place_at(size_t line) const {
  std::string_view rest = std::string_view(text_).substr(lines_[line]);
  rest = rest.substr(0, rest.find('\n'));
  KernelInlinePlace p;
  p.name = field(rest);
  p.declared = field(rest);
  p.symbol = field(rest);
  auto offset = hex(field(rest)), die = hex(field(rest));
  if (!offset || !die || p.symbol.empty()) return std::nullopt;
  p.offset = *offset;
  p.die = *die;
  return p;
}

std::vector<KernelInlinePlace>
KernelInlinePlaces::of(std::string_view name) const {
  std::vector<KernelInlinePlace> out;
  auto first =
      std::partition_point(lines_.begin(), lines_.end(),
                           [&](size_t start) { return name_at(start) < name; });
  for (size_t i = first - lines_.begin();
       i < lines_.size() && name_at(lines_[i]) == name; ++i)
    if (auto p = place_at(i)) out.push_back(std::move(*p));
  return out;
}

std::vector<std::string>
KernelInlinePlaces::names_matching(std::string_view pattern) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < lines_.size(); ++i) {
    std::string_view name = name_at(lines_[i]);
    if ((out.empty() || out.back() != name) && glob_match(pattern, name))
      out.emplace_back(name);
  }
  return out;
}

}  // namespace stap
