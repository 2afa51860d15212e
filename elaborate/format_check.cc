#include "elaborate/format_check.h"

#include <cstring>
#include <set>

#include "parser/visitor.h"

namespace stap {

namespace {

struct Conversion {
  std::string spec;  // "%5d", for messages
  Type type;
  bool reads_memory = false;  // %m, %M: the argument is an address
};

// The arguments a format consumes, in order; false on a malformed format.
bool conversions(const std::string &f, std::vector<Conversion> &out,
                 std::string *bad) {
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    size_t b = i++;
    if (i < f.size() && f[i] == '%') continue;
    while (i < f.size() && std::strchr("-+ #0", f[i])) ++i;
    auto width = [&] {
      if (i < f.size() && f[i] == '*') {
        out.push_back({"*", Type::long_});
        ++i;
      }
      while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
    };
    width();
    if (i < f.size() && f[i] == '.') {
      ++i;
      width();
    }
    while (i < f.size() && std::strchr("hlLjzt", f[i])) ++i;
    if (i >= f.size()) {
      *bad = f.substr(b);
      return false;
    }
    char c = f[i];
    std::string spec = f.substr(b, i - b + 1);
    if (c == 'm' || c == 'M') out.push_back({spec, Type::long_, true});
    else if (std::strchr("diouxXcpb", c)) out.push_back({spec, Type::long_});
    else if (c == 's') out.push_back({spec, Type::string});
    else {
      *bad = spec;
      return false;
    }
  }
  return true;
}

class FormatChecker : public Visitor<FormatChecker> {
public:
  explicit FormatChecker(Diagnostics &diags) : diags_(diags) {}

  void visit_print(PrintExpr *p) {
    Visitor::visit_print(p);
    if (!p->has_format() || p->args.empty() || !p->args[0] ||
        p->args[0]->kind != ExprKind::string)
      return;
    const std::string &f = static_cast<StringLit *>(p->args[0])->value;
    std::vector<Conversion> convs;
    std::string bad;
    if (!conversions(f, convs, &bad)) {
      diags_.error(DiagId::sem_bad_format, p->args[0]->loc,
                   "invalid conversion '" + bad + "' in format of '" +
                       p->name + "'");
      return;
    }
    size_t given = p->args.size() - 1;
    if (given != convs.size()) {
      diags_.error(DiagId::sem_bad_format, p->loc,
                   "format of '" + p->name + "' expects " +
                       std::to_string(convs.size()) + " argument" +
                       (convs.size() == 1 ? "" : "s") + ", got " +
                       std::to_string(given));
      return;
    }
    for (size_t i = 0; i < convs.size(); ++i) {
      Expr *a = p->args[i + 1];
      if (!a || a->type == Type::unknown || a->type == convs[i].type) continue;
      diags_.error(DiagId::sem_bad_format, a->loc,
                   "format '" + convs[i].spec + "' expects " +
                       type_name(convs[i].type) + ", but argument " +
                       std::to_string(i + 1) + " is " + type_name(a->type));
    }
  }

private:
  Diagnostics &diags_;
};

}  // namespace

bool format_argument_types(const std::string &format, std::vector<Type> *out) {
  std::vector<Conversion> convs;
  std::string bad;
  if (!conversions(format, convs, &bad)) return false;
  for (const Conversion &c : convs) out->push_back(c.type);
  return true;
}

std::vector<std::string> memory_conversions(const std::string &format) {
  std::vector<Conversion> convs;
  std::string bad;
  std::vector<std::string> out;
  // A malformed format is reported by check_formats and never built, but
  // its well-formed %m before the fault still counts.
  conversions(format, convs, &bad);
  for (const Conversion &c : convs)
    if (c.reads_memory) out.push_back(c.spec);
  return out;
}

void check_formats(Program &program, Diagnostics &diags) {
  FormatChecker fc(diags);
  std::set<Block *> seen;
  for (ProbeDecl *p : program.probes)
    if (seen.insert(p->body).second) fc.visit(p->body);
  for (FunctionDecl *f : program.functions) fc.visit(f->body);
}

}  // namespace stap
