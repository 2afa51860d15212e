#include "elaborate/types.h"

#include <map>
#include <set>

#include "elaborate/format_check.h"
#include "elaborate/suggest.h"
#include "parser/visitor.h"

namespace stap {

namespace {

bool known(Type t) { return t != Type::unknown; }

std::string tname(Type t) { return type_name(t); }

// ---------------------------------------------------------------- shapes
// Decides, by first use, whether each variable is an array or a scalar.
class ShapeFinder : public Visitor<ShapeFinder> {
public:
  explicit ShapeFinder(Diagnostics &diags) : diags_(diags) {}

  void declare(VarDecl *d) {
    if (d->is_array || d->size_hint > 0) {
      d->is_array = true;
      first_[d] = d->loc;
    } else if (d->scope != VarScope::global || d->init) {
      first_[d] = d->loc;  // locals and parameters are scalars
    }
  }

  void use(VarDecl *d, bool array, const Location &loc, bool foreach = false) {
    if (!d) return;
    auto it = first_.find(d);
    if (it == first_.end()) {
      d->is_array = array;
      first_[d] = loc;
      // `%` asks arrays to wrap around when full; SystemTap refuses it on
      // a global the script uses as a scalar.
      if (d->wrapping && !array)
        diags_
            .error(DiagId::sem_wrap_scalar, d->loc,
                   "wrapping not supported for scalars: global '" + d->name +
                       "' is declared with '%' but used as a scalar")
            .notes.push_back({loc, "used as a scalar here"});
      return;
    }
    if (d->is_array == array) return;
    if (array) {
      Diagnostic &diag =
          foreach ? diags_.error(DiagId::sem_foreach_scalar, loc,
                                 "cannot iterate with 'foreach' over scalar '" +
                                     d->name + "'")
                  : diags_.error(DiagId::sem_scalar_as_array, loc,
                                 "cannot index scalar '" + d->name + "'");
      diag.notes.push_back({it->second, "'" + d->name + "' is a scalar " +
                                            "because of this"});
    } else {
      Diagnostic &diag = diags_.error(
          DiagId::sem_array_as_scalar, loc,
          "array '" + d->name + "' used as a scalar");
      diag.notes.push_back(
          {it->second, "'" + d->name + "' is an array because of this"});
    }
  }

  void visit_symbol(Symbol *s) { use(s->decl, false, s->loc); }
  void array_base(Expr *base, bool foreach = false) {
    if (base && base->kind == ExprKind::symbol) {
      auto *s = static_cast<Symbol *>(base);
      use(s->decl, true, s->loc, foreach);
    } else {
      visit(base);
    }
  }
  void visit_index(IndexExpr *n) {
    array_base(n->base);
    for (Expr *i : n->indices) visit(i);
  }
  void visit_in(InExpr *n) {
    for (Expr *k : n->keys) visit(k);
    array_base(n->array);
  }
  void visit_foreach(ForeachStmt *n) {
    array_base(n->base, /*foreach=*/true);
    for (Expr *e : n->slice) visit(e);
    if (n->value) visit(n->value);
    for (Symbol *k : n->keys) visit(k);
    visit(n->limit);
    visit(n->body);
  }
  void visit_delete(DeleteStmt *n) {
    // `delete x` clears an array or a scalar alike: no shape.
    if (n->target && n->target->kind == ExprKind::symbol) return;
    visit(n->target);
  }

private:
  Diagnostics &diags_;
  std::map<VarDecl *, Location> first_;
};

// ---------------------------------------------------------------- types
// A place a type is stored: a variable's value, one index of an array, a
// function's return value.
struct Slot {
  Type *type = nullptr;
  const void *owner = nullptr;
  int index = -1;  // -1 value/return, >= 0 array index
  std::string what;  // "variable 'x'"
};

class Inference {
public:
  Inference(Program &p, Diagnostics &diags, bool elide_unused,
            bool targets_resolved)
      : p_(p), diags_(diags), elide_unused_(elide_unused),
        targets_resolved_(targets_resolved) {
    // What pass 2 resolved against the kernel's BTF: a char array reads
    // as a string. A body shared by several probes takes the first.
    for (const ProbeTargets &t : p.probe_targets)
      for (const auto &[e, a] : t) note_resolved(e, a);
    for (const auto &[e, a] : p.function_targets) note_resolved(e, a);
  }
  void note_resolved(const Expr *e, const TargetAccess &a) {
    resolved_.emplace(e, a.type);
    if (a.read == TargetAccess::Read::string) char_arrays_.insert(e);
  }
  // A char array reads as a string, except where a number is wanted
  // (`kernel_string($t->comm)`, arithmetic): there it is its address, as
  // in SystemTap, whose own tapsets pass char arrays to kernel_string().
  std::set<const Expr *> char_arrays_, char_array_addresses_;
  Type char_array_or(const Expr *e, Type want, Type resolved) {
    if (resolved != Type::string || want != Type::long_ ||
        !char_arrays_.count(e))
      return resolved;
    char_array_addresses_.insert(e);
    return Type::long_;
  }
  void apply_char_array_addresses(ProbeTargets &targets) {
    for (auto &[e, a] : targets)
      if (char_array_addresses_.count(e)) {
        a.read = TargetAccess::Read::address;
        a.type = Type::long_;
      }
  }
  std::map<const Expr *, Type> resolved_;
  Type resolved_or(const Expr *e, Type fallback) const {
    auto it = resolved_.find(e);
    return it == resolved_.end() ? fallback : it->second;
  }

