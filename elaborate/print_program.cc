// The `stap -p2` listing; the format is documented in elaborate.h.
#include "elaborate/elaborate.h"

namespace stap {

namespace {

std::string var(const VarDecl *v) {
  std::string out = v->name + ":" + type_name(v->type);
  if (v->is_array) {
    out += '[';
    for (size_t i = 0; i < v->index_types.size(); ++i) {
      if (i) out += ',';
      out += type_name(v->index_types[i]);
    }
    out += ']';
  }
  return out;
}

void locals(std::string &out, const std::vector<VarDecl *> &ls) {
  for (const VarDecl *l : ls) out += "  " + var(l) + "\n";
}

}  // namespace

std::vector<std::string> probe_derivation(const std::string &point,
                                          const ProbeOrigin &origin) {
  std::vector<std::string> chain{point};
  auto add = [&](const std::string &name) {
    if (name != point && name != chain.back()) chain.push_back(name);
  };
  for (auto it = origin.aliases.rbegin(); it != origin.aliases.rend(); ++it)
    add(*it);
  add(origin.written);
  return chain;
}

std::string print_program(const Program &p) {
  std::string out;
  if (!p.globals.empty()) out += "# globals\n";
  for (const VarDecl *g : p.globals) out += var(g) + "\n";
  if (!p.functions.empty()) out += "# functions\n";
  for (const FunctionDecl *f : p.functions) {
    out += f->name + ":" + type_name(f->return_type) + " (";
    for (size_t i = 0; i < f->params.size(); ++i) {
      if (i) out += ", ";
      out += var(f->params[i]);
    }
    out += ")\n";
    locals(out, f->locals);
  }
  if (!p.probes.empty()) out += "# probes\n";
  for (size_t i = 0; i < p.probes.size(); ++i) {
    const ProbeDecl *d = p.probes[i];
    std::string point = d->points.empty() ? "?" : d->points[0]->to_string();
    out += point;
    if (i < p.probe_origins.size()) {
      std::vector<std::string> chain =
          probe_derivation(point, p.probe_origins[i]);
      std::string comment;
      for (size_t j = 1; j < chain.size(); ++j) comment += " <- " + chain[j];
      if (!comment.empty()) out += " /*" + comment + " */";
    }
    out += "\n";
    locals(out, d->locals);
  }
  return out;
}

}  // namespace stap
