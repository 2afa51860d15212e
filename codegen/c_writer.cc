#include "codegen/c_writer.h"

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

void CWriter::comment(std::string_view text) {
  std::string safe;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') {
      safe += "* /";
      ++i;
    } else if (text[i] == '\n') {
      safe += ' ';
    } else {
      safe += text[i];
    }
  }
  line("/* " + safe + " */");
}

std::string c_string_literal(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '?': out += "\\?"; break;  // no trigraphs
    default:
      if (c < 0x20 || c >= 0x7f) {
        char buf[8];
        // Octal, always three digits, so a following digit cannot extend it.
        std::snprintf(buf, sizeof buf, "\\%03o", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out + "\"";
}

}  // namespace stap