  void run() {
    seed_declared();
    for (int round = 0; round < 64; ++round) {
      changed_ = false;
      sweep();
      if (!changed_) break;
    }
    default_never_written();
    for (int round = 0; round < 64; ++round) {
      changed_ = false;
      sweep();
      if (!changed_) break;
    }
    reporting_ = true;
    sweep();  // now with conflicts reported, once each
    for (ProbeTargets &t : p_.probe_targets) apply_char_array_addresses(t);
    apply_char_array_addresses(p_.function_targets);
    // Unknown types after other errors are mostly their echo.
    if (!diags_.has_errors()) report_unknown();
  }

private:
  void seed_declared() {
    for (FunctionDecl *f : p_.functions) {
      if (f->return_type_declared && known(f->return_type))
        origin_[{f, -1}] = f->name_loc.valid() ? f->name_loc : f->loc;
      for (VarDecl *prm : f->params) {
        if (f->is_embedded && !known(prm->type)) prm->type = Type::long_;
        if (known(prm->type)) origin_[{prm, -1}] = prm->loc;
      }
    }
    for (VarDecl *g : p_.globals)
      if (known(g->type)) origin_[{g, -1}] = g->init ? g->init->loc : g->loc;
  }

  void sweep() {
    for (ProbeDecl *pd : p_.probes) {
      if (!swept_bodies_.insert(pd->body).second && !sweep_all_) continue;
      fn_ = nullptr;
      for (ProbePoint *pp : pd->points) condition(pp->condition, "probe condition");
      stmt(pd->body);
    }
    swept_bodies_.clear();
    for (FunctionDecl *f : p_.functions) {
      fn_ = f;
      stmt(f->body);
    }
    fn_ = nullptr;
    for (FunctionDecl *f : p_.functions)
      if (f->next_overload) unify_overloads(f, f->next_overload);
  }

  // A call passes the same arguments to every overload and returns what
  // the one that answered returned: successive overloads share the types
  // of their parameters and of their result.
  void unify_overloads(FunctionDecl *prev, FunctionDecl *next) {
    // `what` names the slot for the message: "returns" or "parameter 1 is".
    auto unify = [&](Slot a, Slot b, const std::string &what) {
      if (set(b, *a.type, next->loc) && set(a, *b.type, next->loc)) return;
      if (!reporting_ || !reported_.insert({next, what}).second) return;
      Diagnostic &d =
          diags_.error(DiagId::sem_overload_mismatch,
                       next->name_loc.valid() ? next->name_loc : next->loc,
                       "overload of function '" + next->name + "': " + what +
                           " " + tname(*b.type) + ", but " + tname(*a.type) +
                           " in its previous definition");
      d.notes.push_back({prev->name_loc.valid() ? prev->name_loc : prev->loc,
                         "previous definition is here"});
    };
    unify({&prev->return_type, prev, -1, ""},
          {&next->return_type, next, -1, ""}, "returns");
    for (size_t i = 0; i < prev->params.size() && i < next->params.size();
         ++i) {
      VarDecl *a = prev->params[i], *b = next->params[i];
      unify({&a->type, a, -1, ""}, {&b->type, b, -1, ""},
            "parameter '" + b->name + "' is");
    }
  }

