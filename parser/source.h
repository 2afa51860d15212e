// Source buffers and locations shared by every pass.
//
// A Location is a byte range inside one buffer plus an optional expansion
// record: the chain that says the text came through a macro, a script
// argument, a probe alias or a function call. The chain is what the
// privilege pass and every diagnostic print as "expanded from" notes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stap {

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;
using ExpansionId = uint32_t;
inline constexpr ExpansionId kNoExpansion = UINT32_MAX;

struct Location {
  FileId file = kNoFile;
  uint32_t begin = 0;  // byte offset of the first character
  uint32_t end = 0;    // byte offset one past the last character
  ExpansionId expansion = kNoExpansion;

  bool valid() const { return file != kNoFile; }
  // The smallest range covering both; keeps this one's expansion.
  Location through(const Location &last) const;
};

enum class ExpansionKind : uint8_t {
  macro,        // @NAME(...) expanded from a @define
  script_arg,   // $1 / @1 substituted from the command line
  define_opt,   // -G var=value or -D name=value
  alias,        // probe alias body or point expanded at a use
  call,         // function called from here (privilege chains)
  preprocessor, // %( ... %) branch chosen
};

// One link of an expansion chain: "the text at `site` came from `kind`".
struct Expansion {
  ExpansionKind kind;
  Location site;  // where the use (macro call, $1, alias use) stands
  std::string name;
  ExpansionId parent = kNoExpansion;  // the site's own chain
};

struct LineCol {
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;   // 1-based, counted in bytes
};

struct SourceFile {
  std::string name;  // as shown in diagnostics ("<input>" for -e)
  std::string text;
  bool is_tapset = false;
  std::vector<uint32_t> line_starts;  // filled lazily
};

// Owns every buffer read during a run. Buffers are never removed, so
// string_views into them stay valid for the whole run.
class SourceManager {
public:
  FileId add(std::string name, std::string text, bool is_tapset = false);
  // Reads a file from disk; returns kNoFile (and sets *error) on failure.
  FileId load(const std::string &path, bool is_tapset, std::string *error);

  const SourceFile &file(FileId id) const { return *files_[id]; }
  std::string_view text(FileId id) const { return files_[id]->text; }
  std::string_view text(const Location &loc) const;
  size_t file_count() const { return files_.size(); }

  LineCol line_col(FileId id, uint32_t offset) const;
  LineCol start(const Location &loc) const { return line_col(loc.file, loc.begin); }
  // The full text of the given 1-based line, without its newline.
  std::string_view line_text(FileId id, uint32_t line) const;

  ExpansionId add_expansion(Expansion e);
  const Expansion &expansion(ExpansionId id) const { return expansions_[id]; }
  // Returns loc with `chain` appended as the outermost link of its chain.
  Location with_expansion(Location loc, ExpansionId chain);

  // "file:line:col"
  std::string describe(const Location &loc) const;

private:
  const std::vector<uint32_t> &line_starts(FileId id) const;
  std::vector<std::unique_ptr<SourceFile>> files_;
  ExpansionId append_chain(ExpansionId inner, ExpansionId outer);
  std::vector<Expansion> expansions_;
  std::map<std::pair<ExpansionId, ExpansionId>, ExpansionId> appended_;
};

}  // namespace stap
