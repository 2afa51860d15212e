#include "elaborate/process_target_vars.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "elaborate/suggest.h"
#include "elaborate/symbols.h"
#include "elaborate/target_pretty.h"
#include "elaborate/target_visitor.h"
#include "elaborate/target_walk.h"
#include "elaborate/typed_values.h"
#include "probes/probe_registry.h"
#include "symbols/glob.h"
#include "symbols/user_dwarf.h"
#include "symbols/user_probe_site.h"

namespace stap {

namespace {

using Cursor = TargetCursor<DwarfType>;

// The binaries' DWARF, each opened once per run; a failure is kept as its
// message.
class DwarfFiles {
public:
  const UserDwarf *get(const std::string &path, std::string *error) {
    auto it = files_.find(path);
    if (it == files_.end()) {
      std::string why;
      auto d = UserDwarf::open(path, &why);
      it = files_.emplace(path, Entry{std::move(d), why}).first;
    }
    *error = it->second.error;
    return it->second.dwarf.get();
  }

private:
  struct Entry {
    std::unique_ptr<UserDwarf> dwarf;
    std::string error;
  };
  std::map<std::string, Entry> files_;
};

// What one probe offers: the function, its variables located where the
// probe fires, and whether it is a return probe.
struct ProcessSite {
  DwarfFunction function;
  bool is_return = false;
  // At the function's first instruction, where the psABI says which
  // register holds each parameter; a statement inside the body is not.
  bool at_entry = true;
  // The binary and the link-time address the uprobe is at, which the
  // instruction pointer holds when it fires (entry probes): @var's
  // variables are found from there.
  const UserDwarf *dwarf = nullptr;
  uint64_t pc = 0;
  // A kprobe's site in vmlinux's DWARF: its memory is the kernel's.
  bool kernel = false;
};

class Resolver : public TargetVisitor<Resolver> {
public:
  // `saved`: a uretprobe probe's entry values, filled as they are found
  // (null for other probes).
  // `binary`: the probed file, whose types a @cast without a file names
  // (nullopt outside process function and statement probes: those casts
  // are the kernel's; "" when the probe names no file).
  Resolver(DwarfFiles &files, Diagnostics &diags, ProbeTargets &out,
           const ProcessSite *site, SymbolSource *symbols = nullptr,
           std::optional<std::string> binary = std::nullopt,
           std::vector<const Expr *> *saved = nullptr)
      : TargetVisitor(diags, out, site != nullptr), files_(files), site_(site),
        symbols_(symbols), binary_(std::move(binary)), saved_(saved),
        walk_(diags) {}

  void visit_target(TargetSymbol *n) {
    TargetVisitor::visit_target(n);
    if (in_defined_) return;
    if (in_entry_ && n->name == "$return") {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'$return' inside '@entry' has no value: '@entry' is "
                   "evaluated when the function is entered");
      return;
    }
    if (!site_) return;
    std::optional<DwarfType> p;
    auto a = target(n, &p);
    if (!a) return;
    record(n, std::move(*a), p);
    // In a return probe a target variable is the value it had at entry.
    bool is_return = n->name == "$return" || n->name == "$$return";
    if (saved_ && !in_entry_ && !is_return) saved_->push_back(n);
  }

  // A uretprobe probe evaluates @entry(e) in its entry half, whatever e
  // is (target_visitor.h).
  void visit_entry(EntryExpr *n) {
    if (!saved_ || in_defined_) return TargetVisitor::visit_entry(n);
    save_entry(n, *saved_, in_entry_);
  }

  void visit_atvar(AtVarExpr *n) {
    TargetVisitor::visit_atvar(n);
    if (site_ && !site_->kernel && !in_defined_)
      if (auto a = atvar(n)) out_[n] = std::move(*a);
  }

  void visit_cast(CastExpr *n) {
    TargetVisitor::visit_cast(n);
    if (in_defined_ || !is_user_cast(n)) return;
    std::optional<DwarfType> p;
    if (auto a = cast(n, &p)) record(n, std::move(*a), p);
  }

  // `p->field` on a value whose DWARF type pass 2 knows (a target
  // expression, a local assigned one): SystemTap's autocast in user space.
  // The kernel resolver ran first and took the values it knows the type of.
  void visit_autocast(AutocastExpr *n) {
    Visitor::visit_autocast(n);
    if (in_defined_ || !dwarf_values() || out_.count(n)) return;
    std::optional<DwarfType> p;
    if (auto r = autocast_target(walk_, diags_, pointee_of(n->operand), n,
                                 !(site_ && site_->kernel), &p))
      record(n, std::move(*r), p);
  }

