// The diagnostic engine: every pass reports here; nothing is thrown.
//
// A diagnostic is data: an id from diagnostics.def, a severity, a range, a
// message and notes. Renderers (text here, SARIF/JSON elsewhere) consume the
// collected list; the driver prints them sorted and de-duplicated.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parser/diagnostic_colors.h"
#include "parser/source.h"

namespace stap {

enum class DiagId : uint16_t {
#define DIAG(name, severity, code) name,
#include "parser/diagnostics.def"
#undef DIAG
  count_
};

enum class Severity : uint8_t { note, warning, error };

struct DiagInfo {
  const char *name;   // identifier in diagnostics.def
  Severity severity;  // default severity
  const char *code;   // stable id, e.g. "STAP2004"
};
const DiagInfo &diag_info(DiagId id);

// "error", "warning", "note": shared by every renderer.
const char *severity_name(Severity s);
// The word a text diagnostic starts with: SystemTap's "parse error" and
// "semantic error" for pass 1 and 2 errors, else the severity's name.
const char *severity_label(DiagId id, Severity s);
// The note shown for one link of an expansion chain ("expanded from macro").
const char *expansion_note(ExpansionKind k);

struct Note {
  Location loc;  // may be invalid: a note without a place
  std::string message;
};

struct Diagnostic {
  DiagId id;
  Severity severity;
  Location loc;
  std::string message;
  std::vector<Note> notes;
  // Free-form properties a renderer may show (privilege action, level…).
  std::vector<std::pair<std::string, std::string>> properties;
};

struct DiagnosticOptions {
  bool suppress_warnings = false;  // -w
  bool warnings_are_errors = false;  // -W
  size_t error_limit = 200;  // stop collecting (not parsing) past this
};

class Diagnostics {
public:
  explicit Diagnostics(const SourceManager &sm, DiagnosticOptions opts = {})
      : sm_(sm), opts_(opts) {}

  Diagnostic &report(DiagId id, Location loc, std::string message);
  Diagnostic &error(DiagId id, Location loc, std::string message) {
    return report(id, loc, std::move(message));
  }

  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  const std::vector<Diagnostic> &all() const { return list_; }
  const DiagnosticOptions &options() const { return opts_; }

  // Sorted by file position, duplicates removed, internal errors dropped
  // when a user error came first (a bug report behind a user mistake only
  // confuses).
  std::vector<Diagnostic> finalized() const;

  // "file:line:col: error: message [STAPnnnn]", the source line, a caret
  // under the range, then each note and the expansion chain; in @colors
  // (none by default), and with @unlocated_prefix before a line that has
  // no location ("stap: error: ...").
  std::string render(const Diagnostic &d, const DiagnosticColors &colors = {},
                     std::string_view unlocated_prefix = {}) const;
  std::string render_all(const DiagnosticColors &colors = {},
                         std::string_view unlocated_prefix = {}) const;

  const SourceManager &sources() const { return sm_; }

private:
  std::string render_location(const Location &loc, const char *kind,
                              const std::string &message,
                              const DiagnosticColors &colors,
                              std::string_view unlocated_prefix) const;
  const SourceManager &sm_;
  DiagnosticOptions opts_;
  std::vector<Diagnostic> list_;
  Diagnostic discarded_;  // returned for suppressed warnings
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

}  // namespace stap
