#include "privilege/messages.h"

namespace stap {

namespace {

// What SystemTap says for the same refusal, which users and tools grep
// for: probe points, -g, functions and embedded code; "" for the rest.
std::string systemtap_phrase(std::string_view what, Action a, Level current) {
  std::string level = "--privilege=" + std::string(level_name(current));
  if (std::string_view(action_name(a)).starts_with("probe."))
    return "probe point is not allowed for " + level;
  if (a == Action::option_guru)
    return "You can't specify -g and " + level + " together";
  std::string_view kind = what.find("function") != what.npos ? "function"
                          : what.find("embedded C") != what.npos
                              ? "embedded code"
                              : "";
  if (kind.empty()) return "";  // options, memory reads, target writes
  return std::string(kind) + " may not be used when " + level + " is specified";
}

}  // namespace

std::string denial_message(std::string_view what, Action a, Level current) {
  std::string out = systemtap_phrase(what, a, current);
  if (!out.empty()) out += ": ";
  out += what;
  out += " needs privilege action '";
  out += action_name(a);
  out += "' (allowed at '";
  out += level_name(lowest_level(a));
  out += "'; current level '";
  out += level_name(current);
  out += "')";
  return out;
}

Diagnostic &report_denial(Diagnostics &diags, DiagId id, Location loc,
                          std::string_view what, Action a, Level current) {
  Diagnostic &d = diags.report(id, loc, denial_message(what, a, current));
  d.properties.emplace_back("action", action_name(a));
  d.properties.emplace_back("allowed_at", level_name(lowest_level(a)));
  d.properties.emplace_back("level", level_name(current));
  return d;
}

}  // namespace stap
