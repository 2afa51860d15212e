#include "elaborate/kernel_target_vars.h"

#include <bpf/btf.h>

#include "elaborate/suggest.h"
#include "elaborate/symbols.h"
#include "elaborate/target_visitor.h"
#include "elaborate/target_walk.h"
#include "probes/probe_registry.h"
#include "symbols/btf_types.h"

namespace stap {

namespace {

// The arguments the runtime's tracepoint handler takes and passes on
// (STP_TRACEPOINT_ARGS in runtime/tracepoints.h): a tracepoint hands its
// handler every argument, no pt_regs, so the stack is no limit.
constexpr size_t kMaxTracepointArgs = 12;

using Cursor = TargetCursor<BtfRef>;

// What one probe offers: the function's prototype, and whether it returns.
struct ProbeSite {
  std::string function;
  std::string module;
  bool is_return = false;
  std::optional<FunctionProto> proto;
  // User-space returns without a prototype: $return is the whole return
  // register, as a long (process(...).function(...).return).
  bool untyped_return = false;
  bool is_tracepoint = false;  // "GROUP:NAME" in `function`
};

class Resolver : public TargetVisitor<Resolver> {
public:
  Resolver(SymbolSource &symbols, Diagnostics &diags, ProbeTargets &out,
           const ProbeSite *site)
      : TargetVisitor(diags, out, site != nullptr), symbols_(symbols),
        site_(site), walk_(diags) {}

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (!site_ || in_defined_) return;
    if (auto a = target(n)) out_[n] = std::move(*a);
  }

  // A process return probe's @entry is process_target_vars.cc's.
  void visit_entry(EntryExpr *n) {
    if (site_ && site_->untyped_return) return Visitor::visit_entry(n);
    TargetVisitor::visit_entry(n);
  }

  void visit_cast(CastExpr *n) {
    TargetVisitor::visit_cast(n);
    if (in_defined_) return;
    // A path names a user-space file: its types come from that file's
    // DWARF with the process probes, not from the kernel's BTF.
    if (n->module.find('/') != std::string::npos) return;
    if (auto a = cast(n)) out_[n] = std::move(*a);
  }

  // @defined of a kernel parameter or of a kernel @cast is this
  // resolver's to answer.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    const Expr *base = op->kind == ExprKind::entry
                           ? static_cast<EntryExpr *>(op)->operand
                           : op;
    bool mine = (base->kind == ExprKind::target && site_ && site_->proto) ||
                (base->kind == ExprKind::cast &&
                 static_cast<const CastExpr *>(base)->module.find('/') ==
                     std::string::npos);
    if (!mine) return false;
    Resolver quiet(symbols_, scratch, out_, site_);
    quiet.visit(op);
    return true;
  }

private:
  std::optional<TargetAccess> target(TargetSymbol *n) {
    if (!site_->proto && site_->untyped_return && n->name == "$return") {
      TargetAccess a;
      a.base = TargetAccess::Base::return_value;
      a.base_signed = true;
      return a;
    }
    if (!site_->proto) return std::nullopt;  // reported once per probe
    const FunctionProto &proto = *site_->proto;
    TargetAccess a;
    Cursor cur;
    if (n->name == "$$parms" || n->name == "$$vars") {
      a.type = Type::string;
      for (size_t i = 0; i < proto.params.size(); ++i) {
        TargetAccess part;
        param_base(part, i, proto.params[i].second, site_->is_return);
        Cursor c{proto.params[i].second};
        if (!walk_.finish(part, c, n)) return std::nullopt;
        a.parts.push_back({proto.params[i].first, std::move(part)});
      }
      return a;
    }
    if (n->name == "$return") {
      if (!site_->is_return) return std::nullopt;  // resolve.cc reports
      if (describe(proto.ret).kind == CKind::void_) {
        diags_.error(DiagId::sem_target_type, n->loc,
                     "'$return' of '" + site_->function +
                         "', which returns void");
        return std::nullopt;
      }
      CType rt = describe(proto.ret);
      a.base = TargetAccess::Base::return_value;
      a.base_bits = rt.size ? rt.size * 8 : 64;
      a.base_signed = rt.is_signed;
      cur.type = proto.ret;
    } else {
      std::string name = n->name.substr(1);
      size_t i = 0;
      while (i < proto.params.size() && proto.params[i].first != name) ++i;
      if (i == proto.params.size()) {
        std::vector<std::string> names;
        for (auto &[pn, t] : proto.params) names.push_back(pn);
        std::string msg =
            site_->is_tracepoint
                ? "tracepoint '" + site_->function + "' has no argument '" +
                      name + "'"
                : "'" + site_->function + "' has no parameter '" + name + "'";
        std::string near = closest_name(name, names);
        if (!near.empty()) msg += "; did you mean '$" + near + "'?";
        else if (!names.empty()) {
          msg += " (parameters:";
          for (auto &pn : names) msg += " $" + pn;
          msg += ")";
          if (!site_->is_tracepoint)
            msg += "; locals need the kernel's debuginfo";
        }
        diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
        return std::nullopt;
      }
      if (site_->is_tracepoint && i >= kMaxTracepointArgs) {
        diags_.error(DiagId::opt_not_implemented, n->loc,
                     "argument '" + name + "' of tracepoint '" +
                         site_->function + "' is beyond the first " +
                         std::to_string(kMaxTracepointArgs) +
                         " a tracepoint handler receives");
        return std::nullopt;
      }
      if (!site_->is_tracepoint && i >= 6) {
        diags_.error(DiagId::opt_not_implemented, n->loc,
                     "parameter '" + name + "' is passed on the stack; only "
                     "the first six parameters are supported");
        return std::nullopt;
      }
      param_base(a, i, proto.params[i].second, site_->is_return);
      cur.type = proto.params[i].second;
    }
    return walk_.complete(std::move(a), cur, n->components, n->address_of, n);
  }

