#include "driver/command.h"

#include "driver/backend.h"

#include <ostream>

#include "driver/kernel_target.h"
#include "driver/options.h"
#include "driver/queries.h"

namespace stap {

int run_command(const std::vector<std::string> &args, Streams io) {
  ParsedOptions parsed = parse_options(args);
  if (!parsed.ok()) {
    for (const OptionError &e : parsed.errors)
      io.err << "stap: error: " << e.message << " [" << diag_info(e.id).code
             << "]\n";
    io.err << "Try 'stap --help' for more information.\n";
    return 1;
  }
  Options &opts = parsed.options;
  // --remote=vm builds for the kernel the test VM boots unless -r says
  // otherwise: the host's own kernel may have no headers at all.
  if (uses_vm(opts) && opts.kernel_release.empty() &&
      opts.kernel_build_dir.empty())
    opts.kernel_release = vm_kernel_release();
  if (opts.show_help) {
    io.out << usage_text();
    return 0;
  }
  if (opts.show_version) {
    io.out << version_text();
    return 0;
  }
  KernelTarget kernel = KernelTarget::resolve(opts);
  if (opts.list_probes) return query_list_probes(opts, kernel, io);
  if (opts.dump_probe_types) return query_probe_types(opts, io);
  if (opts.dump_functions) return query_functions(opts, kernel, io);
  return run_pipeline(opts, kernel, io);
}

}  // namespace stap