  bool user_code(const Location &loc) const {
    return loc.valid() && !is_tapset_file(diags_.sources().origin(loc.file));
  }

  // Every variable of the program with the names visible next to it (for
  // "did you mean"): fn(var, neighbours).
  template <typename Fn> void each_variable(Fn fn) {
    std::vector<std::string> global_names;
    for (VarDecl *g : p_.globals) global_names.push_back(g->name);
    auto body = [&](const std::vector<VarDecl *> &locals) {
      std::vector<std::string> names = global_names;
      for (VarDecl *l : locals) names.push_back(l->name);
      for (VarDecl *l : locals) fn(l, names);
    };
    std::set<Block *> seen;
    for (ProbeDecl *pd : p_.probes)
      if (seen.insert(pd->body).second) body(pd->locals);
    for (FunctionDecl *f : p_.functions) body(f->locals);
    for (VarDecl *g : p_.globals) fn(g, global_names);
  }

  // Variables read but never written read as 0: warn. Their type still has
  // to come from their uses (as in SystemTap); report_unknown() catches
  // those whose uses never give one.
  void default_never_written() {
    each_variable([&](VarDecl *v, const std::vector<std::string> &names) {
      if (!v->read || v->written) return;
      if (user_code(v->loc)) {
        std::string msg = std::string(v->scope == VarScope::global ? "global"
                                                                   : "local") +
                          " variable '" + v->name + "' is read but never assigned";
        std::string near = closest_name(v->name, names);
        if (!near.empty()) msg += "; did you mean '" + near + "'?";
        diags_.report(DiagId::sem_never_written, v->loc, msg);
      }
    });
  }

  // No type from any use: `x = f()` where f returns nothing, or a
  // never-assigned `y` only passed around (`f(y)`).
  void report_unknown() {
    each_variable([&](VarDecl *v, const std::vector<std::string> &) {
      if (!(v->written || v->read) || known(v->type)) return;
      diags_.error(DiagId::sem_type_unknown, v->loc,
                   "cannot infer a type for " +
                       std::string(v->is_array ? "array" : "variable") + " '" +
                       v->name + "'");
    });
  }

  // ---- slots
  bool set(Slot s, Type t, const Location &where) {
    if (!s.type || !known(t)) return true;
    if (!known(*s.type)) {
      *s.type = t;
      origin_[{s.owner, s.index}] = where;
      changed_ = true;
      return true;
    }
    return *s.type == t;
  }

  void note_origin(Diagnostic &d, const Slot &s) {
    auto it = origin_.find({s.owner, s.index});
    if (it != origin_.end())
      d.notes.push_back({it->second, s.what + " inferred as " +
                                         tname(*s.type) + " here"});
  }

  Diagnostic *error(DiagId id, const Node *at, const std::string &msg) {
    if (!reporting_ || !reported_.insert({at, msg}).second) return nullptr;
    return &diags_.error(id, at->loc, msg);
  }

  // The slot an expression reads, when it reads one.
  Slot slot_of(Expr *e) {
    if (!e) return {};
    if (e->kind == ExprKind::symbol) {
      VarDecl *d = static_cast<Symbol *>(e)->decl;
      if (d && !d->is_array)
        return {&d->type, d, -1, "variable '" + d->name + "'"};
    }
    if (e->kind == ExprKind::index) {
      auto *ix = static_cast<IndexExpr *>(e);
      if (ix->base && ix->base->kind == ExprKind::symbol) {
        VarDecl *d = static_cast<Symbol *>(ix->base)->decl;
        if (d && d->is_array)
          return {&d->type, d, -1, "array '" + d->name + "'"};
      }
    }
    if (e->kind == ExprKind::call) {
      FunctionDecl *f = static_cast<CallExpr *>(e)->decl;
      if (f)
        return {&f->return_type, f, -1,
                "return value of function '" + f->name + "'"};
    }
    return {};
  }

  // Infers e's type, pushing `want` into e's slot when that is unknown.
  Type expr(Expr *e, Type want = Type::unknown) {
    if (!e) return Type::unknown;
    Type t = infer(e, want);
    if (!known(t) && known(want)) {
      Slot s = slot_of(e);
      if (s.type && set(s, want, e->loc)) t = *s.type;
    }
    if (known(t)) e->type = t;
    return t;
  }

