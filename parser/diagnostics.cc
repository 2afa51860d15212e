#include "parser/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace stap {

namespace {

const DiagInfo kInfos[] = {
#define DIAG(name, severity, code) {#name, Severity::severity, code},
#include "parser/diagnostics.def"
#undef DIAG
};

}  // namespace

const char *severity_name(Severity s) {
  switch (s) {
  case Severity::note: return "note";
  case Severity::warning: return "warning";
  case Severity::error: return "error";
  }
  return "error";
}

const char *expansion_note(ExpansionKind k) {
  switch (k) {
  case ExpansionKind::macro: return "expanded from macro";
  case ExpansionKind::script_arg: return "substituted from script argument";
  case ExpansionKind::define_opt: return "set by option";
  case ExpansionKind::alias: return "expanded from probe alias";
  case ExpansionKind::call: return "called from";
  case ExpansionKind::preprocessor: return "selected by conditional";
  }
  return "expanded from";
}

const char *severity_label(DiagId id, Severity s) {
  if (s != Severity::error) return severity_name(s);
  // The stable id's first digit is the pass; SystemTap users grep for
  // these two words, so the text says them as SystemTap does.
  switch (diag_info(id).code[4]) {
  case '1': return "parse error";
  case '2': return "semantic error";
  }
  return "error";
}

const DiagInfo &diag_info(DiagId id) {
  return kInfos[static_cast<size_t>(id)];
}

Diagnostic &Diagnostics::report(DiagId id, Location loc, std::string message) {
  Severity sev = diag_info(id).severity;
  if (sev == Severity::warning) {
    if (opts_.suppress_warnings) {
      discarded_ = Diagnostic{id, sev, loc, std::move(message), {}, {}};
      return discarded_;
    }
    if (opts_.warnings_are_errors) sev = Severity::error;
  }
  if (sev == Severity::error) ++errors_;
  if (sev == Severity::warning) ++warnings_;
  list_.push_back(Diagnostic{id, sev, loc, std::move(message), {}, {}});
  return list_.back();
}

std::vector<Diagnostic> Diagnostics::finalized() const {
  std::vector<Diagnostic> out = list_;
  bool user_error = std::any_of(out.begin(), out.end(), [](const auto &d) {
    return d.severity == Severity::error && d.id != DiagId::internal_error;
  });
  if (user_error)
    std::erase_if(out, [](const auto &d) { return d.id == DiagId::internal_error; });
  auto key = [](const Diagnostic &d) {
    return std::tuple(d.loc.file, d.loc.begin, d.loc.end, d.message);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const auto &a, const auto &b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const auto &a, const auto &b) {
                          return key(a) == key(b) && a.id == b.id;
                        }),
            out.end());
  return out;
}

std::string Diagnostics::render_location(
    const Location &loc, const char *kind, const std::string &message,
    const DiagnosticColors &colors, std::string_view unlocated_prefix) const {
  std::string out;
  if (loc.valid())
    out += paint(colors.source, sm_.describe(loc)) + ": ";
  else
    out += unlocated_prefix;
  std::string_view kind_view = kind;
  const std::string &kind_color = kind_view.ends_with("error") ? colors.error
                                  : kind_view == "warning"     ? colors.warning
                                                               : std::string();
  out += paint(kind_color, std::string(kind) + ":");
  out += " ";
  out += message;
  out += "\n";
  if (!loc.valid()) return out;
  LineCol lc = sm_.start(loc);
  std::string_view line = sm_.line_text(loc.file, lc.line);
  // A very long line (generated or fuzzed input) is shown as a window
  // around the caret, so each diagnostic stays short.
  constexpr uint32_t kWindow = 160;
  if (line.size() > 2 * kWindow && lc.col > kWindow) {
    uint32_t skip = lc.col - kWindow / 2;
    line = line.substr(skip - 1);
    lc.col -= skip - 1;
  }
  if (line.size() > 2 * kWindow) line = line.substr(0, 2 * kWindow);
  // The range's part on this line: the token the caret marks.
  uint32_t len = loc.end > loc.begin ? loc.end - loc.begin : 1;
  size_t token_begin = std::min<size_t>(lc.col - 1, line.size());
  size_t token_len = std::min<size_t>(len, line.size() - token_begin);
  out += "  ";
  out += line.substr(0, token_begin);
  out += paint(colors.token, line.substr(token_begin, token_len));
  out += line.substr(token_begin + token_len);
  out += "\n  ";
  for (uint32_t i = 1; i < lc.col && i <= line.size(); ++i)
    out += line[i - 1] == '\t' ? '\t' : ' ';
  std::string caret = "^";
  // Underline the rest of the range while it stays on this line.
  for (uint32_t i = 1; i < len && lc.col - 1 + i < line.size(); ++i)
    caret += '~';
  out += paint(colors.caret, caret);
  out += "\n";
  return out;
}

std::string Diagnostics::render(const Diagnostic &d,
                                const DiagnosticColors &colors,
                                std::string_view unlocated_prefix) const {
  std::string out = render_location(
      d.loc, severity_label(d.id, d.severity),
      d.message + " [" + diag_info(d.id).code + "]", colors, unlocated_prefix);
  for (const Note &n : d.notes)
    out += render_location(n.loc, "note", n.message, colors, unlocated_prefix);
  ExpansionId chain = d.loc.expansion;
  for (int depth = 0; chain != kNoExpansion && depth < 64; ++depth) {
    const Expansion &e = sm_.expansion(chain);
    std::string msg = expansion_note(e.kind);
    if (!e.name.empty()) msg += " '" + e.name + "'";
    out += render_location(e.site, "note", msg, colors, unlocated_prefix);
    chain = e.site.expansion != kNoExpansion ? e.site.expansion : e.parent;
  }
  return out;
}

std::string Diagnostics::render_all(const DiagnosticColors &colors,
                                    std::string_view unlocated_prefix) const {
  std::string out;
  for (const Diagnostic &d : finalized())
    out += render(d, colors, unlocated_prefix);
  return out;
}

}  // namespace stap
