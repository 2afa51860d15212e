#include "elaborate/kernel_target_vars.h"

#include "elaborate/process_target_vars.h"

#include <bpf/btf.h>

#include <algorithm>
#include <set>

#include "elaborate/netfilter_target_vars.h"
#include "elaborate/suggest.h"
#include "elaborate/symbols.h"
#include "elaborate/target_pretty.h"
#include "elaborate/target_visitor.h"
#include "elaborate/target_walk.h"
#include "elaborate/typed_values.h"
#include "probes/probe_registry.h"
#include "symbols/btf_types.h"

namespace stap {

namespace {

// The arguments the runtime's tracepoint handler takes and passes on
// (STP_TRACEPOINT_ARGS in runtime/tracepoints.h): a tracepoint hands its
// handler every argument, no pt_regs, so the stack is no limit.
constexpr size_t kMaxTracepointArgs = 12;

using Cursor = TargetCursor<BtfRef>;

// Whether `name` is a local variable of kernel function `function` (of
// `module`, "" for vmlinux) in its DWARF, when that is installed.
bool is_kernel_local(SymbolSource &symbols, const std::string &module,
                     const std::string &function, const std::string &name) {
  if (!symbols.missing_kernel_debuginfo(module).empty()) return false;
  std::string why;
  const UserDwarf *d = symbols.kernel_dwarf(&why, module);
  auto pc =
      d ? symbols.kernel_address(function, 0, &why, module) : std::nullopt;
  auto f = pc ? d->function_containing(*pc) : std::nullopt;
  return f && std::any_of(f->variables.begin(), f->variables.end(),
                          [&](const DwarfVariable &v) {
                            return !v.is_param && v.name == name;
                          });
}

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
  // A netfilter probe: $skb, $in and $out are typed here, the rest are
  // netfilter_target_vars.cc's.
  bool is_netfilter = false;
};

// What a script function returns when it returns a typed address (a
// pointer member, `@cast(p, "struct T")`, `&$x->y`): the type pointed at,
// so `task_current()->mm` works (SystemTap's autocast).
using ReturnTypes = std::map<const FunctionDecl *, BtfRef>;

// What a script function's parameter or a global holds when the script
// stores typed addresses in it: their type while every call site or
// assignment agrees (untyped values do not count, as for SystemTap's
// globals), nullopt once two disagree (`->` on it is then an error).
class SharedTypes {
public:
  void note(const VarDecl *d, BtfRef t) {
    auto [it, added] = vars_.emplace(d, t);
    if (added) {
      changed_ = true;
    } else if (it->second &&
               (it->second->btf != t.btf || it->second->id != t.id)) {
      it->second.reset();
      changed_ = true;
    }
  }
  // Whether `d` has been noted at all; its agreed type, if any.
  const std::optional<BtfRef> *find(const VarDecl *d) const {
    auto it = vars_.find(d);
    return it == vars_.end() ? nullptr : &it->second;
  }
  // Whether a note since the last call changed anything.
  bool changed() { return std::exchange(changed_, false); }

private:
  std::map<const VarDecl *, std::optional<BtfRef>> vars_;
  bool changed_ = false;
};

class Resolver : public TargetVisitor<Resolver> {
public:
  Resolver(SymbolSource &symbols, Diagnostics &diags, ProbeTargets &out,
           const ProbeSite *site, ReturnTypes &returns, SharedTypes &shared,
           const FunctionDecl *function = nullptr)
      : TargetVisitor(diags, out, site != nullptr), symbols_(symbols),
        site_(site), walk_(diags), returns_(returns), shared_(shared),
        function_(function), typed_(&returns) {}

  // A kretprobe probe's @entry values (Program::probe_entry_values),
  // evaluated by its entry half.
  void save_entry_values(std::vector<const Expr *> *saved) { saved_ = saved; }