  // Infers e and requires `want`; `context` starts the message.
  Type expect(Expr *e, Type want, const std::string &context) {
    Type t = expr(e, want);
    if (known(t) && known(want) && t != want) {
      Slot s = slot_of(e);
      if (Diagnostic *d = error(DiagId::sem_type_conflict, e,
                                context + ": expected " + tname(want) +
                                    ", got " + tname(t)))
        if (s.type) note_origin(*d, s);
    }
    return t;
  }

  void condition(Expr *e, const char *what) {
    if (e) expect(e, Type::long_, std::string("invalid ") + what);
  }

  // Unifies two expressions that must have one type (comparison, ternary
  // branches, assignment); returns the common type.
  Type same(Expr *a, Expr *b, const std::string &context) {
    Type ta = expr(a);
    Type tb = expr(b, ta);
    if (!known(ta) && known(tb)) ta = expr(a, tb);
    if (known(ta) && known(tb) && ta != tb) {
      Slot s = slot_of(a);
      if (!s.type) s = slot_of(b);
      if (Diagnostic *d = error(DiagId::sem_type_conflict, b,
                                context + ": " + tname(ta) + " vs " +
                                    tname(tb)))
        if (s.type) note_origin(*d, s);
    }
    return known(ta) ? ta : tb;
  }

  void indices(VarDecl *d, const std::vector<Expr *> &idx, const Node *at) {
    if (!d || !d->is_array) {
      for (Expr *i : idx) expr(i);
      return;
    }
    if (d->index_types.empty() && !idx.empty()) {
      d->index_types.assign(idx.size(), Type::unknown);
      origin_[{d, -100}] = at->loc;
      changed_ = true;
    }
    if (d->index_types.size() != idx.size()) {
      if (Diagnostic *diag = error(
              DiagId::sem_array_index_count, at,
              "wrong number of indices for array '" + d->name +
                  "': expected " + std::to_string(d->index_types.size()) +
                  ", got " + std::to_string(idx.size()))) {
        auto it = origin_.find({d, -100});
        if (it != origin_.end())
          diag->notes.push_back({it->second, "'" + d->name + "' indexed with " +
                                                 std::to_string(d->index_types.size()) +
                                                 " here"});
      }
      for (Expr *i : idx) expr(i);
      return;
    }
    for (size_t k = 0; k < idx.size(); ++k) {
      if (!idx[k]) continue;  // `*` wildcard
      Slot s{&d->index_types[k], d, static_cast<int>(k),
             "index " + std::to_string(k + 1) + " of array '" + d->name + "'"};
      Type t = expr(idx[k], d->index_types[k]);
      if (!set(s, t, idx[k]->loc))
        if (Diagnostic *diag = error(
                DiagId::sem_type_conflict, idx[k],
                "type conflict for " + s.what + ": " + tname(t) +
                    " here, but " + tname(d->index_types[k]) + " elsewhere"))
          note_origin(*diag, s);
    }
  }

  VarDecl *array_of(Expr *base) {
    if (base && base->kind == ExprKind::symbol)
      return static_cast<Symbol *>(base)->decl;
    return nullptr;
  }

  Type target_type(PrettySuffix pretty, const std::string &name) {
    if (pretty != PrettySuffix::none) return Type::string;
    if (name.rfind("$$", 0) == 0) return Type::string;
    return targets_resolved_ ? Type::long_ : Type::unknown;
  }

