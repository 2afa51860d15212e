// The program half of the privilege pass: probes by their registry entry,
// bodies and functions by what they do, transitively. A construct found in
// a tapset is reported where the user's script reaches it (the call site or
// the probe point), with the tapset location and the call chain as notes.
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "elaborate/format_check.h"
#include "parser/visitor.h"
#include "privilege/invocation_check.h"
#include "privilege/messages.h"
#include "privilege/privilege.h"

namespace stap {

namespace {

// One call on the way to a need. Chains are shared lists whose head is the
// outermost call, so passing a need up through a call costs one node, not a
// copy of the chain.
struct Frame {
  Location site;
  std::string callee;
  std::shared_ptr<const Frame> inner;
};
using Chain = std::shared_ptr<const Frame>;

struct Need {
  Action action;
  Location at;
  std::string what;
  Chain calls;  // outermost first
  std::vector<Note> extra_notes;
};

// The chain innermost first, as it is reported.
std::vector<const Frame *> innermost_first(const Chain &c) {
  std::vector<const Frame *> out;
  for (const Frame *f = c.get(); f; f = f->inner.get()) out.push_back(f);
  return {out.rbegin(), out.rend()};
}

// A construct (or the place it is reported) and the action it needs: what
// needs and reports are told apart by.
using Site = std::tuple<FileId, uint32_t, uint32_t, Action>;
Site site(const Location &at, Action a) { return {at.file, at.begin, at.end, a}; }

// One need per construct and action: a function reaching the same
// construct along two paths keeps the first.
void dedupe(std::vector<Need> &needs) {
  std::set<Site> seen;
  std::erase_if(needs, [&](const Need &n) {
    return !seen.insert(site(n.at, n.action)).second;
  });
}

// Tapset embedded-C functions without a pragma that only read kernel
// memory: allowed from stapsys, where plain embedded C is not. Matched only
// for tapset functions, so a script cannot borrow the name.
bool is_kernel_reader(const std::string &name) {
  // The register and argument readers read the probed context's registers:
  // in a kernel probe, kernel state (the syscall tapset reads its pt_regs
  // pointer with pointer_arg). task_current gives a kernel address, the
  // start of the task_* readers (BTF reads, stapsys themselves).
  static const std::set<std::string> readers = {
      "kernel_long",
      "kernel_int",
      "kernel_short",
      "kernel_char",
      "kernel_pointer",
      "kernel_buffer_quoted",
      "kernel_buffer_quoted_error",
      "task_current",
      "__task_current",  // task_current's untyped half
      "register",
      "long_arg",
      "ulong_arg",
      "int_arg",
      "uint_arg",
      "returnval",
      "is_sig_blocked",
      "get_sa_flags",
      "get_sa_handler",
      // Kernel state without a stapusr meaning, stapsys as in SystemTap:
      // another task's stack, a page's node, fault and NFS status codes,
      // and cpuid() (1.4's cpu()).
      "cpuid",
      "task_backtrace",
      "addr_to_node",
      "vm_fault_contains",
      "nfsderror",
  };
  return readers.count(name) || name.starts_with("kernel_string");
}

// A module naming a user binary by path ("/bin/ls", "./a.out"); headers
// ("<linux/sched.h>", "kernel<...>"), "kernel" and module names are kernel
// memory. Anything unclear counts as kernel memory, the stricter verdict.
bool names_user_binary(const std::string &m) {
  bool path = m.starts_with('/') || m.starts_with("./") || m.starts_with("../");
  return path && m.find('<') == std::string::npos;
}

bool is_target_lvalue(const Expr *e) {
  return e && (e->kind == ExprKind::target || e->kind == ExprKind::cast ||
               e->kind == ExprKind::atvar || e->kind == ExprKind::autocast);
}

std::string lvalue_text(const Expr *e) {
  if (e->kind == ExprKind::target)
    return "target variable '" + static_cast<const TargetSymbol *>(e)->name + "'";
  if (e->kind == ExprKind::cast) return "'@cast' target";
  if (e->kind == ExprKind::autocast) return "'->' target";
  return "'@var' target";
}

class Checker;

// Collects the needs of one body (a probe's or a script function's).
class BodyScan : public Visitor<BodyScan> {
public:
  BodyScan(Checker &c, bool process_context)
      : checker_(c), process_(process_context) {}
  std::vector<Need> needs;