  // A process probe with DWARF: its casts without a file and its
  // autocasts of values not typed here are process_target_vars.cc's.
  void leave_user_types() { user_types_ = true; }
  // A kernel probe read through vmlinux's DWARF: the autocasts of values
  // not typed here are process_target_vars.cc's too.
  void leave_dwarf_autocasts() { dwarf_autocasts_ = true; }

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (!site_ || in_defined_ || !answers(n)) return;
    if (in_entry_ && n->name == "$return") {
      diags_.error(DiagId::sem_target_type, n->loc,
                   "'$return' inside '@entry' has no value: '@entry' is "
                   "evaluated when the function is entered");
      return;
    }
    std::optional<BtfRef> p;
    if (auto a = target(n, &p)) record(n, std::move(*a), p);
  }

  // A process return probe's @entry is process_target_vars.cc's.
  // A kernel return probe evaluates @entry(e) at the function's entry,
  // whatever e is (a plain parameter is read from the saved registers).
  void visit_entry(EntryExpr *n) {
    if (site_ && site_->untyped_return) return Visitor::visit_entry(n);
    if (saved_ && !in_defined_ && !plain_target(n->operand)) {
      save_entry(n, *saved_, in_entry_);
    } else {
      TargetVisitor::visit_entry(n);
    }
    typed_.record(n, pointee_of(n->operand));
  }

  void visit_cast(CastExpr *n) {
    TargetVisitor::visit_cast(n);
    if (in_defined_) return;
    // A path names a user-space file: its types come from that file's
    // DWARF with the process probes, not from the kernel's BTF.
    if (n->module.find('/') != std::string::npos) return;
    if (user_types_ && n->module.empty()) return;
    std::optional<BtfRef> p;
    if (auto a = cast(n, &p)) record(n, std::move(*a), p);
  }

  // `p->field` on a value whose C type pass 2 knows: where the value came
  // from (a target expression, a local assigned one, a function returning
  // one).
  void visit_autocast(AutocastExpr *n) {
    Visitor::visit_autocast(n);
    if (in_defined_) return;
    std::optional<BtfRef> to = pointee_of(n->operand);
    if (!to && (user_types_ || dwarf_autocasts_)) return;
    std::optional<BtfRef> p;
    if (auto r = autocast_target(walk_, diags_, to, n, false, &p,
                                 why_untyped(n->operand)))
      record(n, std::move(*r), p);
  }

  // `t = <typed value>`: a local (or parameter) takes the value's type
  // until the next plain assignment (in source order); a global takes it
  // everywhere if no other assignment disagrees.
  void visit_assign(AssignExpr *n) {
    visit(n->rhs);
    visit(n->lhs);
    typed_.assign(n);
    // A global typed by what any assignment stores (shared_).
    if (n->op != "=" || n->lhs->kind != ExprKind::symbol) return;
    const VarDecl *d = static_cast<Symbol *>(n->lhs)->decl;
    if (d && d->scope == VarScope::global)
      if (auto p = pointee_of(n->rhs)) shared_.note(d, *p);
  }

  // f(<typed value>): f's parameter takes the type of its arguments.
  void visit_call(CallExpr *n) {
    Visitor::visit_call(n);
    if (!n->decl || n->decl->params.size() != n->args.size()) return;
    for (size_t i = 0; i < n->args.size(); ++i)
      if (auto p = pointee_of(n->args[i])) shared_.note(n->decl->params[i], *p);
  }

  void visit_return(ReturnStmt *n) {
    Visitor::visit_return(n);
    if (!function_ || !n->value) return;
    if (auto p = pointee_of(n->value)) returns_.emplace(function_, *p);
  }

  // @defined of a kernel parameter or of a kernel @cast is this
  // resolver's to answer.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    const Expr *base = op->kind == ExprKind::entry
                           ? static_cast<EntryExpr *>(op)->operand
                           : op;
    bool mine =
        (base->kind == ExprKind::target && site_ && site_->proto &&
         answers(static_cast<const TargetSymbol *>(base))) ||
        (base->kind == ExprKind::autocast &&
         pointee_of(static_cast<const AutocastExpr *>(base)->operand)) ||
        (base->kind == ExprKind::cast &&
         static_cast<const CastExpr *>(base)->module.find('/') ==
             std::string::npos &&
         !(user_types_ && static_cast<const CastExpr *>(base)->module.empty()));
    if (!mine) return false;
    Resolver quiet(symbols_, scratch, out_, site_, returns_, shared_,
                   function_);
    quiet.user_types_ = user_types_;
    quiet.typed_ = typed_;
    quiet.visit(op);
    return true;
  }

