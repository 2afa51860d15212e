// Pass 2 as a list of named steps. Each step lives in its own file; this
// file only says in which order they run and why.
#include "elaborate/elaborate.h"

#include <algorithm>
#include <cctype>

#include "elaborate/alias_expansion.h"
#include "elaborate/elab_state.h"
#include "elaborate/format_check.h"
#include "elaborate/guru_check.h"
#include "elaborate/kernel_target_vars.h"
#include "elaborate/loop_checks.h"
#include "elaborate/mark_target_vars.h"
#include "elaborate/module_limits.h"
#include "elaborate/netfilter_target_vars.h"
#include "elaborate/operand_checks.h"
#include "elaborate/optimize.h"
#include "elaborate/perf_counters.h"
#include "elaborate/probe_condition_check.h"
#include "elaborate/process_target_vars.h"
#include "elaborate/procfs_target_vars.h"
#include "elaborate/reachability.h"
#include "elaborate/resolve.h"
#include "elaborate/syscall_target_vars.h"
#include "elaborate/types.h"
#include "elaborate/unbuilt_constructs.h"

namespace stap {

namespace {

// Script declarations are the user's: mark them so, whatever the parser
// recorded, so private scoping and unused-code warnings can tell.
void mark_script(ParsedFile *script) {
  FileId id = script->file;
  for (VarDecl *g : script->globals) { g->file = id; g->from_tapset = false; }
  for (FunctionDecl *f : script->functions) { f->file = id; f->from_tapset = false; }
  for (ProbeDecl *p : script->probes) { p->file = id; p->from_tapset = false; }
  for (AliasDecl *a : script->aliases) { a->file = id; a->from_tapset = false; }
  for (EmbeddedDecl *e : script->embeds) { e->file = id; e->from_tapset = false; }
}

// -G name=value sets a script global's initial value.
void apply_global_inits(ElabState &st) {
  for (const auto &[name, value] : st.opts.global_inits) {
    VarDecl *g = nullptr;
    for (VarDecl *c : st.script->globals)
      if (c->name == name) g = c;
    if (!g) {
      st.diags.error(DiagId::sem_unresolved_variable, Location{},
                     "-G names '" + name + "', which is not a global of the "
                     "script");
      continue;
    }
    bool number = !value.empty() &&
                  std::all_of(value.begin() + (value[0] == '-' ? 1 : 0),
                              value.end(), [](char c) {
                                return std::isdigit(static_cast<unsigned char>(c));
                              }) &&
                  value != "-";
    // A declared initialiser fixes the kind: -G must not change a number
    // global into a string, and a string global keeps digits as text.
    if (g->init && g->init->kind == ExprKind::number && !number) {
      st.diags.error(DiagId::sem_type_conflict, g->loc,
                     "-G gives '" + name + "' the value '" + value +
                         "', but it is a number global");
      continue;
    }
    if (g->init && g->init->kind == ExprKind::string) number = false;
    if (number) {
      auto *n = st.ctx.make_at<NumberLit>(g->loc);
      n->value = std::strtoll(value.c_str(), nullptr, 10);
      n->type = Type::long_;
      g->init = n;
    } else {
      auto *s = st.ctx.make_at<StringLit>(g->loc);
      s->value = value;
      s->type = Type::string;
      g->init = s;
    }
  }
}

// Everything the probes reach, plus (all) script functions and globals:
// unused script code is still checked, and removed only by optimize().
// Each family's rules across all its probes (probes/family.h).
void check_families(const Program &program, Diagnostics &diags) {
  for (int f = 0; f <= int(kLastProbeFamily); ++f) {
    auto check = probe_family(ProbeFamily(f)).check_family;
    if (!check) continue;
    std::vector<const ProbePoint *> points;
    for (size_t i = 0; i < program.probes.size(); ++i) {
      const ProbeType *t = program.probe_types[i];
      if (t && t->family == ProbeFamily(f) &&
          !program.probes[i]->points.empty())
        points.push_back(program.probes[i]->points[0]);
    }
    if (!points.empty()) check(points, diags);
  }
}

Program assemble(ElabState &st) {
  Program p;
  p.script = st.script;
  p.tapsets_used = st.tapsets_used;
  for (ResolvedProbe &rp : st.probes) {
    if (rp.shares_body) rp.decl->locals = st.probes[rp.owner].decl->locals;
    p.probes.push_back(rp.decl);
    p.probe_types.push_back(rp.type);
    p.probe_origins.push_back(rp.origin);
  }
  std::vector<FunctionDecl *> roots = st.script->functions;
  Reach reach = compute_reach(p.probes, roots);
  auto keep_fn = [&](FunctionDecl *f) {
    return !f->from_tapset || reach.functions.count(f);
  };
  for (ParsedFile *f : std::vector<ParsedFile *>{st.script}) {
    for (FunctionDecl *fn : f->functions)
      if (keep_fn(fn)) p.functions.push_back(fn);
    for (VarDecl *g : f->globals) p.globals.push_back(g);
  }
  for (ParsedFile *f : st.tapsets_used) {
    for (FunctionDecl *fn : f->functions)
      if (reach.functions.count(fn)) p.functions.push_back(fn);
    for (VarDecl *g : f->globals)
      if (reach.globals.count(g)) p.globals.push_back(g);
  }
  p.embeds = st.embeds;
  p.tapset_files_indexed = st.library.indexed_count();
  p.tapset_files_parsed = st.library.parsed_count();
  return p;
}

}  // namespace

Program elaborate(ParsedFile *script, SourceManager &sm, AstContext &ctx,
                  Diagnostics &diags, const ElaborateOptions &opts,
                  MacroTable &macros) {
  ParsedFile empty;
  if (!script) script = &empty;
  ElabState st(script, sm, ctx, diags, opts, macros);

  // 1. register: the script's declarations first, so they shadow tapsets.
  mark_script(script);
  apply_global_inits(st);
  register_file(st, script);

  // 2. expand aliases / match probe points, then 3. resolve symbols;
  // resolving pulls in tapset files, whose probes need expanding: repeat
  // until nothing new arrives.
  for (int guard = 0; guard < 10000; ++guard) {
    expand_pending_probes(st);
    bool worked = resolve_pending(st);
    if (!worked && st.pending_probes.empty()) break;
  }

  // 4. assemble the program from what the probes reach.
  Program program = assemble(st);

  // 4b. context rules a parse cannot see: histogram bounds and flavours,
  // divisors, regex patterns.
  check_operands(program, sm, diags);
  // 4b''. what the language has but pass 3 cannot build yet.
  check_unbuilt_constructs(program, *st.symbols, diags);
  // 4b'''. every @perf("NAME") reads a counter a probe declares.
  check_perf_counters(program, diags);
  // 4b-family. each family's rules across its probes (one procfs file
  // read by two probes).
  check_families(program, diags);
  // 4b'. a probe condition reads globals only; /* guru */ functions and
  // raw-address probes need -g.
  check_probe_conditions(program, diags);
  check_guru_functions(program, opts.guru, opts.parse.env.privilege, diags);
  check_guru_probes(program, sm, opts.guru, opts.parse.env.privilege, diags);

  // 4c. target expressions against the kernel's BTF: their types (a char
  // array is a string) feed type inference.
  // Process probes' against the probed binary's own DWARF.
  bool targets_resolved = !diags.has_errors();
  if (targets_resolved) {
    resolve_kernel_targets(program, *st.symbols, diags);
    resolve_process_targets(program, *st.symbols, diags);
    resolve_mark_targets(program, diags);
    resolve_syscall_targets(program, diags);
  } else {
    program.probe_targets.assign(program.probes.size(), {});
  }
  // $value needs no symbols: resolved after earlier errors too, so their
  // report is not followed by type errors about it.
  resolve_procfs_targets(program, diags);
  resolve_netfilter_targets(program, opts.guru, diags);

  // 5. infer types to a fixpoint, 6. check print formats against them.
  infer_types(program, diags, opts.optimize, targets_resolved);
  check_formats(program, diags);
  // 6a. break/continue need a loop, a foreach's array stays put (after
  // types: statistics arrays have their own rule).
  check_loops(program, diags);
  // 6b. what the module may cost the kernel: preallocated memory, probes,
  // string literal sizes (needs the types: a string array costs more).
  ModuleLimits limits = module_limits(
      opts.bounds_fixed ? defines_within_bounds(opts.defines, diags)
                        : opts.defines,
      diags);
  PreallocCost prealloc = check_module_limits(program, limits, diags);
  program.prealloc_shared = prealloc.shared;
  program.prealloc_per_cpu = prealloc.per_cpu;
  program.prealloc_limit = limits.max_prealloc;

  // 7. optimize (-u skips it): fold constants, elide dead statements and
  // unused locals, drop unused functions and globals.
  // After errors the program is not run; spare the user elision noise.
  if (opts.optimize && !diags.has_errors()) optimize(program, ctx, diags);
  if (program.script == &empty) program.script = nullptr;
  return program;
}

}  // namespace stap