  void visit_assign(AssignExpr *n);
  void visit_incdec(IncDecExpr *n);
  void visit_delete(DeleteStmt *n);
  void visit_cast(CastExpr *n);
  void visit_atvar(AtVarExpr *n);
  void visit_autocast(AutocastExpr *n);
  void visit_at_op(AtOpExpr *n);
  void visit_embedded_expr(EmbeddedExpr *n) {
    add(Action::code_embedded_c, n->loc, "embedded C expression");
  }
  void visit_embedded_stmt(EmbeddedStmt *n) {
    add(Action::code_embedded_c, n->loc, "embedded C block");
  }
  void visit_call(CallExpr *n);
  void visit_print(PrintExpr *n);
  void visit_lvalue(Expr *e);

private:
  void add(Action a, Location at, std::string what) {
    needs.push_back(Need{a, at, std::move(what), {}, {}});
  }
  bool is_procfs_value(const Expr *lhs) const;
  void write_to(Expr *lhs, Location at) {
    if (is_target_lvalue(lhs) && !is_procfs_value(lhs))
      add(Action::code_guru_write, at, "write to " + lvalue_text(lhs));
  }
  Checker &checker_;
  bool process_;
};

class Checker {
public:
  Checker(const Program &p, const PrivilegeRequest &req,
          const SourceManager &sm, Diagnostics &diags, PrivilegeResult &res)
      : program_(p), req_(req), sm_(sm), diags_(diags), res_(res) {
    if (p.script) script_file_ = p.script->file;
  }

  void run();
  const std::vector<Need> &summary(FunctionDecl *f);
  // A place in the user's own files to point at: the script or a user
  // tapset. A script argument's text is user code but no place to point
  // at; its expansion site is.
  bool is_user(const Location &loc) const {
    if (!loc.valid()) return false;
    if (loc.file == script_file_) return true;
    SourceOrigin o = sm_.origin(loc.file);
    return o == SourceOrigin::script || o == SourceOrigin::user_tapset;
  }

  // $value of a procfs read probe: the reader's buffer, not kernel data;
  // setting it is the probe's job, no guru write.
  bool is_procfs_value(const Expr *e) const {
    for (const ProbeTargets &targets : program_.probe_targets) {
      auto it = targets.find(e);
      if (it != targets.end())
        return it->second.base == TargetAccess::Base::procfs_value;
    }
    return false;
  }

private:
  std::vector<Need> scan_body(Stmt *body, Expr *condition, bool process);
  void check_probe(size_t i);
  void check_script_points();
  void check_embedded_code();
  void check_emitted_functions();
  Location user_site(const Location &loc) const;
  Location alias_use_site(const Location &loc) const;
  void emit(const Need &n, Location fallback, const std::string &fallback_what,
            const std::vector<Note> &context_notes);

