#include "elaborate/kernel_target_vars.h"

#include <bpf/btf.h>

#include "probes/probe_registry.h"
#include "elaborate/suggest.h"
#include "elaborate/symbols.h"
#include "parser/visitor.h"
#include "symbols/btf_types.h"

namespace stap {

namespace {

// A value being resolved: either held (a parameter, a loaded pointer) or
// living in memory at the access's address plus `offset`.
struct Cursor {
  BtfRef type;
  bool in_memory = false;
  int64_t offset = 0;
  uint64_t bit_offset = 0;  // of a bitfield inside its storage
  uint32_t bit_size = 0;
};

// What one probe offers: the function's prototype, and whether it returns.
struct ProbeSite {
  std::string function;
  std::string module;
  bool is_return = false;
  std::optional<FunctionProto> proto;
  bool is_tracepoint = false;  // "GROUP:NAME" in `function`
};

class Resolver : public Visitor<Resolver> {
public:
  Resolver(SymbolSource &symbols, Diagnostics &diags, ProbeTargets &out,
           const ProbeSite *site)
      : symbols_(symbols), diags_(diags), out_(out), site_(site) {}

  void visit_target(TargetSymbol *n) {
    Visitor::visit_target(n);
    if (!site_ || in_defined_) return;
    if (auto a = target(n)) out_[n] = std::move(*a);
  }

  void visit_entry(EntryExpr *n) {
    Visitor::visit_entry(n);
    if (!site_ || in_defined_) return;
    // Parameters are saved at entry, so @entry($p->x) reads through the
    // entry value of $p. Other expressions would need an entry handler of
    // their own.
    auto it = out_.find(n->operand);
    if (it != out_.end()) {
      out_[n] = it->second;
      return;
    }
    diags_.error(DiagId::opt_not_implemented, n->loc,
                 "'@entry' of anything but a target variable is not "
                 "supported yet");
  }

  void visit_cast(CastExpr *n) {
    Visitor::visit_cast(n);
    if (in_defined_) return;
    // A path names a user-space file: its types come from that file's
    // DWARF with the process probes, not from the kernel's BTF.
    if (n->module.find('/') != std::string::npos) return;
    if (auto a = cast(n)) out_[n] = std::move(*a);
  }

  void visit_defined(DefinedExpr *n) {
    bool was = in_defined_;
    in_defined_ = true;
    Visitor::visit_defined(n);
    in_defined_ = was;
  }

private:
  std::optional<TargetAccess> target(TargetSymbol *n) {
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
        if (!finish(part, c, n)) return std::nullopt;
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
      if (i >= 6) {
        diags_.error(DiagId::opt_not_implemented, n->loc,
                     "parameter '" + name + "' is passed on the stack; only "
                     "the first six parameters are supported");
        return std::nullopt;
      }
      param_base(a, i, proto.params[i].second, site_->is_return);
      cur.type = proto.params[i].second;
    }
    if (!walk(a, cur, n->components)) return std::nullopt;
    if (n->address_of) return address_of(a, cur, n);
    if (!finish(a, cur, n)) return std::nullopt;
    return a;
  }

  std::optional<TargetAccess> cast(CastExpr *n) {
    std::string why;
    KernelBtf *k = symbols_.kernel_btf(&why);
    if (!k) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'@cast' needs the kernel's BTF: " + why);
      return std::nullopt;
    }
    // "kernel", "kernel<linux/sched.h>", or a module name.
    std::string module = n->module.substr(0, n->module.find('<'));
    const struct btf *b = module.empty() || module == "kernel"
                              ? k->vmlinux()
                              : k->module(module, &why);
    if (!b) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'@cast' to module '" + module + "': " + why);
      return std::nullopt;
    }
    std::optional<BtfRef> t = find_c_type(b, n->type_name);
    if (!t) {
      diags_.error(DiagId::sem_target_type, n->loc,
                   "no type '" + n->type_name + "' in the kernel's BTF");
      return std::nullopt;
    }
    TargetAccess a;
    a.base = TargetAccess::Base::operand;
    // The operand points at a T: the value lives in memory there.
    Cursor cur{*t, true, 0};
    if (!walk(a, cur, n->components)) return std::nullopt;
    if (n->address_of) return address_of(a, cur, n);
    if (!finish(a, cur, n)) return std::nullopt;
    return a;
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

  // Brings a held value of pointer type into memory at its target.
  bool deref(TargetAccess &a, Cursor &cur) {
    if (cur.in_memory) {
      a.steps.push_back({TargetAccess::Step::add, cur.offset});
      a.steps.push_back({TargetAccess::Step::load_pointer});
    }
    cur.in_memory = true;
    cur.offset = 0;
    return true;
  }

