#include "privilege/messages.h"

namespace stap {

std::string denial_message(std::string_view what, Action a, Level current) {
  std::string out(what);
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