  std::optional<TargetAccess> cast(CastExpr *n) {
    std::string why;
    KernelBtf *k = symbols_.kernel_btf(&why);
    if (!k) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'@cast' needs the kernel's BTF: " + why);
      return std::nullopt;
    }
    // "kernel", "kernel<linux/sched.h>", a module name, or several of
    // them with ':' between (stap(1)): the first that has the type.
    std::optional<BtfRef> t;
    std::string unloadable, searched;
    size_t from = 0;
    do {
      size_t end = n->module.find(':', from);
      std::string part = n->module.substr(from, end - from);
      from = end == std::string::npos ? end : end + 1;
      std::string module = part.substr(0, part.find('<'));
      const struct btf *b = module.empty() || module == "kernel"
                                ? k->vmlinux()
                                : k->module(module, &why);
      searched += (searched.empty() ? "" : ", ") +
                  (module.empty() ? std::string("kernel") : module);
      if (!b) {
        unloadable = "'@cast' to module '" + module + "': " + why;
        continue;
      }
      t = find_c_type(b, n->type_name);
    } while (!t && from != std::string::npos);
    if (!t) {
      if (!unloadable.empty() && searched.find(',') == std::string::npos)
        diags_.error(DiagId::sem_target_unavailable, n->loc, unloadable);
      else
        diags_.error(DiagId::sem_target_type, n->loc,
                     "no type '" + n->type_name + "' in " +
                         (searched == "kernel" ? "the kernel's BTF"
                                               : "the BTF of " + searched) +
                         (unloadable.empty() ? "" : " (" + unloadable + ")"));
      return std::nullopt;
    }
    TargetAccess a;
    a.base = TargetAccess::Base::operand;
    // The operand points at a T: the value lives in memory there.
    Cursor cur{*t, true, 0};
    cur.array_of_type = true;
    return walk_.complete(std::move(a), cur, n->components, n->address_of, n);
  }

  // In a return probe a parameter means its value at entry, as SystemTap
  // users expect: the registers saved by the kretprobe's entry handler.
  static void param_base(TargetAccess &a, size_t i, BtfRef type,
                         bool at_entry) {
    CType t = describe(type);
    a.base = at_entry ? TargetAccess::Base::entry_param
                      : TargetAccess::Base::param;
    a.param = int(i) + 1;
    a.base_bits = t.size && t.size < 8 ? t.size * 8 : 64;
    a.base_signed = t.is_signed;
  }

  SymbolSource &symbols_;
  const ProbeSite *site_;
  TargetWalk<BtfRef> walk_;
};

}  // namespace

void resolve_kernel_targets(Program &program, SymbolSource &symbols,
                            Diagnostics &diags) {
  program.probe_targets.assign(program.probes.size(), {});
  for (size_t i = 0; i < program.probes.size(); ++i) {
    ProbeDecl *p = program.probes[i];
    const ProbeType *t = program.probe_types[i];
    std::optional<ProbeSite> site;
    if (t && t->has_target_vars && !p->points.empty() &&
        (t->symbols == SymbolKind::kernel_function ||
         t->symbols == SymbolKind::kernel_module_function)) {
      UsesTargets uses;
      uses.visit(p->body);
      site.emplace();
      site->function = string_arg(p->points[0], t->symbol_component);
      site->module = string_arg(p->points[0], t->binary_component);
      site->is_return = t->allows_return_values;
      if (uses.found) {
        std::string why;
        KernelBtf *k = symbols.kernel_btf(&why);
        const struct btf *b =
            !k ? nullptr
               : site->module.empty() ? k->vmlinux() : k->module(site->module, &why);
        if (b) site->proto = function_proto(b, site->function);
        if (!site->proto)
          diags.error(DiagId::sem_target_unavailable, p->points[0]->loc,
                      "no prototype for '" + site->function +
                          "' in the kernel's BTF" +
                          (why.empty() ? "" : ": " + why) +
                          "; its target variables are unavailable");
      }
    } else if (t && t->is_process && t->allows_return_values) {
      site.emplace();
      site->is_return = site->untyped_return = true;
    }
    if (t && t->has_target_vars && !p->points.empty() &&
        t->symbols == SymbolKind::kernel_tracepoint) {
      UsesTargets uses;
      uses.visit(p->body);
      site.emplace();
      site->function = string_arg(p->points[0], t->symbol_component);
      site->is_tracepoint = true;
      p->points[0]->trace_module =
          symbols.kernel_tracepoint_module(site->function);
      std::string why;
      if (uses.found)
        site->proto = symbols.kernel_tracepoint_args(site->function, &why);
      if (uses.found && !site->proto)
        diags.error(DiagId::sem_target_unavailable, p->points[0]->loc,
                    "no arguments for tracepoint '" + site->function +
                        "' in the kernel's BTF: " + why);
    }
    Resolver r(symbols, diags, program.probe_targets[i],
               site ? &*site : nullptr);
    r.visit(p->body);
    for (ProbePoint *pp : p->points) r.visit(pp->condition);
  }
  // @cast in functions: resolved once, shared by every caller.
  for (FunctionDecl *f : program.functions) {
    if (f->is_embedded || !f->body) continue;
    Resolver r(symbols, diags, program.function_targets, nullptr);
    r.visit(f->body);
  }
}

}  // namespace stap
