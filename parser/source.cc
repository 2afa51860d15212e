#include "parser/source.h"

#include <algorithm>

#include "parser/file_text.h"

namespace stap {

Location Location::through(const Location &last) const {
  if (!valid()) return last;
  if (!last.valid() || last.file != file) return *this;
  Location r = *this;
  r.begin = std::min(begin, last.begin);
  r.end = std::max(end, last.end);
  return r;
}

FileId SourceManager::add(std::string name, std::string text,
                          SourceOrigin origin) {
  auto f = std::make_unique<SourceFile>();
  f->name = std::move(name);
  f->text = std::move(text);
  f->origin = origin;
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

FileId SourceManager::load(const std::string &path, SourceOrigin origin,
                           std::string *error) {
  std::optional<std::string> text = read_regular_file(path);
  if (!text) {
    if (error) *error = "cannot read '" + path + "'";
    return kNoFile;
  }
  return add(path, std::move(*text), origin);
}

std::string_view SourceManager::text(const Location &loc) const {
  if (!loc.valid()) return {};
  std::string_view t = files_[loc.file]->text;
  uint32_t b = std::min<uint32_t>(loc.begin, t.size());
  uint32_t e = std::min<uint32_t>(std::max(loc.end, b), t.size());
  return t.substr(b, e - b);
}

const std::vector<uint32_t> &SourceManager::line_starts(FileId id) const {
  SourceFile &f = *files_[id];
  if (f.line_starts.empty()) {
    f.line_starts.push_back(0);
    for (uint32_t i = 0; i < f.text.size(); ++i)
      if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
  }
  return f.line_starts;
}

LineCol SourceManager::line_col(FileId id, uint32_t offset) const {
  if (id == kNoFile) return {};
  const auto &starts = line_starts(id);
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts.begin());
  return {line, offset - starts[line - 1] + 1};
}

std::string_view SourceManager::line_text(FileId id, uint32_t line) const {
  const auto &starts = line_starts(id);
  if (line == 0 || line > starts.size()) return {};
  std::string_view t = files_[id]->text;
  uint32_t b = starts[line - 1];
  uint32_t e = line < starts.size() ? starts[line] : t.size();
  while (e > b && (t[e - 1] == '\n' || t[e - 1] == '\r')) --e;
  return t.substr(b, e - b);
}

ExpansionId SourceManager::add_expansion(Expansion e) {
  expansions_.push_back(std::move(e));
  return static_cast<ExpansionId>(expansions_.size() - 1);
}

Location SourceManager::with_expansion(Location loc, ExpansionId chain) {
  loc.expansion = append_chain(loc.expansion, chain);
  return loc;
}

// Links are shared between locations, so appending copies the links of
// `inner` with its outermost one pointing at `outer`; the copies are
// memoised, so every token of one expansion shares them.
ExpansionId SourceManager::append_chain(ExpansionId inner, ExpansionId outer) {
  if (outer == kNoExpansion) return inner;
  if (inner == kNoExpansion) return outer;
  auto key = std::make_pair(inner, outer);
  if (auto it = appended_.find(key); it != appended_.end()) return it->second;
  Expansion link = expansions_[inner];
  link.parent = append_chain(link.parent, outer);
  ExpansionId id = add_expansion(std::move(link));
  appended_.emplace(key, id);
  return id;
}

std::string SourceManager::describe(const Location &loc) const {
  if (!loc.valid()) return "<unknown>";
  LineCol lc = start(loc);
  return files_[loc.file]->name + ":" + std::to_string(lc.line) + ":" +
         std::to_string(lc.col);
}

}  // namespace stap
