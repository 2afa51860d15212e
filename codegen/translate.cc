// Pass 3: the program as one C translation unit on the runtime's API
// (runtime/stap_runtime.h). Layout of the output, in order:
//   prelude (features, -D limits via kbuild, the runtime API)
//   frame structs and their union          (locals live per CPU, by depth)
//   globals and their locks
//   function prototypes, functions, probe handlers
//   provider tables, the privilege record, the runtime itself
#include "codegen/translate.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "codegen/body_emitter.h"
#include "codegen/frame.h"
#include "parser/visitor.h"
#include "privilege/privilege.h"
#include "probes/c_writer.h"
#include "probes/family.h"

namespace stap {

namespace {

// Which globals a body reads or writes, including through the functions
// it calls: the probe takes all their locks up front.
class GlobalUse : public Visitor<GlobalUse> {
public:
  std::map<const VarDecl *, bool> used;  // global -> written
  std::set<const FunctionDecl *> seen;

  void visit_symbol(Symbol *s) {
    if (s->decl && s->decl->scope == VarScope::global) used.emplace(s->decl, false);
  }
  void mark_written(Expr *e) {
    while (e && e->kind == ExprKind::index) e = static_cast<IndexExpr *>(e)->base;
    if (e && e->kind == ExprKind::symbol) {
      auto *s = static_cast<Symbol *>(e);
      if (s->decl && s->decl->scope == VarScope::global) used[s->decl] = true;
    }
  }
  void visit_assign(AssignExpr *a) {
    // `s <<< v` and `a[k] <<< v` add to this CPU's own buckets or map: a
    // read lock suffices, so probes on many CPUs do not serialise.
    bool per_cpu = a->op == "<<<";
    if (!per_cpu) mark_written(a->lhs);
    Visitor::visit_assign(a);
  }
  void visit_incdec(IncDecExpr *e) {
    mark_written(e->operand);
    Visitor::visit_incdec(e);
  }
  void visit_delete(DeleteStmt *d) {
    mark_written(d->target);
    Visitor::visit_delete(d);
  }
  void visit_call(CallExpr *c) {
    Visitor::visit_call(c);
    for (FunctionDecl *f = c->decl; f; f = f->next_overload)
      if (seen.insert(f).second) visit(f->body);
  }
  // Extracting from a statistic aggregates into its shared buffer, and a
  // sorted foreach reorders the map's list: both write.
  void visit_stat(StatExpr *e) {
    mark_written(e->operand);
    Visitor::visit_stat(e);
  }
  void visit_hist(HistExpr *h) {
    mark_written(h->operand);
    Visitor::visit_hist(h);
  }
  void visit_foreach(ForeachStmt *f) {
    if (f->sort_column != 0) mark_written(f->base);
    Visitor::visit_foreach(f);
  }
};

// What the runtime keeps per statistic global: the histogram it is drawn
// as (buckets of one flavour; pass 2 checked they all agree, so the first
// one found stands for all), whether anything reads its variance (else
// each <<< skips that arithmetic, a division), and the bit shift of its
// @variance (one per variable, also checked).
class StatUse : public Visitor<StatUse> {
public:
  std::map<const VarDecl *, const HistExpr *> flavour;
  std::set<const VarDecl *> variance_read;
  std::map<const VarDecl *, int64_t> variance_shift;
  void visit_hist(HistExpr *h) {
    if (const VarDecl *g = statistic_of(h->operand)) flavour.emplace(g, h);
    Visitor::visit_hist(h);
  }
  void visit_stat(StatExpr *e) {
    const VarDecl *g = statistic_of(e->operand);
    if (g && e->op == "variance") variance_read.insert(g);
    if (g && e->op == "variance" && e->shift.value_or(0) > 0)
      variance_shift.emplace(g, *e->shift);
    Visitor::visit_stat(e);
  }
  void visit_foreach(ForeachStmt *f) {
    const VarDecl *g = statistic_of(f->base);
    if (g && f->sort_aggregate == "variance") variance_read.insert(g);
    Visitor::visit_foreach(f);
  }

private:
  static const VarDecl *statistic_of(Expr *base) {
    if (base && base->kind == ExprKind::index)
      base = static_cast<IndexExpr *>(base)->base;
    if (base && base->kind == ExprKind::symbol)
      return static_cast<Symbol *>(base)->decl;
    return nullptr;
  }
};

// The files whose mappings target expressions look up at run time
// (TargetAccess::Base::module_address), each once.
std::vector<std::string> mapped_files(const Program &prog) {
  std::set<std::string> files;
  auto add = [&](const ProbeTargets &targets) {
    for (const auto &[expr, access] : targets) {
      if (access.base == TargetAccess::Base::module_address)
        files.insert(access.text);
      for (const TargetAccess::Part &p : access.parts)
        if (p.access.base == TargetAccess::Base::module_address)
          files.insert(p.access.text);
    }
  };
  for (const ProbeTargets &t : prog.probe_targets) add(t);
  add(prog.function_targets);
  return {files.begin(), files.end()};
}

// INT64_MIN has no literal of its own in C.
std::string long_init(long long v) {
  if (v == INT64_MIN) return "(-9223372036854775807LL - 1)";
  return std::to_string(v) + "LL";
}

class Translator {
public:
  Translator(const Program &p, const TranslateOptions &o, const SourceManager &sm,
             Diagnostics &d)
      : prog_(p), opts_(o), sm_(sm), diags_(d) {}