  // `p = <typed value>`: the local keeps the value's DWARF type until the
  // next plain assignment (in source order).
  void visit_assign(AssignExpr *n) {
    visit(n->rhs);
    visit(n->lhs);
    typed_.assign(n);
  }

  // @defined of a variable of the probed function, or of a @cast to a
  // file's type, is this resolver's to answer.
  bool resolve_quietly(Expr *op, Diagnostics &scratch) {
    const Expr *base = op->kind == ExprKind::entry
                           ? static_cast<EntryExpr *>(op)->operand
                           : op;
    bool mine = false;
    if (base->kind == ExprKind::target) mine = site_ != nullptr;
    if (base->kind == ExprKind::cast)
      mine = is_user_cast(static_cast<const CastExpr *>(base));
    if (base->kind == ExprKind::autocast)
      mine = dwarf_values() && !out_.count(base) &&
             pointee_of(static_cast<const AutocastExpr *>(base)->operand);
    if (!mine) return false;
    Resolver quiet(files_, scratch, out_, site_, symbols_, binary_);
    quiet.typed_ = typed_;
    quiet.visit(op);
    return true;
  }

private:
  // Whether values here may carry DWARF types: a process probe's, or a
  // kernel probe's read through vmlinux's DWARF.
  bool dwarf_values() const {
    return binary_.has_value() || (site_ && site_->kernel);
  }

  // A cast to a file's types: a path, or no file at all in a process probe
  // (the probed binary's). "kernel", a module name and a header
  // ("<linux/sched.h>", "kernel<linux/sched.h>") are the kernel resolver's.
  bool is_user_cast(const CastExpr *n) const {
    if (n->module.empty()) return binary_.has_value();
    return n->module.find('/') != std::string::npos &&
           n->module.find('<') == std::string::npos;
  }

  void record(const Expr *n, TargetAccess a, std::optional<DwarfType> pointee) {
    out_[n] = std::move(a);
    typed_.record(n, pointee);
  }

  std::optional<DwarfType> pointee_of(const Expr *e) const {
    return typed_.pointee_of(e);
  }

  // Which integer argument register (1-6) parameter `v` arrives in under
  // the x86-64 psABI, or 0: only when it and every parameter before it are
  // integers, enums or pointers of at most 8 bytes.
  int abi_argument_index(const DwarfVariable &v) const {
    int index = 0;
    for (const DwarfVariable &p : site_->function.variables) {
      if (!p.is_param) break;
      auto t = describe(p.type);
      bool integer_class =
          (t.kind == CKind::integer || t.kind == CKind::enumeration ||
           t.kind == CKind::pointer) &&
          t.size <= 8;
      if (!integer_class || ++index > 6) return 0;
      if (&p == &v) return index;
    }
    return 0;
  }

