#include "privilege/sarif.h"

#include <cctype>
#include <cstdio>
#include <map>

#include "privilege/actions.h"

namespace stap {

namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out + "\"";
}

// A file name as a URI reference: relative names stay relative, absolute
// ones get file://, reserved bytes are percent-encoded.
std::string to_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("/-._~").find(c) !=
                               std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string property(const Diagnostic &d, std::string_view key) {
  for (const auto &[k, v] : d.properties)
    if (k == key) return v;
  return "";
}

// Pseudo files ("<command line>", "<environment>", "<input>" for -e) have
// no URI; their location is described in the message instead.
bool has_uri(const SourceManager &sm, const Location &loc) {
  return loc.valid() && !sm.file(loc.file).name.starts_with('<');
}

std::string physical_location(const SourceManager &sm, const Location &loc) {
  LineCol b = sm.start(loc);
  LineCol e = sm.line_col(loc.file, loc.end > loc.begin ? loc.end : loc.begin + 1);
  std::string out = "{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" +
                    quote(to_uri(sm.file(loc.file).name)) +
                    "},\"region\":{\"startLine\":" + std::to_string(b.line) +
                    ",\"startColumn\":" + std::to_string(b.col);
  if (e.line >= b.line && e.line > 0)
    out += ",\"endLine\":" + std::to_string(e.line) +
           ",\"endColumn\":" + std::to_string(e.col);
  return out + "}}}";
}

struct Related {
  Location loc;
  std::string message;
};

// Notes first, then the expansion chain, as the text renderer prints them.
std::vector<Related> related_of(const Diagnostic &d, const SourceManager &sm) {
  std::vector<Related> out;
  for (const Note &n : d.notes) out.push_back({n.loc, n.message});
  ExpansionId chain = d.loc.expansion;
  for (int depth = 0; chain != kNoExpansion && depth < 64; ++depth) {
    const Expansion &e = sm.expansion(chain);
    std::string msg = expansion_note(e.kind);
    if (!e.name.empty()) msg += " '" + e.name + "'";
    out.push_back({e.site, msg});
    chain = e.site.expansion != kNoExpansion ? e.site.expansion : e.parent;
  }
  return out;
}

std::string where(const SourceManager &sm, const Location &loc) {
  return loc.valid() ? sm.describe(loc) : "";
}

}  // namespace

std::string diagnostic_rule_id(const Diagnostic &d) {
  std::string action = property(d, "action");
  if (!action.empty()) return "privilege/" + action;
  return diag_info(d.id).code;
}

std::string render_sarif(const std::vector<Diagnostic> &diags,
                         const SourceManager &sm) {
  // Rules in first-use order, so ruleIndex is stable for a given input.
  std::vector<const Diagnostic *> rule_examples;
  std::map<std::string, size_t> rule_index;
  for (const Diagnostic &d : diags) {
    std::string id = diagnostic_rule_id(d);
    if (rule_index.emplace(id, rule_examples.size()).second)
      rule_examples.push_back(&d);
  }

  std::string out =
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
      "\"name\":\"stap\",\"informationUri\":"
      "\"https://sourceware.org/systemtap/\",\"version\":" +
      quote(STAP_VERSION) + ",\"rules\":[";
  for (size_t i = 0; i < rule_examples.size(); ++i) {
    const Diagnostic &d = *rule_examples[i];
    std::string id = diagnostic_rule_id(d);
    std::string text;
    std::string action = property(d, "action");
    if (auto a = action_from_name(action))
      text = std::string("needs privilege action '") + action +
             "': " + action_description(*a);
    else
      text = diag_info(d.id).name;
    if (i) out += ",";
    out += "{\"id\":" + quote(id) + ",\"name\":" + quote(diag_info(d.id).name) +
           ",\"shortDescription\":{\"text\":" + quote(text) +
           "},\"defaultConfiguration\":{\"level\":" +
           quote(severity_name(diag_info(d.id).severity)) + "}";
    if (!action.empty())
      out += ",\"properties\":{\"action\":" + quote(action) +
             ",\"allowedAt\":" + quote(property(d, "allowed_at")) + "}";
    out += "}";
  }
  out += "]}},\"results\":[";
  for (size_t i = 0; i < diags.size(); ++i) {
    const Diagnostic &d = diags[i];
    std::string id = diagnostic_rule_id(d);
    std::string message = d.message;
    if (d.loc.valid() && !has_uri(sm, d.loc))
      message += " (at " + where(sm, d.loc) + ")";
    if (i) out += ",";
    out += "{\"ruleId\":" + quote(id) +
           ",\"ruleIndex\":" + std::to_string(rule_index[id]) +
           ",\"level\":" + quote(severity_name(d.severity)) +
           ",\"message\":{\"text\":" + quote(message) + "}";
    if (has_uri(sm, d.loc))
      out += ",\"locations\":[" + physical_location(sm, d.loc) + "]";
    std::vector<Related> related = related_of(d, sm);
    std::string rel;
    int n = 0;
    for (const Related &r : related) {
      if (!has_uri(sm, r.loc)) continue;
      std::string loc = physical_location(sm, r.loc);
      loc.pop_back();  // re-open the object to add id and message
      if (n) rel += ",";
      rel += loc + ",\"id\":" + std::to_string(n++) +
             ",\"message\":{\"text\":" + quote(r.message) + "}}";
    }
    if (!rel.empty()) out += ",\"relatedLocations\":[" + rel + "]";
    out += ",\"properties\":{\"code\":" + quote(diag_info(d.id).code);
    for (const auto &[k, v] : d.properties) out += "," + quote(k) + ":" + quote(v);
    out += "}}";
  }
  out += "]}]}\n";
  return out;
}

std::string render_json(const std::vector<Diagnostic> &diags,
                        const SourceManager &sm) {
  auto loc_json = [&](const Location &loc) {
    if (!loc.valid()) return std::string("null");
    LineCol lc = sm.start(loc);
    return "{\"file\":" + quote(sm.file(loc.file).name) +
           ",\"line\":" + std::to_string(lc.line) +
           ",\"column\":" + std::to_string(lc.col) + "}";
  };
  std::string out = "{\"diagnostics\":[";
  for (size_t i = 0; i < diags.size(); ++i) {
    const Diagnostic &d = diags[i];
    if (i) out += ",";
    out += "{\"code\":" + quote(diag_info(d.id).code) +
           ",\"rule\":" + quote(diagnostic_rule_id(d)) +
           ",\"severity\":" + quote(severity_name(d.severity)) +
           ",\"message\":" + quote(d.message) +
           ",\"location\":" + loc_json(d.loc);
    for (const auto &[k, v] : d.properties) out += "," + quote(k) + ":" + quote(v);
    out += ",\"notes\":[";
    std::vector<Related> related = related_of(d, sm);
    for (size_t j = 0; j < related.size(); ++j) {
      if (j) out += ",";
      out += "{\"message\":" + quote(related[j].message) +
             ",\"location\":" + loc_json(related[j].loc) + "}";
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

}  // namespace stap