  Type infer(Expr *e, Type want) {
    switch (e->kind) {
    case ExprKind::number: return Type::long_;
    case ExprKind::string: return Type::string;
    case ExprKind::symbol: {
      VarDecl *d = static_cast<Symbol *>(e)->decl;
      if (!d || d->is_array) return Type::unknown;
      return d->type;
    }
    case ExprKind::target: {
      auto *t = static_cast<TargetSymbol *>(e);
      for (auto &c : t->components) expect(c.index, Type::long_, "invalid index");
      return t->address_of
                 ? Type::long_
                 : char_array_or(
                       e, want,
                       resolved_or(e, target_type(t->pretty, t->name)));
    }
    case ExprKind::cast: {
      auto *c = static_cast<CastExpr *>(e);
      expect(c->operand, Type::long_, "invalid operand to '@cast'");
      for (auto &k : c->components) expect(k.index, Type::long_, "invalid index");
      return c->address_of
                 ? Type::long_
                 : char_array_or(e, want,
                                 resolved_or(e, target_type(c->pretty, "")));
    }
    case ExprKind::atvar: {
      auto *a = static_cast<AtVarExpr *>(e);
      for (auto &k : a->components) expect(k.index, Type::long_, "invalid index");
      return a->address_of ? Type::long_ : target_type(a->pretty, "");
    }
    case ExprKind::at_op: {
      auto *a = static_cast<AtOpExpr *>(e);
      for (Expr *arg : a->args)
        if (arg->kind != ExprKind::string)
          expect(arg, Type::long_, "invalid operand to '@" + a->op + "'");
      return Type::long_;
    }
    case ExprKind::autocast: {
      // SystemTap gives `->` the C type of what the operand holds
      // (kernel_target_vars.cc resolves it, or reports why not).
      auto *a = static_cast<AutocastExpr *>(e);
      expect(a->operand, Type::long_, "invalid operand to '->'");
      for (auto &k : a->components) expect(k.index, Type::long_, "invalid index");
      return a->address_of
                 ? Type::long_
                 : char_array_or(e, want,
                                 resolved_or(e, target_type(a->pretty, "")));
    }
    case ExprKind::entry:
      return resolved_or(e, expr(static_cast<EntryExpr *>(e)->operand, want));
    case ExprKind::defined:
      expr(static_cast<DefinedExpr *>(e)->operand);
      return Type::long_;
    case ExprKind::probewrite: {
      auto *w = static_cast<ProbeWriteExpr *>(e);
      if (w->written < 0) expr(w->operand);  // else a constant
      return Type::long_;
    }
    case ExprKind::unary: {
      auto *u = static_cast<UnaryExpr *>(e);
      expect(u->operand, Type::long_, "invalid operand to '" + u->op + "'");
      return Type::long_;
    }
    case ExprKind::incdec: {
      auto *u = static_cast<IncDecExpr *>(e);
      expect(u->operand, Type::long_,
             std::string("invalid operand to '") + (u->increment ? "++" : "--") +
                 "'");
      return Type::long_;
    }
    case ExprKind::binary: {
      auto *b = static_cast<BinaryExpr *>(e);
      expect(b->lhs, Type::long_, "invalid operand to '" + b->op + "'");
      expect(b->rhs, Type::long_, "invalid operand to '" + b->op + "'");
      return Type::long_;
    }
    case ExprKind::logical: {
      auto *b = static_cast<LogicalExpr *>(e);
      expect(b->lhs, Type::long_, "invalid operand to '" + b->op + "'");
      expect(b->rhs, Type::long_, "invalid operand to '" + b->op + "'");
      return Type::long_;
    }
    case ExprKind::compare: {
      auto *c = static_cast<CompareExpr *>(e);
      Type t = same(c->lhs, c->rhs, "cannot compare with '" + c->op + "'");
      if (t == Type::stats)
        error(DiagId::sem_type_conflict, e,
              "cannot compare statistics with '" + c->op + "'");
      return Type::long_;
    }
    case ExprKind::regex: {
      auto *r = static_cast<RegexExpr *>(e);
      expect(r->lhs, Type::string, "invalid operand to regular expression match");
      return Type::long_;
    }
    case ExprKind::concat: {
      auto *c = static_cast<ConcatExpr *>(e);
      expect(c->lhs, Type::string, "invalid operand to '.'");
      expect(c->rhs, Type::string, "invalid operand to '.'");
      return Type::string;
    }
    case ExprKind::ternary: {
      auto *t = static_cast<TernaryExpr *>(e);
      condition(t->cond, "condition");
      Type a = expr(t->then_expr, want);
      Type b = expr(t->else_expr, known(a) ? a : want);
      if (!known(a) && known(b)) a = expr(t->then_expr, b);
      if (known(a) && known(b) && a != b)
        error(DiagId::sem_type_conflict, t->else_expr,
              "branches of '?:' differ: " + tname(a) + " vs " + tname(b));
      return known(a) ? a : b;
    }
    case ExprKind::assign: return assign(static_cast<AssignExpr *>(e));
    case ExprKind::index: {
      auto *ix = static_cast<IndexExpr *>(e);
      if (ix->base && ix->base->kind == ExprKind::hist) {
        expr(ix->base);
        for (Expr *i : ix->indices) expect(i, Type::long_, "invalid histogram bucket");
        return Type::long_;
      }
      VarDecl *d = array_of(ix->base);
      indices(d, ix->indices, e);
      if (!d || !d->is_array) return Type::unknown;
      return d->type;
    }
    case ExprKind::in: {
      auto *in = static_cast<InExpr *>(e);
      indices(in->array ? in->array->decl : nullptr, in->keys, e);
      return Type::long_;
    }
    case ExprKind::call: return call(static_cast<CallExpr *>(e));
    case ExprKind::print: {
      auto *p = static_cast<PrintExpr *>(e);
      // A literal format says what each argument is (mismatches are
      // format_check's to report, with the conversion named).
      std::vector<Type> wanted;
      if (p->has_format() && !p->args.empty() && p->args[0] &&
          p->args[0]->kind == ExprKind::string &&
          (!format_argument_types(static_cast<StringLit *>(p->args[0])->value,
                                  &wanted) ||
           wanted.size() != p->args.size() - 1))
        wanted.clear();
      for (size_t i = 0; i < p->args.size(); ++i) {
        Type want = p->has_format() && i > 0 && i - 1 < wanted.size()
                        ? wanted[i - 1]
                        : Type::unknown;
        if (i == 0 && p->has_format())
          expect(p->args[i], Type::string, "invalid format for '" + p->name + "'");
        else if (expr(p->args[i], want) == Type::stats)
          error(DiagId::sem_type_conflict, p->args[i],
                "cannot print a statistic; extract a value with @count, "
                "@sum, ...");
      }
      return p->is_sprint() ? Type::string : Type::unknown;
    }
    case ExprKind::stat: {
      auto *s = static_cast<StatExpr *>(e);
      stat_operand(s->operand, "@" + s->op);
      return Type::long_;
    }
    case ExprKind::hist: {
      auto *h = static_cast<HistExpr *>(e);
      stat_operand(h->operand, h->linear ? "@hist_linear" : "@hist_log");
      for (Expr *prm : h->params) expect(prm, Type::long_, "invalid histogram parameter");
      return Type::unknown;
    }
    case ExprKind::embedded_expr: {
      auto *x = static_cast<EmbeddedExpr *>(e);
      return x->code.find("/* string */") != std::string::npos ? Type::string
                                                               : Type::long_;
    }
    }
    return Type::unknown;
  }