  std::optional<TargetAccess> target(TargetSymbol *n,
                                     std::optional<DwarfType> *pointee) {
    const DwarfFunction &fn = site_->function;
    bool pretty = n->pretty != PrettySuffix::none;
    if (n->name == "$$parms" || n->name == "$$vars" || n->name == "$$locals")
      return all_of(n);
    if (n->name == "$$return") {
      // "return=0x2b" ("" for a void function), as stapprobes(3stap) says.
      if (!site_->is_return) return std::nullopt;  // resolve.cc reports
      TargetAccess a;
      a.type = Type::string;
      a.read = TargetAccess::Read::value;
      if (describe(fn.return_type).kind == CKind::void_) return a;
      TargetAccess part = return_base(fn.return_type);
      Cursor c{fn.return_type};
      if (pretty) {
        a.format = "return=";
        TargetPretty<DwarfType> printer(walk_, n->pretty == PrettySuffix::two);
        if (!printer.value(part, c, n, a)) return std::nullopt;
        return a;
      }
      if (!walk_.finish(part, c, n)) return std::nullopt;
      a.parts.push_back({"return", std::move(part)});
      return a;
    }
    if (n->name == "$return") {
      if (!site_->is_return) return std::nullopt;  // resolve.cc reports
      if (describe(fn.return_type).kind == CKind::void_) {
        diags_.error(DiagId::sem_target_type, n->loc,
                     "'$return' of '" + fn.name + "', which returns void");
        return std::nullopt;
      }
      Cursor cur{fn.return_type};
      if (pretty)
        return pretty_target(walk_, return_base(fn.return_type), cur,
                             n->components, n->pretty, n);
      return walk_.complete(return_base(fn.return_type), cur, n->components,
                            n->address_of, n, pointee);
    }
    std::string name = n->name.substr(1);
    const DwarfVariable *v = nullptr;
    std::vector<std::string> names;
    // The first match: inner blocks' locals come first and hide outer
    // ones of the same name.
    for (const DwarfVariable &cand : fn.variables) {
      names.push_back(cand.name);
      if (!v && cand.name == name) v = &cand;
    }
    if (!v) {
      std::string msg =
          "'" + fn.name + "' has no parameter or local '" + name + "'";
      std::string near = closest_name(name, names);
      if (!near.empty()) msg += "; did you mean '$" + near + "'?";
      diags_.error(DiagId::sem_target_unavailable, n->loc, msg);
      return std::nullopt;
    }
    std::optional<std::pair<TargetAccess, Cursor>> base = base_of(*v, n, true);
    if (!base) return std::nullopt;
    if (pretty)
      return pretty_target(walk_, std::move(base->first), base->second,
                           n->components, n->pretty, n);
    return walk_.complete(std::move(base->first), base->second, n->components,
                          n->address_of, n, pointee);
  }

  // The return register, holding a value of `type`.
  static TargetAccess return_base(DwarfType type) {
    auto rt = describe(type);
    TargetAccess a;
    a.base = TargetAccess::Base::register_value;
    a.reg = "rax";
    a.base_bits = rt.size && rt.size < 8 ? rt.size * 8 : 64;
    a.base_signed = rt.is_signed;
    a.user_memory = true;
    return a;
  }

  // Where variable `v` starts: a register, memory at a register plus an
  // offset, or a constant. Errors are reported only when `report`.
  std::optional<std::pair<TargetAccess, Cursor>>
  base_of(const DwarfVariable &v, const Expr *n, bool report) {
    const DwarfLocation &l = v.location;
    auto fail = [&](const std::string &why) {
      if (report)
        diags_.error(DiagId::sem_target_unavailable, n->loc,
                     "'$" + v.name + "' in '" + site_->function.name + "' " +
                         why);
      return std::nullopt;
    };
    TargetAccess a;
    a.user_memory = !site_->kernel;
    Cursor cur{v.type};
    auto t = describe(v.type);
    // At the entry the psABI is exact where -O0 code has not yet stored
    // its parameters in the frame slots the DWARF names.
    if (int arg = site_->at_entry ? abi_argument_index(v) : 0) {
      static const char *const regs[] = {"rdi", "rsi", "rdx",
                                         "rcx", "r8",  "r9"};
      a.base = TargetAccess::Base::register_value;
      a.reg = regs[arg - 1];
      a.base_bits = t.size && t.size < 8 ? t.size * 8 : 64;
      a.base_signed = t.is_signed;
      return std::pair{a, cur};
    }
    switch (l.kind) {
    case DwarfLocation::Kind::optimized_out:
      return fail("is optimized out at this probe point" +
                  (l.why.empty() ? "" : " (" + l.why + ")"));
    case DwarfLocation::Kind::unsupported:
      return fail("has a location that cannot be read yet: " + l.why);
    case DwarfLocation::Kind::constant:
      a.base = TargetAccess::Base::constant;
      a.constant = l.offset;
      return std::pair{a, cur};
    case DwarfLocation::Kind::register_value:
      a.base = TargetAccess::Base::register_value;
      a.reg = l.reg;
      a.base_bits = t.size && t.size < 8 ? t.size * 8 : 64;
      a.base_signed = t.is_signed;
      return std::pair{a, cur};
    case DwarfLocation::Kind::memory:
      if (l.reg.empty())
        return fail("is a static variable; reading those is not supported "
                    "yet");
      a.base = TargetAccess::Base::register_value;
      a.reg = l.reg;
      cur.in_memory = true;
      cur.offset = l.offset;
      return std::pair{a, cur};
    case DwarfLocation::Kind::pieces:
      // Each member read picks the piece that holds it (target_walk.h).
      for (const DwarfLocation &p : l.pieces)
        cur.pieces.push_back(piece(p, !site_->kernel));
      return std::pair{a, cur};
    }
    return std::nullopt;
  }