  std::string run();
  // Filled by run(): Translation::function_locations.
  std::map<std::string, Location> function_locations;

private:
  void declare_globals();
  void declare_aggregate(const VarDecl *g, const std::string &name);
  std::string stat_desc(const VarDecl *g, const std::string &name);
  void declare_functions();
  void emit_function(const FunctionDecl *fn);
  void emit_probe(size_t index);
  std::map<const Expr *, std::string> emit_entry_half(size_t index);
  bool acquire_locks(const GlobalUse &use);
  void emit_tables();
  std::string global_initializer(const VarDecl *g);

  const Program &prog_;
  const TranslateOptions &opts_;
  const SourceManager &sm_;
  Diagnostics &diags_;
  ProgramSymbols sym_;
  std::vector<std::unique_ptr<Frame>> frames_;
  CWriter globals_, protos_, bodies_, init_, free_, regex_tables_;
  StatUse stats_;
  std::vector<std::string> probe_names_;  // C name of each stp_probe
  // Each probe's entry half: its stp_probe and struct, or empty.
  std::vector<std::pair<std::string, std::string>> entry_names_;
  bool failed_ = false;
};

// -G values are already the globals' initialisers: pass 2 applied them,
// with its one rule for what is a number (apply_global_inits).
std::string Translator::global_initializer(const VarDecl *g) {
  if (g->init) {
    if (g->init->kind == ExprKind::number)
      return long_init(static_cast<const NumberLit *>(g->init)->value);
    if (g->init->kind == ExprKind::string)
      return c_string_literal(static_cast<const StringLit *>(g->init)->value);
  }
  return "";
}

void Translator::declare_globals() {
  for (const VarDecl *g : prog_.globals) {
    std::string name = "g_" + c_ident(g->name);
    sym_.globals[g] = name;
    globals_.comment(sm_.describe(g->loc) + ": global " + g->name);
    if (g->is_array || g->type == Type::stats) {
      declare_aggregate(g, name);
      continue;
    }
    std::string init = global_initializer(g);
    if (g->type == Type::string)
      globals_.line("static char " + name + "[MAXSTRINGLEN]" +
                    (init.empty() ? "" : " = " + init) + ";");
    else
      globals_.line("static s64 " + name + (init.empty() ? "" : " = " + init) + ";");
    globals_.line("static DEFINE_RWLOCK(" + name + "_lock);");
  }
}

std::string Translator::stat_desc(const VarDecl *g, const std::string &name) {
  std::string desc = "{ .hist = STP_HIST_NONE }";
  auto it = stats_.flavour.find(g);
  if (it != stats_.flavour.end()) {
    const HistExpr *h = it->second;
    if (!h->linear) {
      desc = "{ .hist = STP_HIST_LOG }";
    } else {
      std::string p[3];
      for (size_t i = 0; i < 3; ++i)
        p[i] = i < h->params.size() && h->params[i]->kind == ExprKind::number
                   ? std::to_string(static_cast<const NumberLit *>(h->params[i])->value)
                   : "0";
      desc = "{ .hist = STP_HIST_LINEAR, .start = " + p[0] + ", .stop = " + p[1] +
             ", .interval = " + p[2] + " }";
    }
  }
  auto shift = stats_.variance_shift.find(g);
  if (shift != stats_.variance_shift.end())
    desc.insert(desc.size() - 2, ", .shift = " + std::to_string(shift->second));
  if (!stats_.variance_read.count(g))
    desc.insert(desc.size() - 2, ", .no_variance = true");
  sym_.stat_descs[g] = name + "_stat";
  return desc;
}

void Translator::declare_aggregate(const VarDecl *g, const std::string &name) {
  std::string stat = g->type == Type::stats ? stat_desc(g, name) : "";
  if (!g->is_array) {
    // A scalar statistic: per-CPU buckets, aggregated on extraction.
    globals_.line("static const struct stp_stat_desc " + name + "_stat = " + stat + ";");
    globals_.line("static struct stp_pstat " + name + ";");
    init_.line("if (stp_pstat_init(&" + name + ", &" + name + "_stat)) return -ENOMEM;");
    free_.line("stp_pstat_free(&" + name + ");");
  } else {
    std::string keys;
    for (Type t : g->index_types)
      keys += std::string(keys.empty() ? "" : ", ") +
              (t == Type::string ? "STP_TYPE_STRING" : "STP_TYPE_LONG");
    const char *value = g->type == Type::stats    ? "STP_TYPE_STAT"
                        : g->type == Type::string ? "STP_TYPE_STRING"
                                                  : "STP_TYPE_LONG";
    std::string desc = "static const struct stp_map_desc " + name + "_desc = { .name = " +
                       c_string_literal(g->name) + ", .nkeys = " +
                       std::to_string(g->index_types.size()) + ", .key_types = { " +
                       keys + " }, .value_type = " + value + ", .wrap = " +
                       (g->wrapping ? "true" : "false") + ", .max_entries = " +
                       std::to_string(g->size_hint > 0 ? g->size_hint : 0);
    if (!stat.empty()) {
      desc += ", .stat = " + stat;
      globals_.line("static const struct stp_stat_desc " + name + "_stat = " + stat + ";");
    }
    globals_.line(desc + " };");
    if (g->type == Type::stats) {
      // A statistics array: one map per CPU (runtime/pmap.h).
      globals_.line("static struct stp_pmap " + name + ";");
      init_.line("if (stp_pmap_init(&" + name + ", &" + name + "_desc)) return -ENOMEM;");
      free_.line("stp_pmap_free(&" + name + ");");
    } else {
      globals_.line("static struct stp_map *" + name + ";");
      init_.line(name + " = stp_map_new(&" + name + "_desc);");
      init_.line("if (!" + name + ") return -ENOMEM;");
      free_.line("if (" + name + ") stp_map_free(" + name + ");");
      free_.line(name + " = NULL;");
    }
  }
  globals_.line("static DEFINE_RWLOCK(" + name + "_lock);");
}

void Translator::declare_functions() {
  std::set<std::string> taken;
  for (const FunctionDecl *fn : prog_.functions) {
    std::string name = "fn_" + c_ident(fn->name) + "_" + std::to_string(fn->params.size());
    // Overloads and same-named functions of different files get a suffix.
    for (int i = 2; !taken.insert(name).second; ++i)
      name = "fn_" + c_ident(fn->name) + "_" +
             std::to_string(fn->params.size()) + "_" + std::to_string(i);
    sym_.functions[fn] = name;
    frames_.push_back(std::make_unique<Frame>("frame_" + name));
    Frame *f = frames_.back().get();
    sym_.function_frames[fn] = f;
    for (const VarDecl *p : fn->params) f->local(p);
    if (fn->return_type != Type::unknown) f->ret(fn->return_type);
    if (fn->next_overload) f->next_flag();
    protos_.line("static void " + name + "(struct stp_context *c);");
  }
}

void Translator::emit_function(const FunctionDecl *fn) {
  const std::string &name = sym_.functions.at(fn);
  Frame &f = *sym_.function_frames.at(fn);
  function_locations[name] = fn->loc;
  bodies_.comment("stap:loc " + sm_.describe(fn->loc));
  auto blk = bodies_.block("static void " + name + "(struct stp_context *c)");
  bodies_.line("struct " + f.struct_name() + " *F;");
  bodies_.line("if (stp_nesting_enter(c)) return;");
  bodies_.line("F = STP_FRAME(c, c->nesting);");
  if (fn->is_embedded) {
    // Trusted library code (marked unprivileged) and other embedded C are
    // told apart for the emission check, by the privilege pass's rule.
    bool trusted = honours_pragmas(*fn, sm_) &&
                   (fn->pragmas.unprivileged || fn->pragmas.myproc_unprivileged);
    bodies_.raw("#define CONTEXT c");
    for (const VarDecl *p : fn->params)
      bodies_.raw("#define STAP_ARG_" + c_ident(p->name) + " (" + f.local(p) + ")");
    bodies_.raw("#define STAP_RETVALUE (" + f.ret(fn->return_type) + ")");
    // STAP_NEXT: on to the next overload, as `next` in a script function.
    bodies_.raw("#define STAP_NEXT do " +
                next_overload_c(f, fn->next_overload != nullptr) +
                " while (0)");
    bodies_.comment(trusted ? "stap:tapset-c-begin" : "stap:embedded-begin " + sm_.describe(fn->loc));
    // The emission check parses this code too (it compiles, so it is
    // seen), but judges the region by its markers.
    {
      auto code = bodies_.block("");
      bodies_.raw(fn->embedded_code);
    }
    bodies_.comment(trusted ? "stap:tapset-c-end" : "stap:embedded-end");
    bodies_.raw("#undef CONTEXT");
    for (const VarDecl *p : fn->params) bodies_.raw("#undef STAP_ARG_" + c_ident(p->name));
    bodies_.raw("#undef STAP_RETVALUE");
    bodies_.raw("#undef STAP_NEXT");
  } else {
    BodyEmitter body(bodies_, f, sym_, sm_, diags_);
    body.set_in_function(fn->next_overload != nullptr);
    body.init_locals(fn->locals);
    if (fn->return_type == Type::string) bodies_.line(f.ret(Type::string) + "[0] = '\\0';");
    else if (fn->return_type == Type::long_) bodies_.line(f.ret(Type::long_) + " = 0;");
    body.emit_stmt(fn->body);
    failed_ |= body.failed();
  }
  bodies_.raw("out: __attribute__((unused));");
  bodies_.line("stp_nesting_exit(c);");
}

void Translator::emit_probe(size_t index) {
  const ProbeDecl *p = prog_.probes[index];
  std::string name = "probe_" + std::to_string(index);
  function_locations[name] = p->loc;
  frames_.push_back(std::make_unique<Frame>("frame_" + name));
  Frame &f = *frames_.back();

  GlobalUse use;
  use.visit(p->body);
  for (const ProbePoint *pp : p->points) use.visit(pp->condition);
  std::map<const Expr *, std::string> entry_reads = emit_entry_half(index);

  bodies_.comment("stap:loc " + sm_.describe(p->loc));
  bodies_.comment("probe " + (p->points.empty() ? std::string("?") : p->points[0]->to_string()));
  {
    auto blk = bodies_.block("static void " + name + "(struct stp_context *c)");
    bodies_.line("struct " + f.struct_name() + " *F = STP_FRAME(c, 0);");
    bodies_.line("(void)F;");
    // matched() reads this handler's own last =~.
    if (sym_.regex_captures)
      bodies_.line("stp_regex_forget(STP_REGEX_LAST(c));");
    bool locked = acquire_locks(use);
    sym_.probe_targets = index < prog_.probe_targets.size()
                             ? &prog_.probe_targets[index]
                             : nullptr;
    BodyEmitter body(bodies_, f, sym_, sm_, diags_);
    if (!entry_reads.empty()) body.set_entry_reads(&entry_reads);
    body.init_locals(p->locals);
    for (const ProbePoint *pp : p->points)
      if (pp->condition) {
        std::string cond = body.emit_expr(pp->condition);
        bodies_.line("if (!(" + cond + ")) goto out;");
      }
    body.emit_stmt(p->body);
    failed_ |= body.failed();
    sym_.probe_targets = nullptr;
    bodies_.raw("out: __attribute__((unused));");
    if (locked) bodies_.line("stp_lock_release(locks, ARRAY_SIZE(locks));");
  }
  std::string pp = p->points.empty() ? "" : p->points[0]->to_string();
  std::string timing;
  if (opts_.probe_timing) {
    std::string from = pp;
    if (index < prog_.probe_origins.size()) {
      std::vector<std::string> chain =
          probe_derivation(pp, prog_.probe_origins[index]);
      for (size_t i = 1; i < chain.size(); ++i) from += " from: " + chain[i];
    }
    timing = ", .index = " + std::to_string(index) +
             ", .derivation = " + c_string_literal(from);
  }
  // pn(): the outermost alias the point came through (after wildcard
  // expansion); a point that is no alias's is its own pn.
  std::string pn;
  if (index < prog_.probe_origins.size() &&
      !prog_.probe_origins[index].aliases.empty())
    pn = ", .pn = " +
         c_string_literal(prog_.probe_origins[index].aliases.front());
  bodies_.line("static const struct stp_probe stp_" + name +
               " = { .pp = " + c_string_literal(pp) +
               ", .location = " + c_string_literal(sm_.describe(p->loc)) +
               ", .handler = " + name + timing + pn + " };");
  probe_names_.push_back("stp_" + name);
}

bool Translator::acquire_locks(const GlobalUse &use) {
  // One fixed lock order for every probe (declaration order): no deadlock.
  std::string reqs;
  for (const VarDecl *g : prog_.globals) {
    auto it = use.used.find(g);
    if (it != use.used.end())
      reqs += "{ &" + sym_.globals.at(g) + "_lock, " +
              (it->second ? "true" : "false") + ", " +
              c_string_literal(g->name) + " }, ";
  }
  if (reqs.empty()) return false;
  bodies_.line("static const struct stp_lock_req locks[] = { " + reqs + "};");
  bodies_.line("if (stp_lock_acquire(c, locks, ARRAY_SIZE(locks))) return;");
  return true;
}

// A uretprobe probe's entry half (Program::probe_entry_values): evaluates
// at the function's entry what its return half reads, into a struct
// stp_entry_N the runtime keeps per call. Returns the return half's reads.
std::map<const Expr *, std::string> Translator::emit_entry_half(size_t index) {
  std::map<const Expr *, std::string> reads;
  if (index >= prog_.probe_entry_values.size() ||
      prog_.probe_entry_values[index].empty()) {
    entry_names_.emplace_back();
    return reads;
  }
  const std::vector<const Expr *> &values = prog_.probe_entry_values[index];
  const ProbeDecl *p = prog_.probes[index];
  std::string name = "probe_" + std::to_string(index) + "_entry";
  std::string type = "stp_entry_" + std::to_string(index);
  {
    auto st = globals_.block("struct " + type, ";");
    for (size_t i = 0; i < values.size(); ++i) {
      std::string field = "v" + std::to_string(i);
      globals_.line(values[i]->type == Type::string
                        ? "char " + field + "[MAXSTRINGLEN];"
                        : "s64 " + field + ";");
      reads[values[i]] = "((struct " + type + " *)c->entry_values)->" + field;
    }
  }
  frames_.push_back(std::make_unique<Frame>("frame_" + name));
  Frame &f = *frames_.back();
  GlobalUse use;
  for (const Expr *e : values) use.visit(const_cast<Expr *>(e));
  bodies_.comment("probe " + p->points[0]->to_string() + ", at entry");
  {
    auto blk = bodies_.block("static void " + name + "(struct stp_context *c)");
    bodies_.line("struct " + f.struct_name() + " *F = STP_FRAME(c, 0);");
    bodies_.line("struct " + type + " *E = c->entry_values;");
    bodies_.line("(void)F;");
    bool locked = acquire_locks(use);
    sym_.probe_targets = &prog_.probe_targets[index];
    BodyEmitter body(bodies_, f, sym_, sm_, diags_);
    body.init_locals(p->locals);
    for (size_t i = 0; i < values.size(); ++i) {
      const Expr *e = values[i];
      if (e->kind == ExprKind::entry)
        e = static_cast<const EntryExpr *>(e)->operand;
      std::string v = body.emit_expr(e);
      std::string field = "E->v" + std::to_string(i);
      bodies_.line(values[i]->type == Type::string
                       ? "stp_str_copy(" + field + ", " + v + ");"
                       : field + " = " + v + ";");
    }
    failed_ |= body.failed();
    sym_.probe_targets = nullptr;
    bodies_.raw("out: __attribute__((unused));");
    if (locked) bodies_.line("stp_lock_release(locks, ARRAY_SIZE(locks));");
  }
  bodies_.line("static const struct stp_probe stp_" + name +
               " = { .pp = " + c_string_literal(p->points[0]->to_string()) +
               ", .location = " + c_string_literal(sm_.describe(p->loc)) +
               ", .handler = " + name + " };");
  entry_names_.push_back({"stp_" + name, type});
  return reads;
}

void Translator::emit_tables() {
  // Each probe goes to the family that registered its type (pass 2 found
  // it); the family writes its own provider tables, in family order,
  // clocks last (ProbeFamilyDef::armed_last).
  std::map<ProbeFamily, std::vector<FamilyProbe>> by_family;
  for (size_t i = 0; i < prog_.probes.size(); ++i) {
    const ProbeDecl *p = prog_.probes[i];
    const ProbeType *type =
        i < prog_.probe_types.size() ? prog_.probe_types[i] : nullptr;
    if (p->points.empty() || !type) {
      diags_.error(
          DiagId::internal_error, p->loc,
          "internal error: probe reached pass 3 without a resolved point");
      failed_ = true;
      continue;
    }
    if (!pass3_implements(*type)) {
      // Pass 2 refuses the points no family builds (alias_expansion.cc).
      diags_.error(DiagId::internal_error, p->points[0]->loc,
                   "internal error: pass 3 cannot build probe point '" +
                       p->points[0]->to_string() + "', which pass 2 accepted");
      failed_ = true;
      continue;
    }
    bool optional =
        i < prog_.probe_origins.size() && (prog_.probe_origins[i].optional ||
                                           prog_.probe_origins[i].from_pattern);
    by_family[type->family].push_back({p->points[0], probe_names_[i], optional,
                                       entry_names_[i].first,
                                       entry_names_[i].second});
  }
  std::vector<std::string> uses;
  auto emit_families = [&](bool clocks) {
    for (const auto &[family, probes] : by_family) {
      if (probe_family(family).armed_last != clocks) continue;
      size_t errors = diags_.error_count();
      for (std::string &u :
           probe_family(family).emit_providers(probes, bodies_, diags_))
        uses.push_back(std::move(u));
      failed_ |= diags_.error_count() != errors;
    }
  };
  emit_families(false);
  // The user symbol tables, armed after the events: a probed binary that
  // was replaced is then reported once, by its uprobe's error, which stops
  // the arming. Their lookups only compare inode pointers, so disarming
  // them first while handlers still run costs those handlers their names.
  {
    size_t errors = diags_.error_count();
    std::string u =
        emit_user_symbols(user_symbol_tables(prog_.probes, mapped_files(prog_),
                                             opts_.user_symbols, diags_),
                          bodies_);
    if (!u.empty()) uses.push_back(std::move(u));
    failed_ |= diags_.error_count() != errors;
  }
  emit_families(true);
  {
    auto t = bodies_.block("const struct stp_provider_use stp_provider_uses[] =", ";");
    for (const auto &u : uses) bodies_.line(u);
    if (uses.empty()) bodies_.line("{ NULL, NULL, 0 },");
  }
  bodies_.line("const unsigned int stp_provider_use_count = " +
               std::to_string(uses.size()) + ";");
  if (opts_.probe_timing) {
    {
      auto t = bodies_.block(
          "const struct stp_probe *const stp_timed_probes[] =", ";");
      for (const std::string &n : probe_names_) bodies_.line("&" + n + ",");
      if (probe_names_.empty()) bodies_.line("NULL,");
    }
    bodies_.line("const unsigned int stp_timed_probe_count = " +
                 std::to_string(probe_names_.size()) + ";");
  }
  {
    auto f = bodies_.block("int stp_globals_init(void)");
    bodies_.raw(init_.str());
    bodies_.line("return 0;");
  }
  {
    auto f = bodies_.block("void stp_globals_free(void)");
    bodies_.raw(free_.str());
  }
}

std::string Translator::run() {
  sym_.regex_tables = &regex_tables_;
  // Submatches cost a per-CPU area and a second pass over the string:
  // only scripts that read them (through the library's functions) pay.
  for (const FunctionDecl *fn : prog_.functions)
    if ((fn->name == "matched" || fn->name == "matched_str" ||
         fn->name == "ngroups") &&
        sm_.is_library(fn->loc))
      sym_.regex_captures = true;
  sym_.function_targets = &prog_.function_targets;
  for (ProbeDecl *p : prog_.probes) stats_.visit(p->body);
  for (FunctionDecl *f : prog_.functions) stats_.visit(f->body);
  declare_globals();
  declare_functions();
  for (const FunctionDecl *fn : prog_.functions) emit_function(fn);
  for (size_t i = 0; i < prog_.probes.size(); ++i) emit_probe(i);
  emit_tables();
  if (failed_) return "";

  CWriter out;
  out.comment("Generated by stap " STAP_VERSION " from " +
              (prog_.script ? sm_.file(prog_.script->file).name : std::string("?")) +
              ". Do not edit.");
  // No conditional on the emission check: it parses exactly this file,
  // with the compiler's own flags.
  out.raw("#include \"stap_features.h\"");
  out.raw("#include \"stap_runtime.h\"");
  out.line("");
  // Top-level %{ %} blocks (a tapset's #includes, a guru script's
  // helpers), in load order, after the runtime API they may use. The
  // emission check judges them by their markers.
  for (const EmbeddedDecl *e : prog_.embeds) {
    bool trusted = sm_.is_library(e->loc);
    out.comment(trusted ? "stap:tapset-c-begin"
                        : "stap:embedded-begin " + sm_.describe(e->loc));
    out.raw(e->code);
    out.comment(trusted ? "stap:tapset-c-end" : "stap:embedded-end");
  }
  out.line("STP_PRIVILEGE(" +
           c_string_literal(level_name(opts_.privilege_level)) + ", " +
           c_string_literal(opts_.privilege_actions.to_string()) + ");");
  out.line("");
  for (const auto &f : frames_) out.raw(f->definition());
  {
    auto u = out.block("union stp_frames", ";");
    for (const auto &f : frames_) out.line("struct " + f->struct_name() + " " + f->struct_name() + ";");
    out.line("char unused;");
  }
  out.raw("#define STP_FRAME(c, depth) \\\n  ((void *)((char *)(c)->locals + (size_t)(depth) * sizeof(union stp_frames)))");
  // Depths 0 (the probe) to MAXNESTING, plus one: a caller writes the
  // arguments into depth + 1 before the callee finds MAXNESTING exceeded.
  if (sym_.regex_captures) {
    // The last match and the matcher's work area follow the frames.
    std::string ncap = std::to_string(sym_.regex_max_ncap);
    out.raw("#define STP_REGEX_OFFSET \\\n  ((sizeof(union stp_frames) * "
            "(MAXNESTING + 2) + 7) & ~(size_t)7)");
    {
      auto fn = out.block(
          "struct stp_re_last *stp_regex_last(struct stp_context *c)");
      out.line("return (struct stp_re_last *)((char *)c->locals + "
               "STP_REGEX_OFFSET);");
    }
    out.raw("#define STP_REGEX_LAST(c) stp_regex_last(c)");
    out.raw("#define STP_REGEX_WORK(c) ((void *)(stp_regex_last(c)->cap + " +
            ncap + "))");
    out.line("const size_t stp_locals_size = STP_REGEX_OFFSET + sizeof(struct "
             "stp_re_last) + " +
             ncap + " * sizeof(int) + " + std::to_string(sym_.regex_max_work) +
             ";");
  } else {
    out.line("const size_t stp_locals_size = sizeof(union stp_frames) * "
             "(MAXNESTING + 2);");
  }
  out.line("");
  out.raw(globals_.str());
  out.raw(protos_.str());
  out.raw(regex_tables_.str());
  out.raw(bodies_.str());
  // The runtime joins this file unless pass 4 links a prebuilt runtime
  // object (STAP_RUNTIME_SEPARATE).
  out.raw("#ifndef STAP_RUNTIME_SEPARATE\n#include \"stap_runtime.c\"\n#endif");
  return out.take();
}

}  // namespace

Translation translate(const Program &program, const TranslateOptions &opts,
                      const SourceManager &sm, Diagnostics &diags) {
  Translator t(program, opts, sm, diags);
  std::string c = t.run();
  return Translation{std::move(c), std::move(t.function_locations)};
}

}  // namespace stap
