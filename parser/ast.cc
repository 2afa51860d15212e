#include "parser/ast.h"

namespace stap {

const char *type_name(Type t) {
  switch (t) {
  case Type::unknown: return "unknown";
  case Type::long_: return "long";
  case Type::string: return "string";
  case Type::stats: return "stats";
  }
  return "unknown";
}

static std::string quote_literal(const Expr *e) {
  if (e->kind == ExprKind::number) {
    auto *n = static_cast<const NumberLit *>(e);
    return n->spelling.empty() ? std::to_string(n->value) : n->spelling;
  }
  std::string out = "\"";
  for (char c : static_cast<const StringLit *>(e)->value) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    default: out += c;
    }
  }
  return out + "\"";
}

const Expr *ProbePoint::arg_of(std::string_view name) const {
  for (const ProbePointComponent &c : components)
    if (c.name == name) return c.arg;
  return nullptr;
}

std::string ProbePoint::to_string() const {
  std::string out;
  for (size_t i = 0; i < components.size(); ++i) {
    if (i) out += '.';
    out += components[i].name;
    if (components[i].arg) out += "(" + quote_literal(components[i].arg) + ")";
  }
  if (sufficient) out += '!';
  if (optional) out += '?';
  return out;
}

}  // namespace stap