  // One piece of a variable split across places: a register, memory at a
  // register plus an offset, a constant, or nothing; `user_memory`: whose
  // memory it is in.
  static ValuePiece piece(const DwarfLocation &l, bool user_memory) {
    ValuePiece p;
    p.size = l.size;
    p.base.user_memory = user_memory;
    switch (l.kind) {
    case DwarfLocation::Kind::register_value:
      p.base.base = TargetAccess::Base::register_value;
      p.base.reg = l.reg;
      return p;
    case DwarfLocation::Kind::memory:
      if (l.reg.empty()) break;  // a static address: not read yet
      p.base.base = TargetAccess::Base::register_value;
      p.base.reg = l.reg;
      p.in_memory = true;
      p.offset = l.offset;
      return p;
    case DwarfLocation::Kind::constant:
      p.base.base = TargetAccess::Base::constant;
      p.base.constant = l.offset;
      return p;
    default: break;
    }
    p.missing = true;
    return p;
  }

  // $$parms, $$vars, $$locals: "name=0x..." for each variable that has an
  // integer or pointer value, "name=?" where its value cannot be found
  // here (optimized out), as stapprobes(3stap) says; the others are left
  // out. $$parms$ and the others: "name=" and each variable printed as
  // $name$ prints it, or "?".
  std::optional<TargetAccess> all_of(TargetSymbol *n) {
    TargetAccess a;
    a.type = Type::string;
    bool pretty = n->pretty != PrettySuffix::none;
    TargetPretty<DwarfType> printer(walk_, n->pretty == PrettySuffix::two);
    for (const DwarfVariable &v : site_->function.variables) {
      if (n->name == "$$parms" && !v.is_param) continue;
      if (n->name == "$$locals" && v.is_param) continue;
      if (pretty) {
        auto base = base_of(v, n, false);
        a.format += (a.format.empty() ? "" : " ") + v.name + "=";
        if (!base) {
          a.format += "?";
          continue;
        }
        if (!printer.value(base->first, base->second, n, a))
          return std::nullopt;
        continue;
      }
      auto t = describe(v.type);
      bool scalar = t.kind == CKind::integer || t.kind == CKind::enumeration ||
                    t.kind == CKind::pointer;
      if (!scalar || (t.size != 1 && t.size != 2 && t.size != 4 && t.size != 8))
        continue;
      auto base = base_of(v, n, false);
      if (!base) {
        TargetAccess unknown;
        unknown.base = TargetAccess::Base::literal;
        unknown.text = "?";
        a.parts.push_back({v.name, std::move(unknown)});
        continue;
      }
      // Scalars of those sizes always finish without an error.
      if (!walk_.finish(base->first, base->second, n)) continue;
      a.parts.push_back({v.name, std::move(base->first)});
    }
    return a;
  }

  // @var("name@file"[, "module"]): a global or static of the probed
  // binary or of `module` (a path, or a library name found as
  // .library("...") finds it). At an entry of the probed binary's
  // function: its link-time address moved by as much as the probed
  // instruction was (the instruction pointer holds it). Elsewhere (another
  // file, a return probe, whose instruction pointer is the caller's):
  // found at run time from where the task maps the file.
  std::optional<TargetAccess> atvar(AtVarExpr *n) {
    auto fail = [&](const std::string &why) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'@var(\"" + n->name + "\")' " + why);
      return std::nullopt;
    };
    if (n->pretty != PrettySuffix::none)
      return fail("with a pretty-printing '$' is not supported yet");
    const UserDwarf *d = site_->dwarf;
    if (!n->module.empty() && n->module != d->path()) {
      std::string why, path = canonical_path(n->module);
      d = path == canonical_path(d->path()) ? d : files_.get(path, &why);
      if (!d) return fail("reads module '" + n->module + "': " + why);
    }
    size_t at = n->name.find('@');
    std::string name = n->name.substr(0, at);
    std::string file = at == std::string::npos ? "" : n->name.substr(at + 1);
    auto g = d->global(name, file);
    if (!g)
      return fail("names no global or static variable in the DWARF of '" +
                  d->path() + "'");
    TargetAccess a;
    a.user_memory = true;
    Cursor cur{g->type};
    cur.in_memory = true;
    if (d == site_->dwarf && !site_->is_return) {
      a.base = TargetAccess::Base::register_value;
      a.reg = "rip";
      cur.offset = static_cast<int64_t>(g->addr - site_->pc);
    } else {
      std::string why;
      auto offset = mapped_data_offset(d->path(), g->addr, &why);
      if (!offset) return fail(why);
      a.base = TargetAccess::Base::module_address;
      a.text = canonical_path(d->path());
      a.constant = static_cast<int64_t>(*offset);
    }
    return walk_.complete(std::move(a), cur, n->components, n->address_of, n);
  }

