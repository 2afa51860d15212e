#include "probes/c_writer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace stap {

void CWriter::line(std::string_view text) {
  if (!text.empty()) out_.append(static_cast<size_t>(depth_) * 2, ' ');
  out_.append(text);
  out_ += '\n';
}

void CWriter::raw(std::string_view text) {
  out_.append(text);
  out_ += '\n';
}

CWriter::Scope CWriter::block(std::string_view head,
                              std::string_view close_suffix) {
  line(std::string(head) + (head.empty() ? "{" : " {"));
  ++depth_;
  return Scope(*this, "}" + std::string(close_suffix));
}

void CWriter::comment(std::string_view text) { line(c_comment(text)); }

bool is_c_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string c_escape(std::string_view bytes) {
  std::string out;
  char prev = 0;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    // `/*` and `*/` are broken by writing their second byte in octal.
    bool closes_or_opens = (prev == '*' && c == '/') || (prev == '/' && c == '*');
    prev = ch;
    switch (c) {
    case '"': out += "\\\""; continue;
    case '\\': out += "\\\\"; continue;
    case '\n': out += "\\n"; continue;
    case '\t': out += "\\t"; continue;
    case '?': out += "\\?"; continue;  // no trigraphs
    default: break;
    }
    if (c < 0x20 || c >= 0x7f || closes_or_opens) {
      char buf[8];
      // Octal, always three digits, so a following digit cannot extend it.
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string c_string_literal(std::string_view bytes) {
  return "\"" + c_escape(bytes) + "\"";
}

std::string c_comment(std::string_view text) {
  return "/* " + c_escape(text) + " */";
}

}  // namespace stap