  void stat_operand(Expr *operand, const std::string &op) {
    if (operand && operand->kind == ExprKind::symbol) {
      VarDecl *d = static_cast<Symbol *>(operand)->decl;
      if (d && d->scope != VarScope::global &&
          (!known(d->type) || d->type == Type::stats)) {
        // Once per variable, at its first use.
        error(DiagId::sem_bad_context, d,
              "statistics need a global variable; '" + d->name +
                  "' is a " + (d->scope == VarScope::param ? "parameter" : "local"));
        return;
      }
    }
    Type t = expr(operand, Type::stats);
    if (known(t) && t != Type::stats) {
      Slot s = slot_of(operand);
      if (Diagnostic *d = error(
              DiagId::sem_not_stat, operand,
              "'" + op + "' needs a statistic, but " +
                  (s.type ? s.what : std::string("the operand")) + " is " +
                  tname(t)))
        if (s.type) note_origin(*d, s);
    }
  }

  Type assign(AssignExpr *a) {
    const std::string &op = a->op;
    if (op == "<<<") {
      // An elided `x <<< v` on a local still gives x a type to drop it
      // with; a parameter keeps the type its callers give it.
      if (a == elidable_) {
        if (!is_param(a->lhs)) expr(a->lhs, Type::stats);
      } else {
        stat_operand(a->lhs, "<<<");
      }
      expect(a->rhs, Type::long_, "invalid value for '<<<'");
      return Type::long_;
    }
    if (op == "=") {
      Type lt = expr(a->lhs);
      if (lt == Type::stats) {
        Slot s = slot_of(a->lhs);
        if (Diagnostic *d = error(
                DiagId::sem_stat_assign, a,
                "cannot assign to statistic " +
                    (s.type ? s.what : std::string("value")) +
                    " with '='; use '<<<'"))
          if (s.type) note_origin(*d, s);
        expr(a->rhs);
        return Type::stats;
      }
      Type rt = expr(a->rhs, lt);
      if (!known(lt) && known(rt)) lt = expr(a->lhs, rt);
      if (known(lt) && known(rt) && lt != rt && a != elidable_) {
        Slot s = slot_of(a->lhs);
        if (Diagnostic *d = error(
                DiagId::sem_type_conflict, a->rhs,
                "cannot assign " + tname(rt) + " to " +
                    (s.type ? s.what : std::string("a value")) + " of type " +
                    tname(lt)))
          if (s.type) note_origin(*d, s);
      }
      return known(lt) ? lt : rt;
    }
    Type want = op == ".=" ? Type::string : Type::long_;
    expect(a->lhs, want, "invalid target of '" + op + "'");
    expect(a->rhs, want, "invalid operand to '" + op + "'");
    return want;
  }

