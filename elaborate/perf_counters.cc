#include "elaborate/perf_counters.h"

#include <map>
#include <string>

#include "parser/visitor.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

class PerfReads : public Visitor<PerfReads> {
public:
  PerfReads(const std::map<std::string, Location> &declared, Diagnostics &diags)
      : declared_(declared), diags_(diags) {}

  void visit_at_op(AtOpExpr *n) {
    if (n->op == "perf" && !n->args.empty() &&
        n->args[0]->kind == ExprKind::string) {
      const auto *name = static_cast<const StringLit *>(n->args[0]);
      if (!declared_.count(name->value))
        diags_.error(DiagId::sem_perf_counter_undefined, name->loc,
                     "perf counter '" + name->value + "' not defined");
    }
    Visitor::visit_at_op(n);
  }

private:
  const std::map<std::string, Location> &declared_;
  Diagnostics &diags_;
};

}  // namespace

void check_perf_counters(const Program &program, Diagnostics &diags) {
  std::map<std::string, Location> declared;
  for (size_t i = 0; i < program.probes.size(); ++i) {
    const ProbeType *t =
        i < program.probe_types.size() ? program.probe_types[i] : nullptr;
    if (!t || t->family != ProbeFamily::perf) continue;
    const Expr *name = program.probes[i]->points.front()->arg_of("counter");
    if (!name || name->kind != ExprKind::string) continue;
    const std::string &text = static_cast<const StringLit *>(name)->value;
    if (!declared.emplace(text, name->loc).second)
      diags.error(DiagId::sem_perf_counter_twice, name->loc,
                  "perf counter '" + text + "' defined twice");
  }
  PerfReads reads(declared, diags);
  for (const ProbeDecl *p : program.probes) reads.visit(p->body);
  for (FunctionDecl *f : program.functions)
    if (f->body) reads.visit(f->body);
}

}  // namespace stap
