#include "elaborate/mark_target_vars.h"

#include <charconv>
#include <map>

#include "elaborate/target_visitor.h"
#include "probes/probe_registry.h"
#include "symbols/sdt_notes.h"

namespace stap {

namespace {

// What the probe's sites agree on.
struct MarkSite {
  std::string name, provider;  // provider "" when the sites disagree
  size_t nargs = 0;            // the fewest any site has
  std::string bad;             // why some site's arguments cannot be read
};

class Resolver : public TargetVisitor<Resolver> {
public:
  Resolver(Diagnostics &diags, ProbeTargets &out, const MarkSite &site)
      : TargetVisitor(diags, out, true), site_(site) {}

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (auto a = target(n)) out_[n] = std::move(*a);
  }

  // For @defined: a mark's $ names are all this resolver's.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    if (op->kind != ExprKind::target) return false;
    Resolver quiet(scratch, out_, site_);
    quiet.visit(op);
    return true;
  }

private:
  void fail(const Expr *n, const std::string &msg) {
    if (!in_defined_) diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
  }

  std::string offered() const {
    std::string s = site_.nargs ? "$arg1" : "";
    if (site_.nargs > 1) s += "..$arg" + std::to_string(site_.nargs);
    return (s.empty() ? "" : s + ", ") + "$$name, $$provider, $$parms";
  }

  std::optional<TargetAccess> target(TargetSymbol *n) {
    const std::string where = "mark '" + site_.name + "'";
    if (!n->components.empty() || n->address_of ||
        n->pretty != PrettySuffix::none) {
      fail(n, "'" + n->name + "' of " + where +
                  " is a plain value: it has no members, address or "
                  "pretty form (read memory with @cast or user_*)");
      return std::nullopt;
    }
    if (n->name == "$$name" || n->name == "$$provider") {
      TargetAccess a;
      a.base = TargetAccess::Base::literal;
      a.type = Type::string;
      a.text = n->name == "$$name" ? site_.name : site_.provider;
      if (a.text.empty()) {
        fail(n, "the sites of " + where +
                    " belong to several providers; name one with "
                    ".provider(\"P\")");
        return std::nullopt;
      }
      return a;
    }
    if (n->name == "$$parms" || n->name == "$$vars") {
      TargetAccess a;
      a.type = Type::string;
      for (size_t i = 1; i <= site_.nargs; ++i)
        a.parts.push_back({"$arg" + std::to_string(i), argument(i)});
      if (!site_.bad.empty() && site_.nargs == 0) {
        fail(n, "the arguments of " + where + " cannot be read: " + site_.bad);
        return std::nullopt;
      }
      return a;
    }
    size_t index = 0;
    std::string_view digits = std::string_view(n->name);
    if (digits.starts_with("$arg")) {
      digits.remove_prefix(4);
      auto [p, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (ec != std::errc() || p != digits.data() + digits.size()) index = 0;
    }
    if (index == 0) {
      fail(n, where + " has no '" + n->name + "'; it offers " + offered());
      return std::nullopt;
    }
    if (index > site_.nargs) {
      if (!site_.bad.empty())
        fail(n, "the arguments of " + where + " cannot be read: " + site_.bad);
      else
        fail(n, where + " has " + std::to_string(site_.nargs) + " argument" +
                    (site_.nargs == 1 ? "" : "s") + ": no '" + n->name + "'");
      return std::nullopt;
    }
    return argument(index);
  }

  static TargetAccess argument(size_t i) {
    TargetAccess a;
    a.base = TargetAccess::Base::sdt_arg;
    a.param = int(i);
    return a;
  }

  const MarkSite &site_;
};

const StringLit *component_arg(const ProbePoint *pp, const char *name) {
  const Expr *arg = pp->arg_of(name);
  return arg && arg->kind == ExprKind::string
             ? static_cast<const StringLit *>(arg)
             : nullptr;
}

// The sites of the probe's mark, summarised; nullopt after an error.
std::optional<MarkSite> site_of(const ProbePoint *pp, Diagnostics &diags) {
  const StringLit *binary = component_arg(pp, "library");
  if (!binary) binary = component_arg(pp, "process");
  const StringLit *mark = component_arg(pp, "mark");
  const StringLit *provider = component_arg(pp, "provider");
  if (!binary || !mark) {
    diags.error(DiagId::sem_target_unavailable, pp->loc,
                "the arguments of a mark need the executable's path; name it "
                "in 'process(\"PATH\")'");
    return std::nullopt;
  }
  std::string error, bad;
  auto notes = read_sdt_notes(binary->value, &error, &bad);
  std::vector<SdtNote> sites;
  if (notes)
    sites = mark_sites(*notes, provider ? provider->value : "", mark->value);
  if (sites.empty()) {
    diags.error(DiagId::sem_target_unavailable, pp->loc,
                "no mark '" + mark->value + "' in '" + binary->value + "'" +
                    (error.empty() ? "" : ": " + error));
    return std::nullopt;
  }
  MarkSite s{mark->value, sites[0].provider, common_argument_count(sites), ""};
  for (const SdtNote &n : sites) {
    if (n.provider != s.provider) s.provider.clear();
    if (n.arguments.empty() && !n.args.empty()) s.bad = "'" + n.args + "'";
  }
  // The parser's reason, for the first bad site of this mark.
  size_t at = bad.find(s.name + ": ");
  if (!s.bad.empty() && at != std::string::npos) {
    size_t end = bad.find('\n', at);
    s.bad = bad.substr(at + s.name.size() + 2, end - at - s.name.size() - 2);
  }
  return s;
}

// .plt("NAME") probes offer $$name, the import's name ($return too, in
// .return probes: kernel_target_vars.cc reads it untyped).
class PltResolver : public TargetVisitor<PltResolver> {
public:
  PltResolver(Diagnostics &diags, ProbeTargets &out, std::string name)
      : TargetVisitor(diags, out, true), name_(std::move(name)) {}

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (n->name == "$return" && n->components.empty()) return;
    if (n->name == "$$name" && n->components.empty() && !n->address_of) {
      TargetAccess a;
      a.base = TargetAccess::Base::literal;
      a.type = Type::string;
      a.text = name_;
      out_[n] = std::move(a);
    } else if (!in_defined_) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "a .plt probe offers '$$name' only, not '" + n->name + "'");
    }
  }

  // For @defined: a .plt probe's $ names are all this resolver's.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    if (op->kind != ExprKind::target) return false;
    PltResolver quiet(scratch, out_, name_);
    quiet.visit(op);
    return true;
  }

private:
  std::string name_;
};

}  // namespace

void resolve_mark_targets(Program &program, Diagnostics &diags) {
  for (size_t i = 0; i < program.probes.size(); ++i) {
    ProbeDecl *p = program.probes[i];
    const ProbeType *t = program.probe_types[i];
    if (!t || p->points.empty() ||
        (t->symbols != SymbolKind::process_mark &&
         t->symbols != SymbolKind::process_plt))
      continue;
    UsesTargets uses;
    uses.visit(p->body);
    if (!uses.found) continue;
    if (t->symbols == SymbolKind::process_plt) {
      const StringLit *name = component_arg(p->points[0], "plt");
      PltResolver r(diags, program.probe_targets[i], name ? name->value : "");
      r.visit(p->body);
      continue;
    }
    std::optional<MarkSite> site = site_of(p->points[0], diags);
    if (!site) continue;
    Resolver r(diags, program.probe_targets[i], *site);
    r.visit(p->body);
    for (ProbePoint *pp : p->points) r.visit(pp->condition);
  }
}

}  // namespace stap