  // `name` as the module's user symbol tables name it (canonical, a
  // library name found on the library path).
  std::string canonical_path(const std::string &name) const {
    std::string path = symbols_ ? symbols_->resolve_binary(name, true) : name;
    std::error_code ec;
    auto canon = std::filesystem::canonical(path, ec);
    return ec ? path : canon.string();
  }

  std::optional<TargetAccess> cast(CastExpr *n,
                                   std::optional<DwarfType> *pointee) {
    const std::string &file = n->module.empty() ? *binary_ : n->module;
    if (file.empty()) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'@cast' without a file takes the probed file's types; "
                   "name the executable in 'process(\"PATH\")' or give the "
                   "file as @cast's third argument");
      return std::nullopt;
    }
    std::string why;
    const UserDwarf *d = files_.get(file, &why);
    if (!d) {
      diags_.error(DiagId::sem_target_unavailable, n->loc,
                   "'@cast' to a type of '" + file + "': " + why);
      return std::nullopt;
    }
    std::optional<DwarfType> t = d->find_type(n->type_name);
    if (!t) {
      diags_.error(DiagId::sem_target_type, n->loc,
                   "no type '" + n->type_name + "' in the DWARF of '" + file +
                       "'" +
                       (n->module.empty() ? " (the probed file; name "
                                            "another as @cast's third "
                                            "argument)"
                                          : ""));
      return std::nullopt;
    }
    TargetAccess a;
    a.base = TargetAccess::Base::operand;
    a.user_memory = true;
    if (n->pretty != PrettySuffix::none)
      return pretty_target(walk_, std::move(a), Cursor{*t, true, 0},
                           n->components, n->pretty, n);
    // `@cast(p, "struct T")` alone is p, now known to point at a T.
    if (n->components.empty() && !n->address_of) {
      *pointee = *t;
      return a;
    }
    // The operand points at a T (or an array of them): the value lives in
    // memory there.
    Cursor cur{*t, true, 0};
    cur.array_of_type = true;
    return walk_.complete(std::move(a), cur, n->components, n->address_of, n,
                          pointee);
  }

  DwarfFiles &files_;
  const ProcessSite *site_;
  SymbolSource *symbols_;
  std::optional<std::string> binary_;
  TypedValues<DwarfType> typed_;
  std::vector<const Expr *> *saved_;
  bool in_entry_ = false;
  TargetWalk<DwarfType> walk_;
};

// The file a process probe names, resolved as the probe resolves it ("":
// none named).
std::string probed_binary(const ProbePoint *pp, const ProbeType &t,
                          SymbolSource &symbols) {
  std::string binary = string_arg(pp, t.binary_component);
  if (binary.empty()) return "";
  bool library = t.components[size_t(t.binary_component)].name == "library";
  return symbols.resolve_binary(binary, library);
}

