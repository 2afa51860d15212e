#include "driver/pipeline.h"

#include <algorithm>
#include <iostream>
#include <string>

#include "driver/backend.h"
#include "driver/diagnostic_output.h"
#include "driver/front_end.h"
#include "driver/kernel_target.h"
#include "driver/options.h"
#include "driver/pass_timer.h"
#include "driver/privilege_step.h"
#include "privilege/sarif.h"
#include "elaborate/elaborate.h"
#include "parser/printer.h"

namespace stap {

namespace {

std::string count(size_t n, const char *singular, const char *plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// -v says which kernel passes 1-2 preprocess for, and when its tree is
// missing (CONFIG_ tests then come out unknown, not as errors).
void describe_target(const Options &opts, const KernelTarget &kernel,
                     const FrontEnd &fe, std::ostream &err) {
  if (opts.verbose < 1) return;
  if (!kernel.has_build_dir())
    err << "Kernel build tree '" << kernel.build_dir()
        << "' is missing; CONFIG_ options "
        << (kernel.config_path().empty()
                ? "are unknown"
                : "come from '" + kernel.config_path() + "'")
        << "\n";
  if (opts.verbose < 2) return;
  err << "Kernel release " << kernel.release() << ", arch " << kernel.arch()
      << ", build tree " << kernel.build_dir() << "\n";
  err << "Tapset search path:";
  for (const std::string &d : fe.elaborate_options().tapset_dirs)
    err << " " << d;
  err << "\n";
}

// Prints what was collected and the pass that failed, SystemTap style;
// --lint-format=sarif|json also writes the diagnostics to stdout for CI.
int stop(const Options &opts, const FrontEnd &fe, Streams io, int failed_pass) {
  print_diagnostics(fe.diags(), fe.options(), io.err);
  if (opts.lint_format == "sarif")
    io.out << render_sarif(fe.diags().finalized(), fe.sources());
  else if (opts.lint_format == "json")
    io.out << render_json(fe.diags().finalized(), fe.sources());
  static const char *const kFailed[] = {"", "parse", "analysis", "translation",
                                        "compilation", "run"};
  if (failed_pass)
    io.err << "Pass " << failed_pass << ": " << kFailed[failed_pass]
           << " failed.\n";
  return failed_pass ? 1 : 0;
}

// The -E script's declarations join the main script's (its -p1 listing
// stays its own).
void append_declarations(ParsedFile &into, const ParsedFile &from) {
  auto add = [](auto &to, const auto &more) {
    to.insert(to.end(), more.begin(), more.end());
  };
  add(into.globals, from.globals);
  add(into.probes, from.probes);
  add(into.aliases, from.aliases);
  add(into.functions, from.functions);
  add(into.embeds, from.embeds);
}

}  // namespace

int run_pipeline(const Options &opts, const KernelTarget &kernel, FrontEnd &fe,
                 const InvocationVerdict &invocation, Streams io) {
  describe_target(opts, kernel, fe, io.err);
  const PrivilegeRequest &privilege = invocation.request;
  // Invocation violations do not stop pass 1: the script's own are wanted too.
  const size_t invocation_errors = fe.diags().error_count();

  // Pass 1: parse. Tapset macros (*.stpm) load first so the script may use
  // them; the script then parses with the target's preprocessor values.
  PassTimer pass1;
  size_t macro_files = fe.load_macros();
  ParsedFile *script = fe.parse_script(io.in);
  std::vector<ParsedFile *> extra = fe.parse_extra_scripts();
  if (opts.verbose)
    io.err << "Pass 1: parsed user script and "
           << count(macro_files, "library script", "library scripts")
           << pass1.usage_since_start() << "\n";
  if (!script || std::count(extra.begin(), extra.end(), nullptr) ||
      fe.diags().error_count() > invocation_errors)
    return stop(opts, fe, io, 1);
  if (opts.last_pass == 1) {
    // A refused invocation fails whichever pass ends the run.
    if (invocation_errors) return stop(opts, fe, io, 1);
    io.out << print_file(*script);
    for (const ParsedFile *e : extra) io.out << print_file(*e);
    return stop(opts, fe, io, 0);
  }
  // -E scripts run beside the main one: one program, as SystemTap has it.
  for (const ParsedFile *e : extra) append_declarations(*script, *e);

  // Pass 2: elaborate. Resolves the script against the tapset library,
  // expands aliases and wildcards, infers types, prunes dead code.
  PassTimer pass2;
  Program program = fe.elaborate(script);

  // Pass 2b: privilege. Checked after the program is resolved, so each
  // violation has a location and alias chain; it runs even after
  // elaboration errors, so a lint still gets every verdict.
  PrivilegeResult verdict =
      check_program(program, privilege, fe.sources(), fe.diags());
  verdict.required.add(invocation.needs);

  if (opts.verbose)
    io.err << "Pass 2: analyzed script: "
           << count(program.probes.size(), "probe", "probes") << ", "
           << count(program.functions.size(), "function", "functions") << ", "
           << count(program.embeds.size(), "embed", "embeds") << ", "
           << count(program.globals.size(), "global", "globals")
           << pass2.usage_since_start() << "\n";
  if (opts.verbose >= 2)
    io.err << "Pass 2: preallocated at load: " << program.prealloc_shared
           << " bytes + " << program.prealloc_per_cpu
           << " bytes per CPU (limit " << program.prealloc_limit
           << ", STP_MAX_PREALLOC)\n";
  if (opts.verbose >= 2)
    io.err << "Tapset library: " << program.tapset_files_indexed
           << " files indexed, " << program.tapset_files_parsed
           << " parsed\n";
  if (fe.diags().has_errors()) return stop(opts, fe, io, 2);
  if (opts.last_pass == 2) {
    io.out << print_program(program);
    return stop(opts, fe, io, 0);
  }

  // Passes 3-5: translate to C, build the module against the kernel tree
  // (or reuse it from the cache), run it through staprun.
  BackendInput backend{.program = program,
                       .privilege_level = privilege.level,
                       .privilege_actions = verdict.required};
  backend.use_cache = !is_restricted(privilege);
  BackendResult r = run_backend(opts, kernel, fe, backend, io);
  if (r.failed_pass) return stop(opts, fe, io, r.failed_pass);
  if (!r.diagnostics_printed) stop(opts, fe, io, 0);
  return r.exit_status;
}

}  // namespace stap
