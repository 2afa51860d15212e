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
      const ProbeOrigin &o = p.probe_origins[i];
      std::vector<std::string> chain(o.aliases.rbegin(), o.aliases.rend());
      if (chain.empty() || chain.back() != o.written) chain.push_back(o.written);
      std::string comment;
      for (const std::string &c : chain)
        if (c != point) comment += " <- " + c;
      if (!comment.empty()) out += " /*" + comment + " */";
    }
    out += "\n";
    locals(out, d->locals);
  }
  return out;
}

}  // namespace stap