  Type call(CallExpr *c) {
    FunctionDecl *f = c->decl;
    if (!f) {
      for (Expr *a : c->args) expr(a);
      return Type::unknown;
    }
    for (size_t i = 0; i < c->args.size() && i < f->params.size(); ++i) {
      VarDecl *prm = f->params[i];
      Slot s{&prm->type, prm, -1,
             "parameter '" + prm->name + "' of function '" + f->name + "'"};
      Type t = expr(c->args[i], prm->type);
      if (!set(s, t, c->args[i]->loc))
        if (Diagnostic *d = error(
                DiagId::sem_type_conflict, c->args[i],
                "argument " + std::to_string(i + 1) + " to function '" +
                    f->name + "' is " + tname(t) + ", but " + s.what +
                    " is " + tname(prm->type)))
          note_origin(*d, s);
    }
    return f->return_type;
  }

  void stmt(Stmt *s) {
    if (!s) return;
    switch (s->kind) {
    case StmtKind::block:
      for (Stmt *x : static_cast<Block *>(s)->stmts) stmt(x);
      return;
    case StmtKind::expr: {
      Expr *e = static_cast<ExprStmt *>(s)->expr;
      // `x = value` (or `x <<< value`) with a local x nobody reads: the
      // optimizer elides the statement, so (as SystemTap, which elides
      // first) its type may disagree with x's other assignments.
      if (elide_unused_ && e && e->kind == ExprKind::assign &&
          (static_cast<AssignExpr *>(e)->op == "=" ||
           static_cast<AssignExpr *>(e)->op == "<<<") &&
          is_unused_local(static_cast<AssignExpr *>(e)->lhs))
        elidable_ = static_cast<AssignExpr *>(e);
      expr(e);
      elidable_ = nullptr;
      return;
    }
    case StmtKind::if_: {
      auto *n = static_cast<IfStmt *>(s);
      condition(n->cond, "condition");
      stmt(n->then_stmt);
      stmt(n->else_stmt);
      return;
    }
    case StmtKind::while_: {
      auto *n = static_cast<WhileStmt *>(s);
      condition(n->cond, "condition");
      stmt(n->body);
      return;
    }
    case StmtKind::for_: {
      auto *n = static_cast<ForStmt *>(s);
      stmt(n->init);
      condition(n->cond, "condition");
      stmt(n->step);
      stmt(n->body);
      return;
    }
    case StmtKind::foreach: foreach(static_cast<ForeachStmt *>(s)); return;
    case StmtKind::return_: ret(static_cast<ReturnStmt *>(s)); return;
    case StmtKind::delete_: {
      auto *n = static_cast<DeleteStmt *>(s);
      if (n->target && n->target->kind == ExprKind::index) {
        auto *ix = static_cast<IndexExpr *>(n->target);
        indices(array_of(ix->base), ix->indices, ix);
      }
      return;
    }
    case StmtKind::try_: {
      auto *n = static_cast<TryStmt *>(s);
      stmt(n->try_block);
      if (n->catch_var) expect(n->catch_var, Type::string, "invalid catch variable");
      stmt(n->catch_block);
      return;
    }
    default: return;
    }
  }