// The probe's function in its binary's DWARF, or nullopt after reporting
// why its variables are unavailable.
std::optional<ProcessSite> site_of(const ProbePoint *pp, const ProbeType &t,
                                   SymbolSource &symbols, DwarfFiles &files,
                                   bool quiet, Diagnostics &diags) {
  std::string binary = string_arg(pp, t.binary_component);
  if (binary.empty()) {
    if (quiet) return std::nullopt;
    diags.error(DiagId::sem_target_unavailable, pp->loc,
                "target variables of a process probe need the executable's "
                "path; name it in 'process(\"PATH\")'");
    return std::nullopt;
  }
  std::string path = probed_binary(pp, t, symbols);
  std::string spec = string_arg(pp, t.symbol_component);
  std::string name = split_function_spec(spec).name;
  // .callee("G") fires at G's entry: G's variables.
  if (const Expr *callee = pp->arg_of("callee");
      callee && callee->kind == ExprKind::string)
    name = static_cast<const StringLit *>(callee)->value;
  std::string why;
  const UserDwarf *d = files.get(path, &why);
  // A statement: the variables visible at the line's address.
  if (d && t.symbols == SymbolKind::process_statement) {
    const DwarfLine *line = d->statement(spec);
    auto f = line ? d->function_at(line->function, line->addr) : std::nullopt;
    if (f)
      return ProcessSite{*f, false, line->addr == f->entry_pc, d, line->addr};
    if (!quiet)
      diags.error(DiagId::sem_target_unavailable, pp->loc,
                  "target variables at '" + spec +
                      "' are unavailable: no DWARF line for it");
    return std::nullopt;
  }
  // An inlined copy, .inline(ADDR) (wildcard_expand.cc): the variables
  // of that copy where it starts; no call brought its parameters there.
  if (const Expr *at = pp->arg_of("inline");
      d && at && at->kind == ExprKind::number) {
    uint64_t pc =
        static_cast<uint64_t>(static_cast<const NumberLit *>(at)->value);
    if (auto copy = d->inline_copy(name, pc))
      return ProcessSite{*copy, false, false, d, pc};
    if (!quiet)
      diags.error(DiagId::sem_target_unavailable, pp->loc,
                  "target variables of '" + name +
                      "' are unavailable: no DWARF for its inlined copy at "
                      "this address");
    return std::nullopt;
  }
  std::optional<DwarfFunction> f = d ? d->function(name) : std::nullopt;
  if (d && !f) why = "no DWARF for function '" + name + "'";
  if (!f) {
    if (!quiet)
      diags.error(DiagId::sem_target_unavailable, pp->loc,
                  "target variables of '" + name + "' are unavailable: " + why);
    return std::nullopt;
  }
  // .label("L"): the variables visible at the label.
  if (const Expr *label = pp->arg_of("label");
      label && label->kind == ExprKind::string)
    for (const DwarfLabel &l : d->labels(name))
      if (l.name == static_cast<const StringLit *>(label)->value)
        return ProcessSite{*d->function_at(name, l.addr), false,
                           l.addr == f->entry_pc, d, l.addr};
  // probes/process.cc puts the uprobe at the function's symbol, its entry:
  // the variables are located there.
  return ProcessSite{*d->function_at(name, f->entry_pc), t.allows_return_values,
                     true, d, f->entry_pc};
}

// The names of the target variables a body reads.
class TargetNames : public Visitor<TargetNames> {
public:
  std::set<std::string> names;
  void visit_target(TargetSymbol *n) {
    names.insert(n->name);
    Visitor::visit_target(n);
  }
};

// The kprobe symbol of a point uses_kernel_dwarf accepts.
std::string kprobe_symbol(const ProbePoint *pp, const ProbeType &t) {
  return pp->kernel_symbol.empty() ? string_arg(pp, t.symbol_component)
                                   : pp->kernel_symbol;
}

// Where probe `p`'s kprobe (placed by uses_kernel_dwarf) fires in
// vmlinux's DWARF, with the variables visible there; nullopt after
// reporting why they are unavailable. Pass 2 gave each point its own
// probe (alias_expansion.cc), so the first point is the place.
std::optional<ProcessSite> kernel_site_of(const ProbeDecl *p,
                                          const ProbeType &t,
                                          SymbolSource &symbols,
                                          Diagnostics &diags) {
  const ProbePoint *pp = p->points[0];
  std::string symbol = kprobe_symbol(pp, t);
  std::string module = string_arg(pp, t.binary_component);
  std::string why;
  const UserDwarf *d = symbols.kernel_dwarf(&why, module);
  auto pc = d ? symbols.kernel_address(symbol, pp->kernel_offset, &why, module)
              : std::nullopt;
  // An inlined copy (kernel_inline_points.h) shows its own variables.
  bool copy = pp->kernel_inline_die != 0;
  auto f = !pc    ? std::nullopt
           : copy ? d->inline_copy_at(pp->kernel_inline_die, *pc)
                  : d->function_containing(*pc);
  if (pc && !f)
    why = copy ? "no DWARF for the inlined copy at its address"
               : "no DWARF function holds its address";
  if (!f) {
    diags.error(DiagId::sem_target_unavailable, pp->loc,
                "target variables at '" + pp->to_string() +
                    "' are unavailable: " + why);
    return std::nullopt;
  }
  ProcessSite site{*f, false, !copy && *pc == f->entry_pc, d, *pc};
  site.kernel = true;
  return site;
}

}  // namespace