  const Program &program_;
  const PrivilegeRequest &req_;
  const SourceManager &sm_;
  Diagnostics &diags_;
  PrivilegeResult &res_;
  FileId script_file_ = kNoFile;
  std::map<const FunctionDecl *, std::vector<Need>> summaries_;
  std::set<const FunctionDecl *> in_progress_;
  std::map<std::pair<const Stmt *, bool>, std::vector<Need>> bodies_;
  std::set<Site> reported_;
  // Every construct and action emit() was asked about, granted or not.
  std::set<Site> judged_;
};

bool BodyScan::is_procfs_value(const Expr *lhs) const {
  return checker_.is_procfs_value(lhs);
}

void BodyScan::visit_assign(AssignExpr *n) {
  write_to(n->lhs, n->loc);
  visit_lvalue(n->lhs);
  visit(n->rhs);
}

void BodyScan::visit_incdec(IncDecExpr *n) {
  write_to(n->operand, n->loc);
  visit_lvalue(n->operand);
}

void BodyScan::visit_delete(DeleteStmt *n) {
  write_to(n->target, n->loc);
  visit_lvalue(n->target);
}

// A written @cast/@var is a write (reported above), not also a read; its
// operand and index expressions are still walked.
void BodyScan::visit_lvalue(Expr *e) {
  if (e && e->kind == ExprKind::cast) {
    auto *c = static_cast<CastExpr *>(e);
    visit(c->operand);
    visit_components(c->components);
  } else if (e && e->kind == ExprKind::atvar) {
    visit_components(static_cast<AtVarExpr *>(e)->components);
  } else {
    visit(e);
  }
}

// @cast names the module its type comes from: a path is a user binary (the
// caller's own process), anything else (none, "kernel", a kernel module, a
// <header>) is kernel memory.
void BodyScan::visit_cast(CastExpr *n) {
  if (names_user_binary(n->module))
    add(Action::memory_user_own, n->loc, "'@cast' of user memory");
  else
    add(Action::memory_kernel_read, n->loc,
        "'@cast' of kernel memory (type '" + n->type_name + "')");
  Visitor::visit_cast(n);
}

// `p->field` reads what p points to; whose memory that is cannot be told
// here, so it counts as kernel memory, the stricter verdict.
void BodyScan::visit_autocast(AutocastExpr *n) {
  add(Action::memory_kernel_read, n->loc, "'->' of a pointer value");
  Visitor::visit_autocast(n);
}

// @uderef reads the current process's memory; @kderef kernel memory (and
// needs -g besides, like @kregister and @const: checked at parse).
void BodyScan::visit_at_op(AtOpExpr *n) {
  if (n->op == "uderef")
    add(Action::memory_user_own, n->loc, "'@uderef' of user memory");
  else if (n->op == "kderef")
    add(Action::memory_kernel_read, n->loc, "'@kderef' of kernel memory");
  Visitor::visit_at_op(n);
}

void BodyScan::visit_atvar(AtVarExpr *n) {
  bool user = names_user_binary(n->module) || (n->module.empty() && process_);
  if (user)
    add(Action::memory_user_own, n->loc, "'@var' of user memory");
  else
    add(Action::memory_kernel_read, n->loc,
        "'@var' of kernel variable '" + n->name + "'");
  Visitor::visit_atvar(n);
}

void BodyScan::visit_call(CallExpr *n) {
  Visitor::visit_call(n);
  // The call may run any overload (each falls through to the next).
  for (FunctionDecl *f = n->decl; f; f = f->next_overload)
    for (const Need &inner : checker_.summary(f)) {
      Need copy = inner;
      copy.calls =
          std::make_shared<const Frame>(Frame{n->loc, f->name, inner.calls});
      needs.push_back(std::move(copy));
    }
}

// %m and %M print the memory at an address argument: a kernel memory
// read, asked for at the format (a literal after macro and @N expansion;
// the parser refuses any other format). Should a computed format ever get
// through, the run-time formatter refuses %m and %M unless the module's
// record lists memory.kernel.read (runtime/format.c).
void BodyScan::visit_print(PrintExpr *n) {
  Visitor::visit_print(n);
  if (!n->has_format() || n->args.empty() || !n->args[0]) return;
  Expr *format = n->args[0];
  if (format->kind != ExprKind::string) return;
  for (const std::string &spec :
       memory_conversions(static_cast<StringLit *>(format)->value))
    add(Action::memory_kernel_read, format->loc,
        "'" + spec + "' conversion in format of '" + n->name + "'");
}

std::vector<Need> Checker::scan_body(Stmt *body, Expr *condition,
                                     bool process) {
  auto key = std::make_pair(static_cast<const Stmt *>(body), process);
  if (!condition) {
    auto it = bodies_.find(key);
    if (it != bodies_.end()) return it->second;
  }
  BodyScan scan(*this, process);
  scan.visit(condition);
  scan.visit(body);
  // What the optimizer dropped was still written by the user: a lint
  // reports it, and the module's record stays what the script asks for.
  if (auto it = program_.elided.find(body); it != program_.elided.end())
    for (Expr *e : it->second) scan.visit(e);
  dedupe(scan.needs);
  if (!condition) bodies_[key] = scan.needs;
  return scan.needs;
}

const std::vector<Need> &Checker::summary(FunctionDecl *f) {
  static const std::vector<Need> none;
  if (auto it = summaries_.find(f); it != summaries_.end()) return it->second;
  if (in_progress_.count(f)) return none;  // recursion adds nothing new
  in_progress_.insert(f);
  std::vector<Need> needs;
  Location at = f->name_loc.valid() ? f->name_loc : f->loc;
  if (f->is_embedded) {
    const Pragmas &p = f->pragmas;
    std::string name = "'" + f->name + "'";
    if (!honours_pragmas(*f, sm_)) {
      Need n{Action::code_embedded_c, at, "embedded-C function " + name, {}, {}};
      if (p.unprivileged || p.myproc_unprivileged)
        n.extra_notes.push_back(
            Note{at, "pragmas are honoured only in installed tapsets"});
      needs.push_back(std::move(n));
    } else if (p.guru) {
      needs.push_back({Action::code_guru, at, "guru function " + name, {}, {}});
    } else if (p.myproc_unprivileged) {
      needs.push_back({Action::memory_user_own, at,
                       "own-process function " + name, {}, {}});
      res_.myproc_functions.push_back(f->name);
    } else if (p.unprivileged) {
      // callable by everyone
    } else if (is_kernel_reader(f->name)) {
      needs.push_back({Action::memory_kernel_read, at,
                       "kernel-memory reader " + name, {}, {}});
    } else {
      needs.push_back({Action::code_embedded_c, at,
                       "embedded-C function " + name, {}, {}});
    }
  } else {
    needs = scan_body(f->body, nullptr, false);
  }
  in_progress_.erase(f);
  return summaries_[f] = std::move(needs);
}

// The first place in the user's own files along loc's expansion chain.
Location Checker::user_site(const Location &loc) const {
  if (is_user(loc)) return loc;
  ExpansionId chain = loc.expansion;
  for (int depth = 0; chain != kNoExpansion && depth < 64; ++depth) {
    const Expansion &e = sm_.expansion(chain);
    if (is_user(e.site)) return e.site;
    chain = e.site.expansion != kNoExpansion ? e.site.expansion : e.parent;
  }
  return Location{};
}

// Where the user named the alias a probe point came from: the outermost
// alias expansion site in the user's files (invalid when none). A probe is
// reported where it is used, not where an alias spells it out.
Location Checker::alias_use_site(const Location &loc) const {
  Location out;
  ExpansionId chain = loc.expansion;
  for (int depth = 0; chain != kNoExpansion && depth < 64; ++depth) {
    const Expansion &e = sm_.expansion(chain);
    if (e.kind == ExpansionKind::alias && is_user(e.site)) out = e.site;
    chain = e.site.expansion != kNoExpansion ? e.site.expansion : e.parent;
  }
  return out;
}

// Reports one need unless granted, at the innermost place in the user's
// files: the construct itself, else the call site that reached it, else the
// probe point (`fallback`).
void Checker::emit(const Need &n, Location fallback,
                   const std::string &fallback_what,
                   const std::vector<Note> &context_notes) {
  judged_.insert(site(n.at, n.action));
  res_.required.add(n.action);
  if (res_.granted.contains(n.action)) return;
  res_.allowed = false;

  Location loc;
  std::string what;
  size_t first_frame = 0;  // the first call shown as "called from here"
  std::vector<const Frame *> calls;
  Location direct = user_site(n.at);
  if (direct.valid()) {
    // The construct itself, or where the user's macro or argument put it.
    loc = direct;
    what = n.what;
  } else {
    calls = innermost_first(n.calls);
    while (first_frame < calls.size() &&
           !user_site(calls[first_frame]->site).valid())
      ++first_frame;
    if (first_frame < calls.size()) {
      loc = user_site(calls[first_frame]->site);
      what = "call to function '" + calls[first_frame]->callee + "'";
    } else {
      loc = fallback;
      what = fallback_what;
    }
  }
  // A construct in a user function reached from several places is one
  // violation; report it once (and build its notes only then).
  if (!reported_.insert(site(loc, n.action)).second)
    return;

  std::vector<Note> notes;
  if (direct.valid()) {
    calls = innermost_first(n.calls);
    if (direct.file != n.at.file || direct.begin != n.at.begin)
      notes.push_back(Note{n.at, "required by " + n.what});
  } else {
    notes.push_back(Note{n.at, "required by " + n.what});
    for (size_t i = 0; i < first_frame; ++i)
      notes.push_back(Note{calls[i]->site, "required by call to function '" +
                                               calls[i]->callee + "'"});
    if (first_frame < calls.size()) ++first_frame;  // the report's own site
  }
  constexpr size_t kMaxCallNotes = 16;
  for (size_t i = first_frame; i < calls.size(); ++i) {
    if (i - first_frame == kMaxCallNotes) {
      notes.push_back(Note{Location{}, "(" + std::to_string(calls.size() - i) +
                                           " more calls not shown)"});
      break;
    }
    notes.push_back(Note{calls[i]->site, "function '" + calls[i]->callee +
                                             "' called from here"});
  }
  Diagnostic &d = report_denial(diags_, DiagId::priv_denied, loc, what,
                                n.action, req_.level);
  for (const Note &x : n.extra_notes) d.notes.push_back(x);
  for (Note &x : notes) d.notes.push_back(std::move(x));
  for (const Note &x : context_notes) d.notes.push_back(x);
}

std::string quoted_point(const SourceManager &sm, const Location &loc,
                         const ProbePoint *pp) {
  if (loc.valid() && loc.end > loc.begin)
    return "probe point '" + std::string(sm.text(loc)) + "'";
  return "probe point '" + pp->to_string() + "'";
}

void Checker::check_probe(size_t i) {
  ProbeDecl *p = program_.probes[i];
  const ProbeType *type =
      i < program_.probe_types.size() ? program_.probe_types[i] : nullptr;
  if (p->points.empty()) return;
  ProbePoint *pp = p->points[0];

  // Where the user asked for this probe: their point, or the use of the
  // alias that expanded to it.
  Location where = alias_use_site(pp->loc);
  if (!where.valid()) where = user_site(pp->loc);
  if (!where.valid()) where = user_site(p->loc);
  std::vector<Note> context;
  if (where.valid() && (where.file != pp->loc.file ||
                        where.begin != pp->loc.begin))
    context.push_back(
        Note{pp->loc, "expands to probe point '" + pp->to_string() + "'"});
  for (AliasDecl *a : p->via_aliases) {
    std::string name = a->names.empty() ? "" : a->names[0]->to_string();
    context.push_back(
        Note{a->loc, "through probe alias '" + name + "' defined here"});
  }
  if (!where.valid()) where = pp->loc;
  std::string what = quoted_point(sm_, where, pp);

  bool process = false;
  if (type) {
    process = type->is_process;
    std::optional<Action> a = probe_type_action(*type);
    if (!a) {
      diags_.report(DiagId::internal_error, pp->loc,
                    "probe type '" + type->pattern +
                        "' names unknown privilege action '" + type->action +
                        "'");
      res_.allowed = false;
    } else {
      emit(Need{*a, where, what, {}, {}}, where, what, context);
    }
  }
  for (const Need &n : scan_body(p->body, pp->condition, process))
    emit(n, where, what, context);
}

// The points as the user wrote them, judged by the registry alone, so a
// kernel probe gets its verdict even when its symbols could not be resolved
// (no debuginfo on a lint machine) and elaboration dropped it.
void Checker::check_script_points() {
  if (!program_.script) return;
  const ProbeRegistry &reg = ProbeRegistry::builtin();
  for (ProbeDecl *p : program_.script->probes) {
    for (ProbePoint *pp : p->points) {
      if (pp->components.empty() ||
          !reg.is_builtin_family(pp->components[0].name))
        continue;
      for (const ProbeType *t : reg.match_quiet(*pp)) {
        std::optional<Action> a = probe_type_action(*t);
        if (!a) continue;  // reported by check_probe when it survives
        std::string what = quoted_point(sm_, pp->loc, pp);
        emit(Need{*a, pp->loc, what, {}, {}}, pp->loc, what, {});
      }
    }
  }
}

void Checker::check_embedded_code() {
  auto judge = [&](EmbeddedDecl *e) {
    if (sm_.is_library(e->loc)) return;
    emit(Need{Action::code_embedded_c, e->loc, "embedded C block", {}, {}},
         e->loc, "embedded C block", {});
  };
  for (EmbeddedDecl *e : program_.embeds) judge(e);
  if (!program_.script) return;
  for (EmbeddedDecl *e : program_.script->embeds) judge(e);
  // Embedded-C functions of the script itself, used or not: the definition
  // is the violation, whatever pragma it claims.
  for (FunctionDecl *f : program_.script->functions)
    if (f->is_embedded)
      for (const Need &n : summary(f)) emit(n, n.at, n.what, {});
}

// Every function the module will contain is judged, reached from a probe
// or not (-u keeps unreferenced ones). What the probes already reached was
// judged on the way; the rest is reported at the function's own code, or
// at its call into a tapset.
void Checker::check_emitted_functions() {
  for (FunctionDecl *f : program_.functions)
    for (const Need &n : summary(f))
      if (!judged_.count(site(n.at, n.action)))
        emit(n, n.at, n.what, {});
}

void Checker::run() {
  check_embedded_code();
  for (size_t i = 0; i < program_.probes.size(); ++i) check_probe(i);
  check_script_points();
  check_emitted_functions();
}

}  // namespace

bool honours_pragmas(const FunctionDecl &f, const SourceManager &sm) {
  return sm.is_library(f.loc) &&
         (!f.embedded_loc.valid() || sm.is_library(f.embedded_loc));
}

std::optional<Action> probe_type_action(const ProbeType &t) {
  return action_from_name(t.action);
}

std::string probe_type_privilege_column(const ProbeType &t, Level current) {
  std::optional<Action> a = probe_type_action(t);
  if (!a) return "?";
  std::string out = level_name(lowest_level(*a));
  out += ActionSet::of(current).contains(*a) ? " allowed" : " denied";
  return out;
}

PrivilegeResult check_program(const Program &program,
                              const PrivilegeRequest &req,
                              const SourceManager &sm, Diagnostics &diags) {
  PrivilegeResult res;
  res.level = req.level;
  res.granted = req.granted();
  Checker(program, req, sm, diags, res).run();
  res.own_processes_only =
      (res.required.contains(Action::probe_process_own) ||
       res.required.contains(Action::memory_user_own)) &&
      !res.granted.contains(Action::probe_process_any);
  return res;
}

PrivilegeResult check_privilege(const Program &program,
                                const PrivilegeRequest &req,
                                SourceManager &sm, Diagnostics &diags) {
  ActionSet invocation;
  bool ok = check_invocation(req, sm, diags, &invocation);
  PrivilegeResult res = check_program(program, req, sm, diags);
  res.required.add(invocation);
  res.allowed = res.allowed && ok;
  return res;
}

}  // namespace stap
