#include "driver/command.h"

#include "driver/backend.h"
#include "driver/caller_level.h"

#include <ostream>

#include "driver/diagnostic_output.h"
#include "driver/environment.h"
#include "driver/front_end.h"
#include "driver/kernel_target.h"
#include "driver/options.h"
#include "driver/privilege_step.h"
#include "driver/queries.h"
#include "driver/rc_file.h"
#include "driver/resource_limits.h"
#include "kbuild/module_cache.h"

namespace stap {

int run_command(const std::vector<std::string> &args, Streams io) {
  ParsedOptions parsed = parse_options(with_rc_file_options(args));
  if (!parsed.ok()) {
    for (const OptionError &e : parsed.errors)
      io.err << "stap: error: " << e.message << " [" << diag_info(e.id).code
             << "]\n";
    io.err << "Try 'stap --help' for more information.\n";
    return 1;
  }
  Options &given = parsed.options;
  if (given.show_help) {
    io.out << usage_text();
    return 0;
  }
  if (given.show_version) {
    io.out << version_text();
    return 0;
  }
  // SystemTap's options that change nothing here say so, once each.
  if (!given.suppress_warnings)
    for (const std::string &note : given.ignored_options)
      io.err << "stap: warning: " << note << "\n";
  if (std::string why = apply_resource_limits(given); !why.empty()) {
    io.err << "stap: error: " << why << "\n";
    return 1;
  }
  read_environment(given);
  if (given.clean_cache) {
    if (given.cache_dir.empty()) {
      io.err << "stap: warning: no module cache: " << given.cache_dir_problem
             << "\n";
      return 0;
    }
    ModuleCache cache(given.cache_dir);
    size_t n = cache.remove_modules();
    if (given.verbose)
      io.err << "Removed " << n << (n == 1 ? " module" : " modules")
             << " from the cache '" << cache.dir() << "'\n";
    return 0;
  }
  if (!apply_caller_level(given, io.err)) return 1;
  // Under --privilege below stapdev nothing may be read from a place the
  // user chose: every mode works from the invocation without those options
  // and variables (their use is reported by the invocation check).
  Options opts = is_restricted(given) ? without_user_paths(given) : given;
  // --remote=vm builds for the kernel the test VM boots unless -r says
  // otherwise: the host's own kernel may have no headers at all.
  if (uses_vm(opts) && opts.kernel_release.empty() &&
      opts.kernel_build_dir.empty())
    opts.kernel_release = vm_kernel_release(opts);
  KernelTarget kernel = KernelTarget::resolve(opts);
  FrontEnd fe(opts, kernel);

  // The invocation is judged first, whatever the mode, before any file is
  // opened. Its violations stop a query; the passes go on to report the
  // script's own as well.
  InvocationVerdict invocation =
      check_invocation_as_given(given, fe.sources(), fe.diags());
  if (!opts.is_query()) return run_pipeline(opts, kernel, fe, invocation, io);
  if (fe.diags().has_errors()) {
    print_diagnostics(fe.diags(), fe.options(), io.err);
    return 1;
  }
  if (opts.list_probes) return query_list_probes(opts, fe, io);
  if (opts.dump_probe_types) return query_probe_types(opts, io);
  if (opts.dump_probe_aliases) return query_probe_aliases(fe, io);
  return query_functions(fe, io);
}

}  // namespace stap