bool uses_kernel_dwarf(const ProbeDecl *p, const ProbeType &t,
                       SymbolSource &symbols) {
  if (!t.has_target_vars || t.allows_return_values || p->points.empty())
    return false;
  const ProbePoint *pp = p->points[0];
  bool function = t.symbols == SymbolKind::kernel_function ||
                  t.symbols == SymbolKind::kernel_module_function;
  bool line = t.symbols == SymbolKind::kernel_statement ||
              t.symbols == SymbolKind::kernel_module_statement ||
              (function && (pp->kernel_offset || pp->kernel_inline_die));
  if (line ? pp->kernel_symbol.empty() : !function) return false;
  // module("M"): M's own debuginfo (never a pattern's: pass 2 expanded
  // none).
  std::string module = string_arg(pp, t.binary_component);
  if (has_glob_chars(module)) return false;
  TargetNames uses;
  uses.visit(p->body);
  if (uses.names.empty()) return false;
  // Only then is the debuginfo looked for: a module's is found by
  // walking the release's module tree.
  auto installed = [&] {
    return symbols.missing_kernel_debuginfo(module).empty();
  };
  if (line) return installed();
  // At an entry the BTF prototype has the parameters; the DWARF is
  // needed for what it lacks: locals, $$vars and $$locals.
  std::string fn = kprobe_symbol(pp, t);
  KernelBtf *k = symbols.kernel_btf();
  const struct btf *b = !k               ? nullptr
                        : module.empty() ? k->vmlinux()
                                         : k->module(module);
  auto proto = b ? function_proto(b, fn) : std::nullopt;
  for (const std::string &name : uses.names) {
    if (name == "$$vars" || name == "$$locals") return installed();
    if (name == "$$parms" || name == "$return" || name == "$$return") continue;
    if (!proto || std::none_of(proto->params.begin(), proto->params.end(),
                               [&](const auto &param) {
                                 return "$" + param.first == name;
                               }))
      return installed();
  }
  return false;
}

// A return probe on a uretprobe (a function's or a PLT entry's), which
// saves its entry values; process.syscall.return is no such probe.
bool saves_entry_values(const ProbeType &t) {
  if (!t.is_process || !t.allows_return_values) return false;
  for (const auto &c : t.components)
    if (c.name == "syscall") return false;
  return true;
}

bool has_user_types(const ProbeType &t) {
  return t.is_process && (t.symbols == SymbolKind::process_function ||
                          t.symbols == SymbolKind::process_statement);
}

void resolve_process_targets(Program &program, SymbolSource &symbols,
                             Diagnostics &diags) {
  DwarfFiles files;
  program.probe_targets.resize(program.probes.size());
  program.probe_entry_values.resize(program.probes.size());
  for (size_t i = 0; i < program.probes.size(); ++i) {
    ProbeDecl *p = program.probes[i];
    const ProbeType *t = program.probe_types[i];
    std::optional<ProcessSite> site;
    if (t && uses_kernel_dwarf(p, *t, symbols)) {
      site = kernel_site_of(p, *t, symbols, diags);
      if (!site) continue;
    }
    if (t && has_user_types(*t) && t->has_target_vars && !p->points.empty()) {
      UsesTargets uses;
      uses.visit(p->body);
      // @entry of other values needs no DWARF.
      if (uses.found && (uses.variables || !saves_entry_values(*t))) {
        // Without DWARF a lone $return stays the untyped return register
        // (kernel_target_vars.cc).
        site =
            site_of(p->points[0], *t, symbols, files, uses.only_return, diags);
        if (!site) continue;
      }
    }
    bool saves = t && saves_entry_values(*t);
    std::optional<std::string> binary;
    if (t && has_user_types(*t) && !p->points.empty())
      binary = probed_binary(p->points[0], *t, symbols);
    Resolver r(files, diags, program.probe_targets[i], site ? &*site : nullptr,
               &symbols, binary,
               saves ? &program.probe_entry_values[i] : nullptr);
    r.visit(p->body);
    for (ProbePoint *pp : p->points) r.visit(pp->condition);
  }
  for (FunctionDecl *f : program.functions) {
    if (f->is_embedded || !f->body) continue;
    Resolver r(files, diags, program.function_targets, nullptr);
    r.visit(f->body);
  }
}

}  // namespace stap
