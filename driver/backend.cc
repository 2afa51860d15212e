#include "driver/backend.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "codegen/translate.h"
#include "driver/diagnostic_output.h"
#include "driver/front_end.h"
#include "driver/kernel_target.h"
#include "driver/options.h"
#include "driver/pass_timer.h"
#include "kbuild/build_module.h"
#include "kbuild/module_cache.h"
#include "kbuild/sha256.h"
#include "kbuild/subprocess.h"
#include "parser/source.h"

namespace stap {

namespace fs = std::filesystem;

namespace {

// Size and modification time of the running stap: cheap, and it changes
// with every rebuild.
std::string executable_identity() {
  struct stat st;
  if (stat("/proc/self/exe", &st) != 0) return "unknown";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

// Macros the options set for the module and its runtime: -t collects
// probe timing; -b writes the output in per-CPU files (the module tags
// each chunk with its CPU, runtime/bulk_record.h); -s NUM sizes the output
// buffer (options.cc bounds it; per CPU in bulk mode);
// --suppress-time-limits (guru only) means no overload check, and action
// and lock-retry budgets too large to be reached; --remote=vm is what
// remote_id() and remote_uri() report.
std::vector<std::string> option_defines(const Options &opts) {
  std::vector<std::string> d;
  if (uses_vm(opts)) d.push_back("STP_REMOTE_VM");
  if (opts.probe_timing) d.push_back("STP_TIMING");
  if (opts.bulk_mode) d.push_back("STP_BULKMODE");
  if (opts.buffer_mb)
    d.push_back("STP_BUFSIZE=" + std::to_string(*opts.buffer_mb << 20));
  if (opts.suppress_time_limits)
    d.insert(d.end(), {"STP_NO_OVERLOAD", "MAXACTION=100000000",
                       "MAXTRYLOCK=100000000"});
  return d;
}

// Everything that changes the module goes into its cache key.
CacheKeyInputs cache_inputs(const Options &opts, const KernelTarget &kernel,
                            FrontEnd &fe, const BackendInput &in,
                            const std::string &runtime_dir, size_t frame_limit) {
  CacheKeyInputs k;
  // The translator itself: a rebuilt stap must not reuse old modules.
  k.translator_version = std::string(STAP_VERSION) + "@" + executable_identity();
  const SourceManager &sm = fe.sources();
  if (in.program.script) k.script_text = std::string(sm.text(in.program.script->file));
  for (const ParsedFile *t : in.program.tapsets_used)
    k.tapset_texts.emplace_back(sm.text(t->file));
  for (const auto &d : opts.macro_defines) k.options.push_back("-D" + d);
  for (const std::string &d : option_defines(opts))
    k.options.push_back("-D" + d);
  for (const auto &[n, v] : opts.global_inits) k.options.push_back("-G" + n + "=" + v);
  for (const auto &a : opts.script_args) k.options.push_back("arg:" + a);
  k.options.push_back("-u" + std::to_string(opts.unoptimized));
  k.options.push_back("-m" + opts.module_name);
  for (const auto &d : opts.symbol_files) k.options.push_back("-d" + d);
  if (opts.ldd) k.options.push_back("--ldd");
  k.options.push_back("frame-limit:" + std::to_string(frame_limit));
  k.options.push_back(std::string("priv:") + level_name(in.privilege_level));
  for (Action a : in.privilege_actions.actions())
    k.options.push_back(std::string("action:") + action_name(a));
  k.kernel_release = kernel.release();
  k.kernel_build_dir = kernel.build_dir();
  k.runtime_dir = runtime_dir;
  return k;
}

// The compiler's own lines as notes, and a last one for those left out.
void add_compiler_notes(Diagnostic &d, const std::vector<std::string> &lines,
                        size_t omitted) {
  for (const auto &line : lines) d.notes.push_back({{}, line});
  if (omitted)
    d.notes.push_back({{}, "and " + std::to_string(omitted) +
                               " more (rerun with -v to see the compiler's "
                               "whole output)"});
}

// A C function whose kernel stack frame is over the limit: at the probe or
// function it was generated from, when it is one of the script's.
void report_frame_overflows(Diagnostics &diags, const ModuleBuildResult &built,
                            const Translation &c) {
  for (const FrameOverflow &o : built.frame_overflows) {
    auto at = c.function_locations.find(o.function);
    std::string what = o.function.empty() ? "a C function" : "C function '" + o.function + "'";
    Diagnostic &d = diags.report(
        DiagId::build_frame_too_large,
        at == c.function_locations.end() ? Location{} : at->second,
        what + " needs a " + std::to_string(o.bytes) +
            "-byte kernel stack frame, over the kernel's limit of " +
            std::to_string(o.limit) + " bytes (CONFIG_FRAME_WARN)");
    d.notes.push_back({{}, "the kernel stack is small and shared; a module "
                           "that could overflow it is not built"});
  }
}

// --sign-module: MODULE.ko.sgn beside the module, made by stap-sign (the
// same signing code a compile server uses).
bool sign_module(const Options &opts, const std::string &ko, FrontEnd &fe) {
  ProcessResult r =
      run_process({opts.layout.stap_sign, "sign", opts.sign_key_dir, ko},
                  clean_build_environment());
  if (r.exit_code == 0) return true;
  std::string out = r.exit_code < 0 ? r.error : r.output;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  fe.diags().report(DiagId::build_failed, {},
                    "cannot sign module '" + ko + "' with the key in '" +
                        opts.sign_key_dir + "': " + out);
  return false;
}

int run_module(const Options &opts, const KernelTarget &kernel,
               const std::string &ko, Streams io) {
  std::vector<std::string> argv;
  if (uses_vm(opts)) {
    // The guest boots the kernel the module was built for.
    argv = {opts.layout.vm_runner, "run-command", "--kernel", kernel.release(),
            "--"};
  }
  argv.push_back(opts.layout.staprun);
  if (!opts.output_file.empty()) {
    argv.push_back("-o");
    argv.push_back(fs::absolute(opts.output_file).string());
  }
  if (!opts.output_switch.empty()) {
    argv.push_back("-S");
    argv.push_back(opts.output_switch);
  }
  if (!opts.target_command.empty()) {
    argv.push_back("-c");
    argv.push_back(opts.target_command);
  }
  if (opts.target_pid) {
    argv.push_back("-x");
    argv.push_back(std::to_string(*opts.target_pid));
  }
  if (opts.time_limit) {
    argv.push_back("-T");
    argv.push_back(std::to_string(*opts.time_limit));
  }
  // --color reaches the run's ERROR: and WARNING: lines too (auto, the
  // default, is staprun's own: it shares our terminal).
  if (opts.color != ColorWhen::auto_) {
    argv.push_back("-C");
    argv.push_back(opts.color == ColorWhen::always ? "always" : "never");
  }
  // -w silences the run's warnings as well as the translator's.
  if (opts.suppress_warnings) argv.push_back("-w");
  argv.push_back(ko);
  // Pass 5 is interactive: the child shares our terminal and signals.
  std::vector<char *> args;
  for (auto &a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  io.out.flush();
  io.err.flush();
  pid_t pid = fork();
  if (pid < 0) {
    io.err << "stap: error: cannot start '" << argv[0] << "'\n";
    return 1;
  }
  if (pid == 0) {
    execv(args[0], args.data());
    std::cerr << "stap: error: cannot run '" << argv[0] << "'\n";
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

bool uses_vm(const Options &opts) {
  for (const auto &r : opts.remotes)
    if (r == "vm" || r == "vm:") return true;
  return false;
}

std::string vm_kernel_release(const Options &opts) {
  // The user's choice of guest kernel, else the newest one that can be
  // both booted and built for (a newer image without headers is no use).
  if (std::string k = opts.environment_value("STAPVM_KERNEL"); !k.empty())
    return k;
  ProcessResult r = run_process({opts.layout.vm_runner, "kernels", "--headers"},
                                clean_build_environment());
  std::string rel = r.output.substr(0, r.output.find('\n'));
  return r.exit_code == 0 ? rel : "";
}

namespace {

// What the steps of one back-end run share.
struct BackendRun {
  const Options &opts;
  const KernelTarget &kernel;
  FrontEnd &fe;
  const BackendInput &in;
  Streams io;
  std::string runtime_dir;
  size_t frame_limit = 0;
  ModuleCache cache{""};
  bool use_cache = false;
  std::string key;
  std::string module_name;
  BackendResult result;

  BackendResult failed(int pass) {
    result.failed_pass = pass;
    return result;
  }
};

// The runtime, the frame limit, the cache and the module's name.
void prepare(BackendRun &r) {
  const Options &opts = r.opts;
  r.runtime_dir =
      opts.runtime_dir.empty() ? opts.layout.runtime_dir : opts.runtime_dir;
  r.frame_limit = frame_limit_from_config(r.kernel.config("CONFIG_FRAME_WARN"));
  // No checked directory, no cache: never a shared fallback.
  r.cache = ModuleCache(opts.cache_dir);
  r.use_cache = r.in.use_cache && !r.cache.dir().empty();
  if (r.in.use_cache && !r.use_cache && opts.last_pass >= 4 &&
      (opts.cache_reads || opts.cache_writes))
    r.fe.diags().report(DiagId::build_no_cache, {},
                        "not using the module cache: " +
                            opts.cache_dir_problem);
  r.key = module_cache_key(
      cache_inputs(opts, r.kernel, r.fe, r.in, r.runtime_dir, r.frame_limit));
  r.module_name =
      opts.module_name.empty() ? module_name_for_key(r.key) : opts.module_name;
}

// Pass 5, warnings first so they come out before the script's own output.
BackendResult run_pass5(BackendRun &r, const std::string &ko) {
  print_diagnostics(r.fe.diags(), r.opts, r.io.err);
  r.result.diagnostics_printed = true;
  if (r.opts.verbose) r.io.err << "Pass 5: starting run.\n";
  PassTimer pass5;
  r.result.exit_status = run_module(r.opts, r.kernel, ko, r.io);
  if (r.opts.verbose)
    r.io.err << "Pass 5: run completed" << pass5.times_since_start() << "\n";
  return r.result;
}

// A cache hit skips passes 3 and 4 entirely (unless -p3 wants the C);
// nullopt when there is none to use.
std::optional<BackendResult> from_cache(BackendRun &r) {
  const Options &opts = r.opts;
  if (!r.use_cache || !opts.cache_reads || opts.last_pass < 4 ||
      !opts.module_name.empty() || opts.keep_temps)
    return std::nullopt;
  auto hit = r.cache.lookup(r.key);
  if (!hit) return std::nullopt;
  if (opts.verbose)
    r.io.err << "Pass 3: using cached " << *hit << "\n"
             << "Pass 4: using cached " << *hit << "\n";
  if (!opts.sign_key_dir.empty() && !sign_module(opts, *hit, r.fe))
    return r.failed(4);
  if (opts.last_pass == 4) {
    r.io.out << *hit << "\n";
    return r.result;
  }
  return run_pass5(r, *hit);
}

// Pass 3: the module's C; nullopt after an error.
std::optional<Translation> run_pass3(BackendRun &r) {
  PassTimer pass3;
  TranslateOptions to;
  to.module_name = r.module_name;
  to.privilege_level = r.in.privilege_level;
  to.privilege_actions = r.in.privilege_actions;
  to.user_symbols = {.files = r.opts.symbol_files,
                     .ldd = r.opts.ldd,
                     .library_dirs = r.kernel.symbol_paths().library_path};
  to.probe_timing = r.opts.probe_timing;
  Translation c = translate(r.in.program, to, r.fe.sources(), r.fe.diags());
  if (r.opts.verbose)
    r.io.err << "Pass 3: translated to C (" << c.c_source.size() << " bytes)"
             << pass3.usage_since_start() << "\n";
  if (c.c_source.empty() || r.fe.diags().has_errors()) return std::nullopt;
  return c;
}

// Our own fresh directory, or no build: a fixed fallback name in /tmp is
// one another user can create first, with links to redirect the build.
// --tmpdir, else TMPDIR, moves it, as in SystemTap; mkdtemp still makes it
// ours. Empty after an error.
std::string make_build_dir(BackendRun &r) {
  const Options &opts = r.opts;
  std::string parent = !opts.tmpdir.empty()       ? opts.tmpdir
                       : !opts.tmpdir_env.empty() ? opts.tmpdir_env
                                                  : "/tmp";
  std::string tmpl = parent + "/stapXXXXXX";
  if (!mkdtemp(tmpl.data())) {
    r.fe.diags().report(DiagId::build_failed, {},
                        "cannot create a build directory in '" + parent +
                            "': " + std::strerror(errno));
    return "";
  }
  return fs::absolute(tmpl).string();
}

// Pass 4 proper: kbuild in `work`.
ModuleBuildResult build_in(BackendRun &r, const Translation &c,
                           const std::string &work, ModuleBuildRequest &req) {
  const Options &opts = r.opts;
  PassTimer pass4;
  req.module_name = r.module_name;
  req.c_source = c.c_source;
  req.kernel_build_dir = r.kernel.build_dir();
  req.runtime_dir = r.runtime_dir;
  req.work_dir = work + "/build";
  // A restricted build reads nothing the user could have planted: the
  // kernel feature header is made afresh rather than taken from the cache.
  req.cache_dir =
      r.use_cache && opts.cache_reads ? r.cache.dir() + "/features" : "";
  req.defines = opts.macro_defines;
  for (const std::string &d : option_defines(opts)) req.defines.push_back(d);
  req.frame_limit = r.frame_limit;
  req.unprivileged = r.in.privilege_level != Level::stapdev;
  req.emission_check = req.unprivileged || opts.emission_check;
  req.checker_path = opts.layout.checker;
  req.api_dir = r.runtime_dir + "/api";
  req.verbose = opts.verbose >= 3;
  ModuleBuildResult built = build_module(req);
  if (opts.verbose)
    r.io.err << "Pass 4: compiled C into \"" << r.module_name << ".ko\""
             << (built.features_from_cache ? " (kernel features cached)" : "")
             << (built.runtime_from_cache ? " (runtime prebuilt)" : "")
             << (req.emission_check && built.ok ? " (emission check passed)"
                                                : "")
             << pass4.usage_since_start() << "\n";
  return built;
}

// The build's errors and warnings as diagnostics; false when the module
// is not to be used (an error, or a warning under -W).
bool judge_build(BackendRun &r, const ModuleBuildResult &built,
                 const Translation &c) {
  const Options &opts = r.opts;
  if (!built.ok) {
    if (!built.log.empty() && (opts.verbose || built.translator_bug))
      r.io.err << built.log;
    report_frame_overflows(r.fe.diags(), built, c);
    // A frame overflow alone needs no second, vaguer error.
    if (built.frame_overflows.empty() || !built.compiler_errors.empty()) {
      Diagnostic &d = r.fe.diags().report(
          built.translator_bug ? DiagId::internal_error : DiagId::build_failed,
          {}, built.error);
      // Without -v the compiler's own error lines still say what broke.
      if (!opts.verbose)
        add_compiler_notes(d, built.compiler_errors,
                           built.compiler_errors_omitted);
    }
    return false;
  }
  if (built.compiler_warnings.empty()) return true;
  // Generated C and the runtime are meant to compile cleanly on every
  // kernel: a warning is a portability bug (or the user's embedded C).
  if (opts.verbose) r.io.err << built.log;
  size_t n = built.compiler_warnings.size() + built.compiler_warnings_omitted;
  Diagnostic &d = r.fe.diags().report(
      DiagId::build_compiler_warning, {},
      "the C compiler printed " + std::to_string(n) +
          (n == 1 ? " warning" : " warnings") + " building the module");
  add_compiler_notes(d, built.compiler_warnings,
                     built.compiler_warnings_omitted);
  // -W made it an error: the module is neither cached nor run.
  return !r.fe.diags().has_errors();
}

// Where the built module goes: -m's current directory, the cache, or
// (no cache, -p4) its build directory, which is then kept.
std::string place_module(BackendRun &r, const ModuleBuildResult &built,
                         const Translation &c, bool *keep_work) {
  const Options &opts = r.opts;
  if (!opts.module_name.empty()) {
    // -m NAME: the module is left in the current directory, as stap does.
    std::string dest = r.module_name + ".ko";
    std::error_code ec;
    fs::copy_file(built.ko_path, dest, fs::copy_options::overwrite_existing,
                  ec);
    return fs::absolute(dest).string();
  }
  if (r.use_cache && opts.cache_writes) {
    std::string err;
    if (auto stored = r.cache.store(r.key, built.ko_path, c.c_source, &err))
      return *stored;
    if (opts.verbose) r.io.err << "stap: warning: " << err << "\n";
  } else if (opts.last_pass == 4) {
    // No cache (a restricted build): the module stays where it was built.
    *keep_work = true;
  }
  return built.ko_path;
}

// Pass 4 with its build directory, then pass 5 (or -p4's path).
BackendResult build_and_run(BackendRun &r, const Translation &c) {
  const Options &opts = r.opts;
  std::string work = make_build_dir(r);
  if (work.empty()) return r.failed(4);
  auto drop_work = [&](bool keep) {
    if (opts.keep_temps)
      r.io.err << "Keeping temporary directory \"" << work << "\"\n";
    else if (!keep)
      fs::remove_all(work);
  };
  ModuleBuildRequest req;
  ModuleBuildResult built = build_in(r, c, work, req);
  if (!judge_build(r, built, c)) {
    if (!opts.keep_temps) fs::remove_all(work);
    return r.failed(4);
  }
  bool keep_work = opts.keep_temps;
  std::string ko = place_module(r, built, c, &keep_work);
  if (!opts.sign_key_dir.empty() && !sign_module(opts, ko, r.fe)) {
    if (!opts.keep_temps) fs::remove_all(work);
    return r.failed(4);
  }
  if (opts.last_pass == 4) {
    drop_work(keep_work);
    r.io.out << ko << "\n";
    return r.result;
  }
  // Pass 5: run, then drop the build directory (unless -k).
  run_pass5(r, ko);
  drop_work(false);
  return r.result;
}

}  // namespace

BackendResult run_backend(const Options &opts, const KernelTarget &kernel,
                          FrontEnd &fe, const BackendInput &in, Streams io) {
  BackendRun r{opts, kernel, fe, in, io};
  prepare(r);
  if (auto cached = from_cache(r)) return *cached;
  std::optional<Translation> c = run_pass3(r);
  if (!c) return r.failed(3);
  if (opts.last_pass == 3) {
    io.out << c->c_source;
    return r.result;
  }
  if (!kernel.has_build_dir()) {
    fe.diags().report(DiagId::build_kernel_tree_missing, {},
                      "kernel build tree '" + kernel.build_dir() +
                          "' not found: install the headers for kernel '" +
                          kernel.release() + "' or choose another with -r");
    return r.failed(4);
  }
  return build_and_run(r, *c);
}

}  // namespace stap