private:
  // Whether this resolver plans `n` (a netfilter probe's other variables
  // are netfilter_target_vars.cc's).
  bool answers(const TargetSymbol *n) const {
    return !site_->is_netfilter || is_netfilter_typed(n->name);
  }

  // $param alone: its entry value is in the saved registers already.
  static bool plain_target(const Expr *e) {
    return e->kind == ExprKind::target &&
           static_cast<const TargetSymbol *>(e)->components.empty();
  }

  void record(const Expr *n, TargetAccess a, std::optional<BtfRef> pointee) {
    out_[n] = std::move(a);
    typed_.record(n, pointee);
  }

  std::optional<BtfRef> pointee_of(const Expr *e) const {
    if (auto p = typed_.pointee_of(e)) return p;
    if (e->kind == ExprKind::symbol) {
      const VarDecl *d = static_cast<const Symbol *>(e)->decl;
      if (typed_.assigned_local(d)) return std::nullopt;
      if (const std::optional<BtfRef> *t = shared_.find(d)) return *t;
    }
    return std::nullopt;
  }

  // Why `e` has no C type `->` could follow.
  std::string why_untyped(const Expr *e) const {
    if (e->kind == ExprKind::symbol) {
      const VarDecl *d = static_cast<const Symbol *>(e)->decl;
      const std::optional<BtfRef> *t = d ? shared_.find(d) : nullptr;
      if (t && !*t && !typed_.assigned_local(d))
        return std::string(d->scope == VarScope::global
                               ? "global '" + d->name + "' is assigned"
                               : "parameter '" + d->name + "' is passed") +
               " pointers to different C types";
    }
    return "the C type of this value is not known";
  }

  std::optional<TargetAccess> target(TargetSymbol *n,
                                     std::optional<BtfRef> *pointee) {
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
    bool pretty = n->pretty != PrettySuffix::none;
    TargetPretty<BtfRef> printer(walk_, n->pretty == PrettySuffix::two);
    if (n->name == "$$parms" || n->name == "$$vars") {
      a.type = Type::string;
      for (size_t i = 0; i < proto.params.size(); ++i) {
        TargetAccess part;
        param_base(part, i, proto.params[i].second, site_->is_return);
        Cursor c{proto.params[i].second};
        if (pretty) {
          a.format += (i ? " " : "") + proto.params[i].first + "=";
          if (!printer.value(part, c, n, a)) return std::nullopt;
          continue;
        }
        if (!walk_.finish(part, c, n)) return std::nullopt;
        a.parts.push_back({proto.params[i].first, std::move(part)});
      }
      return a;
    }
    if (n->name == "$$locals") {
      const std::string &missing =
          symbols_.missing_kernel_debuginfo(site_->module);
      std::string where = site_->is_tracepoint
                              ? "tracepoint '" + site_->function + "'"
                              : "'" + site_->function + "'";
      diags_.error(
          DiagId::sem_target_unavailable, n->loc,
          site_->is_tracepoint ? "'$$locals': " + where + " has no locals"
          : site_->is_return
              ? "'$$locals' in a .return probe: it reads target variables as "
                "they were at the function's entry, before its locals hold "
                "values (stapprobes(3stap), RETURN PROBES)"
          : missing.empty() ? "'$$locals' of " + where + " is not supported yet"
                            : "'$$locals' of " + where + " needs " + missing);
      return std::nullopt;
    }
    if (n->name == "$$return") {
      // "return=0x..." ("" for a void function), as stapprobes(3stap) says.
      if (!site_->is_return) return std::nullopt;  // resolve.cc reports
      a.type = Type::string;
      a.read = TargetAccess::Read::value;
      if (describe(proto.ret).kind == CKind::void_) return a;
      TargetAccess part;
      return_base(part, proto.ret);
      Cursor c{proto.ret};
      if (pretty) {
        a.format = "return=";
        if (!printer.value(part, c, n, a)) return std::nullopt;
        return a;
      }
      if (!walk_.finish(part, c, n)) return std::nullopt;
      a.parts.push_back({"return", std::move(part)});
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
      return_base(a, proto.ret);
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
        if (!site_->is_tracepoint && site_->is_return &&
            is_kernel_local(symbols_, site_->module, site_->function, name))
          msg = "'$" + name + "' is a local of '" + site_->function +
                "': a .return probe reads target variables as they were at "
                "the function's entry, before its locals hold values "
                "(stapprobes(3stap), RETURN PROBES); read it in a "
                ".statement probe at a line of the function";
        else if (!near.empty())
          msg += "; did you mean '$" + near + "'?";
        else if (!names.empty()) {
          msg += " (parameters:";
          for (auto &pn : names) msg += " $" + pn;
          msg += ")";
          if (!site_->is_tracepoint) {
            const std::string &missing =
                symbols_.missing_kernel_debuginfo(site_->module);
            msg += missing.empty() ? "; locals are not supported yet"
                                   : "; locals need " + missing;
          }
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
    if (pretty)
      return pretty_target(walk_, std::move(a), cur, n->components, n->pretty,
                           n);
    return walk_.complete(std::move(a), cur, n->components, n->address_of, n,
                          pointee);
  }

  static void return_base(TargetAccess &a, BtfRef type) {
    CType rt = describe(type);
    a.base = TargetAccess::Base::return_value;
    a.base_bits = rt.size ? rt.size * 8 : 64;
    a.base_signed = rt.is_signed;
  }

  std::optional<TargetAccess> cast(CastExpr *n,
                                   std::optional<BtfRef> *pointee) {
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
    if (n->pretty != PrettySuffix::none) {
      return pretty_target(walk_, std::move(a), Cursor{*t, true, 0},
                           n->components, n->pretty, n);
    }
    // `@cast(p, "struct T")` alone is p, now known to point at a T.
    if (n->components.empty() && !n->address_of) {
      *pointee = *t;
      return a;
    }
    // The operand points at a T: the value lives in memory there.
    Cursor cur{*t, true, 0};
    cur.array_of_type = true;
    return walk_.complete(std::move(a), cur, n->components, n->address_of, n,
                          pointee);
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
  ReturnTypes &returns_;
  SharedTypes &shared_;
  const FunctionDecl *function_;
  TypedValues<BtfRef> typed_;
  std::vector<const Expr *> *saved_ = nullptr;
  bool in_entry_ = false;
  bool user_types_ = false;
  bool dwarf_autocasts_ = false;
};

// The functions a body calls.
class Callees : public Visitor<Callees> {
public:
  std::vector<const FunctionDecl *> found;
  void visit_call(CallExpr *n) {
    Visitor::visit_call(n);
    if (n->decl) found.push_back(n->decl);
  }
};

// Resolves functions callees first, so a caller knows what they return.
class FunctionOrder {
public:
  std::vector<FunctionDecl *> order;
  void add(FunctionDecl *f) {
    if (!f || f->is_embedded || !f->body || !seen_.insert(f).second) return;
    Callees c;
    c.visit(f->body);
    for (const FunctionDecl *g : c.found) add(const_cast<FunctionDecl *>(g));
    order.push_back(f);
  }

private:
  std::set<const FunctionDecl *> seen_;
};

}  // namespace

namespace {

// The probe's site: its function's prototype or tracepoint's arguments.
std::optional<ProbeSite> probe_site(ProbeDecl *p, const ProbeType *t,
                                    SymbolSource &symbols, Diagnostics &diags) {
  std::optional<ProbeSite> site;
  // Read through vmlinux's DWARF (process_target_vars.cc).
  if (t && uses_kernel_dwarf(p, *t, symbols)) return site;
  // At a kernel source line a parameter's register may hold something
  // else by then: only the DWARF's locations would say where it is.
  if (t && t->has_target_vars && !p->points.empty() &&
      (t->symbols == SymbolKind::kernel_statement ||
       t->symbols == SymbolKind::kernel_module_statement ||
       p->points[0]->kernel_offset != 0)) {
    UsesTargets uses;
    uses.visit(p->body);
    if (uses.found)
      diags.error(DiagId::opt_not_implemented, p->points[0]->loc,
                  "target variables at a kernel source line ('" +
                      p->points[0]->to_string() + "') are not supported yet");
    return site;
  }
  if (t && t->has_target_vars && !p->points.empty() &&
      (t->symbols == SymbolKind::kernel_function ||
       t->symbols == SymbolKind::kernel_module_function)) {
    UsesTargets uses;
    uses.visit(p->body);
    site.emplace();
    site->function = string_arg(p->points[0], t->symbol_component);
    site->module = string_arg(p->points[0], t->binary_component);
    site->is_return = t->allows_return_values;
    // "f@file": pass 2 found f's symbol in the kernel's DWARF.
    if (!p->points[0]->kernel_symbol.empty())
      site->function = p->points[0]->kernel_symbol;
    if (uses.variables) {
      std::string why;
      KernelBtf *k = symbols.kernel_btf(&why);
      const struct btf *b = !k ? nullptr
                            : site->module.empty()
                                ? k->vmlinux()
                                : k->module(site->module, &why);
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
  if (t && t->family == ProbeFamily::netfilter) {
    UsesTargets uses;
    uses.visit(p->body);
    site.emplace();
    site->is_netfilter = true;
    // Without BTF the variables stay numbers (netfilter_target_vars.cc
    // reports a member asked of them).
    if (KernelBtf *k = uses.found ? symbols.kernel_btf() : nullptr)
      site->proto = netfilter_typed_args(k->vmlinux());
  }
  return site;
}

}  // namespace

void resolve_kernel_targets(Program &program, SymbolSource &symbols,
                            Diagnostics &diags) {
  program.probe_targets.assign(program.probes.size(), {});
  program.probe_entry_values.assign(program.probes.size(), {});
  std::vector<std::optional<ProbeSite>> sites;
  std::vector<bool> read_through_dwarf;
  for (size_t i = 0; i < program.probes.size(); ++i) {
    const ProbeType *t = program.probe_types[i];
    sites.push_back(probe_site(program.probes[i], t, symbols, diags));
    read_through_dwarf.push_back(
        t && uses_kernel_dwarf(program.probes[i], *t, symbols));
  }
  // @cast and autocast in functions: resolved once, shared by every
  // caller; callees first, so what they return is known.
  FunctionOrder order;
  for (FunctionDecl *f : program.functions) order.add(f);
  ReturnTypes returns;
  SharedTypes shared;
  // One pass over the program: functions, then probes.
  auto resolve_all = [&](Diagnostics &d, ProbeTargets &function_targets,
                         std::vector<ProbeTargets> &probe_targets, bool last) {
    for (FunctionDecl *f : order.order) {
      Resolver r(symbols, d, function_targets, nullptr, returns, shared, f);
      r.visit(f->body);
    }
    for (size_t i = 0; i < program.probes.size(); ++i) {
      ProbeDecl *p = program.probes[i];
      const ProbeSite *site = sites[i] ? &*sites[i] : nullptr;
      Resolver r(symbols, d, probe_targets[i], site, returns, shared);
      if (last && site && site->is_return && !site->untyped_return)
        r.save_entry_values(&program.probe_entry_values[i]);
      const ProbeType *t = program.probe_types[i];
      if (t && has_user_types(*t)) r.leave_user_types();
      if (read_through_dwarf[i]) r.leave_dwarf_autocasts();
      r.visit(p->body);
      for (ProbePoint *pp : p->points) r.visit(pp->condition);
    }
  };
  // What parameters and globals hold is learnt from call sites and
  // assignments anywhere, so quiet passes run until it settles (each one
  // can type one more link of a chain of calls); the last pass reports.
  for (int round = 0; round < 8; ++round) {
    Diagnostics scratch(diags.sources(), diags.options());
    ProbeTargets function_targets;
    std::vector<ProbeTargets> probe_targets(program.probes.size());
    resolve_all(scratch, function_targets, probe_targets, false);
    if (!shared.changed()) break;
  }
  resolve_all(diags, program.function_targets, program.probe_targets, true);
}

}  // namespace stap
