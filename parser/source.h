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

// Where a buffer came from. The one rule of trust hangs on it: only text
// read from the installed tapset directory is library code, whose pragmas
// (/* unprivileged */ ...) and top-level %{ %} are honoured; everything
// else is the user's, however it arrived (see is_library_code).
enum class SourceOrigin : uint8_t {
  script,       // the user's script: a file, -e text or stdin
  argument,     // $1/@1 text from the command line
  user_tapset,  // a tapset from a -I directory or $SYSTEMTAP_TAPSET
  library,      // a tapset or macro file of the installed tapset directory
  generated,    // the translator's own text: "<command line>", "<pattern>",
                // the policy file; never code
};

// True only for SourceOrigin::library: the single answer to "is this
// library code?" that the privilege pass and codegen ask.
inline bool is_library_code(SourceOrigin o) { return o == SourceOrigin::library; }
// A file found on the tapset search path, trusted or not: its declarations
// shadow nothing of the script's and its unused code is not the user's
// concern.
inline bool is_tapset_file(SourceOrigin o) {
  return o == SourceOrigin::library || o == SourceOrigin::user_tapset;
}

struct SourceFile {
  std::string name;  // as shown in diagnostics ("<input>" for -e)
  std::string text;
  SourceOrigin origin = SourceOrigin::script;
  std::vector<uint32_t> line_starts;  // filled lazily
};

// Owns every buffer read during a run. Buffers are never removed, so
// string_views into them stay valid for the whole run.
class SourceManager {
public:
  FileId add(std::string name, std::string text,
             SourceOrigin origin = SourceOrigin::script);
  // Reads a file from disk; returns kNoFile (and sets *error) on failure.
  FileId load(const std::string &path, SourceOrigin origin, std::string *error);

  const SourceFile &file(FileId id) const { return *files_[id]; }
  std::string_view text(FileId id) const { return files_[id]->text; }
  std::string_view text(const Location &loc) const;
  SourceOrigin origin(FileId id) const { return files_[id]->origin; }
  // The text at loc is library code (false for an invalid location).
  bool is_library(const Location &loc) const {
    return loc.valid() && is_library_code(origin(loc.file));
  }
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