  bool walk(TargetAccess &a, Cursor &cur,
            const std::vector<TargetComponent> &comps) {
    for (const TargetComponent &c : comps) {
      CType t = describe(cur.type);
      if (c.kind == TargetComponent::field) {
        // SystemTap reads `.` and `->` alike: follow a pointer if there is one.
        if (t.kind == CKind::pointer) {
          deref(a, cur);
          cur.type = t.inner;
          t = describe(cur.type);
        }
        if (t.kind != CKind::record || !cur.in_memory) {
          diags_.error(DiagId::sem_target_type, c.loc,
                       "'" + c.name + "' is not a member: the value is '" +
                           c_type_name(cur.type) + "', not a struct or union");
          return false;
        }
        auto m = find_member(cur.type, c.name);
        if (!m) {
          std::string msg = "'" + c_type_name(cur.type) + "' has no member '" +
                            c.name + "'";
          std::string near = closest_name(c.name, member_names(cur.type));
          if (!near.empty()) msg += "; did you mean '" + near + "'?";
          diags_.error(DiagId::sem_target_type, c.loc, msg);
          return false;
        }
        cur.offset += int64_t(m->bit_offset / 8);
        cur.bit_size = m->bit_size;
        cur.bit_offset = m->bit_size ? m->bit_offset % 8 : 0;
        cur.type = m->type;
        continue;
      }
      // [index]: on a pointer or an array.
      if (t.kind == CKind::pointer) {
        deref(a, cur);
        cur.type = t.inner;
      } else if (t.kind == CKind::array && cur.in_memory) {
        cur.type = t.inner;
      } else {
        diags_.error(DiagId::sem_target_type, c.loc,
                     "cannot index a '" + c_type_name(cur.type) + "'");
        return false;
      }
      CType elem = describe(cur.type);
      uint64_t size = elem.size;
      if (elem.kind == CKind::pointer) size = 8;
      if (size == 0) {
        diags_.error(DiagId::sem_target_type, c.loc,
                     "cannot index: elements of type '" +
                         c_type_name(cur.type) + "' have no size");
        return false;
      }
      if (c.kind == TargetComponent::index_literal) {
        cur.offset += int64_t(size) * c.literal;
      } else {
        a.steps.push_back({TargetAccess::Step::add, cur.offset});
        cur.offset = 0;
        a.steps.push_back({TargetAccess::Step::add_index, 0, c.index, size});
      }
    }
    return true;
  }

  std::optional<TargetAccess> address_of(TargetAccess &a, Cursor &cur,
                                         const Expr *n) {
    if (!cur.in_memory || cur.bit_size) {
      diags_.error(DiagId::sem_target_type, n->loc,
                   "cannot take the address of this value");
      return std::nullopt;
    }
    a.steps.push_back({TargetAccess::Step::add, cur.offset});
    a.read = TargetAccess::Read::address;
    a.type = Type::long_;
    return a;
  }

  bool finish(TargetAccess &a, Cursor &cur, const Expr *n) {
    CType t = describe(cur.type);
    if (!cur.in_memory) {
      a.read = TargetAccess::Read::value;
      if (t.kind == CKind::record || t.kind == CKind::array) {
        diags_.error(DiagId::opt_not_implemented, n->loc,
                     "a struct passed by value is not supported yet");
        return false;
      }
      a.type = Type::long_;
      return true;
    }
    a.steps.push_back({TargetAccess::Step::add, cur.offset});
    switch (t.kind) {
    case CKind::integer: case CKind::enumeration: case CKind::pointer:
      a.read = TargetAccess::Read::integer;
      a.size = t.kind == CKind::pointer ? 8 : t.size;
      a.is_signed = t.is_signed;
      a.bit_offset = unsigned(cur.bit_offset);
      a.bit_size = cur.bit_size;
      if (a.bit_size) {
        // Read the bytes that hold the bitfield.
        unsigned bytes = (a.bit_offset + a.bit_size + 7) / 8;
        a.size = bytes <= 1 ? 1 : bytes <= 2 ? 2 : bytes <= 4 ? 4 : 8;
      }
      if (a.size != 1 && a.size != 2 && a.size != 4 && a.size != 8) break;
      a.type = Type::long_;
      return true;
    case CKind::array:
      if (describe(t.inner).is_char) {
        a.read = TargetAccess::Read::string;
        a.type = Type::string;
        return true;
      }
      break;
    default: break;
    }
    diags_.error(DiagId::sem_target_type, n->loc,
                 "a value of type '" + c_type_name(cur.type) +
                     "' cannot be read as a number or string; name a member "
                     "or element");
    return false;
  }

  SymbolSource &symbols_;
  Diagnostics &diags_;
  ProbeTargets &out_;
  const ProbeSite *site_;
  bool in_defined_ = false;
};

std::string string_arg(const ProbePoint *pp, int component) {
  if (component < 0 || size_t(component) >= pp->components.size()) return "";
  const Expr *arg = pp->components[size_t(component)].arg;
  return arg && arg->kind == ExprKind::string
             ? static_cast<const StringLit *>(arg)->value
             : "";
}

// Does the body use any target expression? Probes without one need no BTF.
class UsesTargets : public Visitor<UsesTargets> {
public:
  bool found = false;
  void visit_target(TargetSymbol *) { found = true; }
  void visit_entry(EntryExpr *) { found = true; }
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
    }
    if (t && t->has_target_vars && !p->points.empty() &&
        t->symbols == SymbolKind::kernel_tracepoint) {
      UsesTargets uses;
      uses.visit(p->body);
      site.emplace();
      site->function = string_arg(p->points[0], t->symbol_component);
      site->is_tracepoint = true;
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