  void foreach(ForeachStmt *n) {
    if (n->base && n->base->kind == ExprKind::hist) {
      expr(n->base);
      for (Symbol *k : n->keys) expect(k, Type::long_, "invalid histogram key");
      if (n->value) expect(n->value, Type::long_, "invalid histogram count");
    } else {
      VarDecl *d = array_of(n->base);
      std::vector<Expr *> keys(n->keys.begin(), n->keys.end());
      // A slice is checked like an index; then the keys must match it.
      if (!n->slice.empty()) indices(d, n->slice, n);
      if (n->slice.empty() || !d || !d->is_array)
        indices(d, keys, n);
      else if (n->slice.size() != d->index_types.size())
        ;  // reported by indices() above
      else if (n->slice.size() != keys.size())
        error(DiagId::sem_array_index_count, n,
              "'foreach' names " + std::to_string(keys.size()) +
                  " key(s) but slices array '" + d->name + "' with " +
                  std::to_string(n->slice.size()));
      else
        indices(d, keys, n);
      if (d && d->is_array && !n->sort_aggregate.empty() && known(d->type) &&
          d->type != Type::stats)
        error(DiagId::sem_not_stat, n,
              "'foreach' sorts by '@" + n->sort_aggregate + "' but array '" +
                  d->name + "' holds " + tname(d->type) +
                  " values, not statistics");
      if (d && d->is_array) {
        if (n->value && d->type != Type::stats) {
          Type t = expr(n->value, d->type);
          Slot s{&d->type, d, -1, "array '" + d->name + "'"};
          if (!set(s, t, n->value->loc))
            if (Diagnostic *diag = error(
                    DiagId::sem_type_conflict, n->value,
                    "type conflict for array '" + d->name + "' value: " +
                        tname(t) + " here, but " + tname(d->type) + " elsewhere"))
              note_origin(*diag, s);
        }
      }
    }
    if (n->limit) expect(n->limit, Type::long_, "invalid 'limit'");
    stmt(n->body);
  }

  void ret(ReturnStmt *r) {
    if (!fn_ || !r->value) {
      if (r->value) expr(r->value);
      return;
    }
    Slot s{&fn_->return_type, fn_, -1,
           "return value of function '" + fn_->name + "'"};
    Type t = expr(r->value, fn_->return_type);
    if (!set(s, t, r->value->loc))
      if (Diagnostic *d = error(
              DiagId::sem_type_conflict, r->value,
              "function '" + fn_->name + "' returns " + tname(t) +
                  " here, but " + tname(fn_->return_type) + " elsewhere"))
        note_origin(*d, s);
  }

  Program &p_;
  Diagnostics &diags_;
  FunctionDecl *fn_ = nullptr;
  // A local or parameter nobody reads (the optimizer drops writes to it).
  static bool is_unused_local(const Expr *lhs) {
    if (!lhs || lhs->kind != ExprKind::symbol) return false;
    const VarDecl *d = static_cast<const Symbol *>(lhs)->decl;
    return d && d->scope != VarScope::global && !d->read && !d->is_array;
  }
  static bool is_param(const Expr *lhs) {
    const VarDecl *d = static_cast<const Symbol *>(lhs)->decl;
    return d && d->scope == VarScope::param;
  }
  bool elide_unused_ = false;
  bool targets_resolved_ = true;
  AssignExpr *elidable_ = nullptr;  // the statement being typed, if elided
  bool changed_ = false;
  bool reporting_ = false;
  bool sweep_all_ = false;
  std::map<std::pair<const void *, int>, Location> origin_;
  std::set<std::pair<const Node *, std::string>> reported_;
  std::set<Block *> swept_bodies_;
};

}  // namespace

void infer_types(Program &program, Diagnostics &diags, bool elide_unused,
                 bool targets_resolved) {
  ShapeFinder shapes(diags);
  for (VarDecl *g : program.globals) shapes.declare(g);
  std::set<Block *> seen;
  for (ProbeDecl *pd : program.probes) {
    if (!seen.insert(pd->body).second) continue;
    for (VarDecl *l : pd->locals) shapes.declare(l);
    for (ProbePoint *pp : pd->points) shapes.visit(pp->condition);
    shapes.visit(pd->body);
  }
  for (FunctionDecl *f : program.functions) {
    for (VarDecl *prm : f->params) shapes.declare(prm);
    for (VarDecl *l : f->locals) shapes.declare(l);
    shapes.visit(f->body);
  }
  Inference(program, diags, elide_unused, targets_resolved).run();
}

}  // namespace stap
