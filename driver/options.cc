#include "driver/options.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <string_view>

#include "driver/compat_options.h"
#include "driver/kernel_target.h"
#include "kbuild/make_quote.h"
#include "privilege/request.h"
#include "probes/c_writer.h"
#include "runtime/config.h"

namespace stap {

namespace {

using Arg = OptionArg;

// A kernel release as /lib/modules names it ("6.1.0-57-amd64").
bool is_release_name(std::string_view v) {
  if (v.empty() || v == "." || v == "..") return false;
  for (char c : v)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("._+~-").find(c) == std::string_view::npos)
      return false;
  return true;
}

// Every option the command accepts. A short name of 0 means long-only.
struct OptionSpec {
  char short_name;
  const char *long_name;  // nullptr: short-only
  Arg arg;
  const char *ignored_because = nullptr;  // set: accepted, not acted on
};

constexpr OptionSpec kOptions[] = {
    {'h', "help", Arg::none},
    {'V', "version", Arg::none},
    {'v', nullptr, Arg::none},
    {'p', nullptr, Arg::required},
    {'e', nullptr, Arg::required},
    {'w', nullptr, Arg::none},
    {'W', nullptr, Arg::none},
    {'u', nullptr, Arg::none},
    {'g', nullptr, Arg::none},
    {'k', nullptr, Arg::none},
    {'t', nullptr, Arg::none},
    {'b', nullptr, Arg::none},
    {'I', nullptr, Arg::required},
    {'D', nullptr, Arg::required},
    {'G', nullptr, Arg::required},
    {'r', nullptr, Arg::required},
    {'a', nullptr, Arg::required},
    {'m', nullptr, Arg::required},
    {'o', nullptr, Arg::required},
    {'c', nullptr, Arg::required},
    {'x', nullptr, Arg::required},
    {'T', nullptr, Arg::required},
    {'l', nullptr, Arg::required},
    {'L', nullptr, Arg::required},
    {'R', nullptr, Arg::required},
    {'B', nullptr, Arg::required},
    {'s', nullptr, Arg::required},
    {'S', nullptr, Arg::required},
    {'E', nullptr, Arg::required},
    {0, "dump-probe-types", Arg::none},
    {0, "dump-functions", Arg::none},
    {0, "privilege", Arg::required},
    {0, "unprivileged", Arg::none},
    {0, "remote", Arg::required},
    {0, "sign-module", Arg::required},
    {0, "sarif", Arg::none},
    {0, "emission-check", Arg::none},
    {0, "lint-format", Arg::required},
    {0, "color", Arg::optional},
    {0, "colour", Arg::optional},
    {0, "compatible", Arg::required},
    {0, "runtime", Arg::required},
    {0, "dyninst", Arg::none},
    {0, "bpf", Arg::none},
    {0, "dump-probe-aliases", Arg::none},
    {0, "disable-cache", Arg::none},
    {0, "poison-cache", Arg::none},
    {0, "clean-cache", Arg::none},
    {0, "suppress-time-limits", Arg::none},
    {0, "tmpdir", Arg::required},
    {'d', nullptr, Arg::required},
    {0, "ldd", Arg::none},
    {0, "sysroot", Arg::required},
    {0, "rlimit-as", Arg::required},
    {0, "rlimit-cpu", Arg::required},
    {0, "rlimit-nproc", Arg::required},
    {0, "rlimit-stack", Arg::required},
    {0, "rlimit-fsize", Arg::required},
};

// The options above, then SystemTap's options that do not apply here.
const std::vector<OptionSpec> &all_options() {
  static const std::vector<OptionSpec> all = [] {
    std::vector<OptionSpec> v(std::begin(kOptions), std::end(kOptions));
    for (const InapplicableOption &o : inapplicable_options())
      v.push_back({o.short_name, o.long_name, o.arg, o.reason});
    return v;
  }();
  return all;
}

std::optional<long> to_long(std::string_view s) {
  long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string display(const OptionSpec &o) {
  if (o.short_name) return std::string("-") + o.short_name;
  return std::string("--") + o.long_name;
}

// Accumulates options and positional words; checks the combination at the end.
class Reader {
public:
  explicit Reader(const std::vector<std::string> &args) : args_(args) {}

  ParsedOptions run() {
    bool options_ended = false;
    for (i_ = 0; i_ < args_.size(); ++i_) {
      const std::string &a = args_[i_];
      if (options_ended || a == "-" || a.size() < 2 || a[0] != '-')
        positionals_.push_back(a);
      else if (a == "--")
        options_ended = true;
      else if (a[1] == '-')
        read_long(a.substr(2));
      else
        read_cluster(a);
    }
    assign_positionals();
    check_combination();
    return std::move(out_);
  }

private:
  void error(std::string msg) {
    out_.errors.push_back({DiagId::opt_bad, std::move(msg)});
  }

  // The argument of an option that needs one: the rest of the word, or the
  // next word.
  std::optional<std::string> take_argument(const OptionSpec &o,
                                           std::string_view rest) {
    if (!rest.empty()) return std::string(rest);
    if (i_ + 1 < args_.size()) return args_[++i_];
    error("option '" + display(o) + "' requires an argument");
    return std::nullopt;
  }

  void read_cluster(std::string_view word) {
    for (size_t j = 1; j < word.size(); ++j) {
      char c = word[j];
      const OptionSpec *spec = nullptr;
      for (const OptionSpec &o : all_options())
        if (o.short_name == c) spec = &o;
      if (!spec) {
        error(std::string("unknown option '-") + c + "'");
        continue;
      }
      if (spec->arg == Arg::none) {
        apply(*spec, "");
        continue;
      }
      if (auto value = take_argument(*spec, word.substr(j + 1)))
        apply(*spec, *value);
      return;  // the argument used up the rest of the word
    }
  }

  void read_long(std::string_view body) {
    std::string_view name = body;
    std::optional<std::string> inline_value;
    if (size_t eq = body.find('='); eq != std::string_view::npos) {
      name = body.substr(0, eq);
      inline_value = std::string(body.substr(eq + 1));
    }
    // Like getopt_long: an exact name wins, else a unique prefix.
    const OptionSpec *spec = nullptr;
    int prefix_matches = 0;
    for (const OptionSpec &o : all_options()) {
      if (!o.long_name) continue;
      std::string_view ln = o.long_name;
      if (ln == name) {
        spec = &o;
        prefix_matches = 1;
        break;
      }
      if (!name.empty() && ln.starts_with(name)) {
        spec = &o;
        ++prefix_matches;
      }
    }
    if (!spec || prefix_matches != 1) {
      error(std::string(prefix_matches > 1 ? "ambiguous" : "unknown") +
            " option '--" + std::string(name) + "'");
      return;
    }
    if (spec->arg == Arg::none) {
      if (inline_value)
        error("option '--" + std::string(spec->long_name) +
              "' does not take an argument");
      else
        apply(*spec, "");
      return;
    }
    if (inline_value) {
      apply(*spec, *inline_value);
    } else if (spec->arg == Arg::optional) {
      apply(*spec, "");  // like getopt_long: never the next word
    } else if (auto value = take_argument(*spec, "")) {
      apply(*spec, *value);
    }
  }

  void apply(const OptionSpec &o, const std::string &v) {
    Options &opt = out_.options;
    std::string_view name = o.long_name ? o.long_name : "";
    if (o.ignored_because) {
      ignored(o, o.ignored_because);
      return;
    }
    switch (o.short_name) {
    case 'h': opt.show_help = true; return;
    case 'V': opt.show_version = true; return;
    case 'v': ++opt.verbose; return;
    case 'p': {
      auto n = to_long(v);
      if (!n || *n < 1 || *n > 5)
        error("invalid pass number '" + v + "' (expected 1 to 5)");
      else
        opt.last_pass = static_cast<int>(*n);
      opt.last_pass_given = true;
      return;
    }
    case 'e':
      if (inline_script_seen_) error("only one '-e' script may be given");
      inline_script_seen_ = true;
      opt.source = ScriptSource::inline_;
      opt.script_text = v;
      return;
    case 'w': opt.suppress_warnings = true; return;
    case 'W': opt.warnings_are_errors = true; return;
    case 'u': opt.unoptimized = true; return;
    case 'g': opt.guru = true; return;
    case 'k': opt.keep_temps = true; return;
    case 't': opt.probe_timing = true; return;
    case 'b': opt.bulk_mode = true; return;
    case 'I': opt.include_dirs.push_back(v); return;
    case 'd':
      // A path: a user binary whose symbols and unwind data the module
      // carries; a kernel module's name adds nothing (kallsyms has them).
      if (v.find('/') != std::string::npos)
        opt.symbol_files.push_back(v);
      else
        ignored(o, "kernel symbols come from the running kernel");
      return;
    case 'D':
      // The value reaches the kbuild Makefile and the compiler's command
      // line: a closed character set, never quoted text.
      if (std::string why = macro_define_problem(v); !why.empty())
        error("invalid '-D " + v + "': " + why);
      else
        opt.macro_defines.push_back(v);
      return;
    case 'G': {
      size_t eq = v.find('=');
      if (eq == std::string::npos || !is_c_identifier(v.substr(0, eq)) ||
          eq + 1 == v.size())
        error("invalid '-G " + v + "' (expected NAME=VALUE)");
      else
        opt.global_inits.emplace_back(v.substr(0, eq), v.substr(eq + 1));
      return;
    }
    case 'r':
      // A path names a build tree; anything else is a release name.
      if (v.find('/') != std::string::npos) {
        opt.kernel_build_dir = v;
        opt.kernel_release.clear();
      } else if (!is_release_name(v)) {
        // The name becomes /lib/modules/NAME/build: no way out of it.
        error("invalid kernel release '" + v +
              "' for '-r' (letters, digits and . _ + ~ - only; a build "
              "tree is named by a path with a '/')");
      } else {
        opt.kernel_release = v;
        opt.kernel_build_dir.clear();
      }
      return;
    case 'a':
      // The name is joined to every tapset directory: only an architecture
      // we know, by its SystemTap name, may become a path component.
      if (std::optional<std::string> arch = known_arch(v))
        opt.arch = *arch;
      else
        error("unknown architecture '" + v + "' for '-a' (expected one of " +
              known_arch_list() + ")");
      return;
    case 'm':
      if (!is_c_identifier(v))
        error("invalid module name '" + v +
              "' (use letters, digits and underscores)");
      else if (v.size() > 55)
        error("module name '" + v + "' is longer than 55 characters");
      opt.module_name = v;
      return;
    case 'o': opt.output_file = v; return;
    case 'S': {
      // SIZE[,N]: the bounds staprun checks again (staprun/common.h).
      size_t comma = v.find(',');
      auto mb = to_long(std::string_view(v).substr(0, comma));
      auto keep = comma == std::string::npos
                      ? std::optional<long>(1)
                      : to_long(std::string_view(v).substr(comma + 1));
      if (!mb || *mb < 1 || *mb > 4095 || !keep || *keep < 1 || *keep > INT_MAX)
        error("invalid '-S " + v +
              "' (expected SIZE[,N]: megabytes 1 to 4095, files at least 1)");
      else
        opt.output_switch = v;
      return;
    }
    case 'c': opt.target_command = v; return;
    case 'T': {
      auto seconds = to_long(v);
      if (!seconds || *seconds < 1 || *seconds > INT_MAX)
        error("invalid time limit '" + v +
              "' for '-T' (expected seconds, at least 1)");
      else
        opt.time_limit = seconds;
      return;
    }
    case 'x': {
      auto pid = to_long(v);
      if (!pid || *pid <= 0)
        error("invalid process id '" + v + "'");
      else
        opt.target_pid = pid;
      return;
    }
    case 'l':
    case 'L':
      if (opt.list_probes) error("only one '-l' or '-L' pattern may be given");
      opt.list_probes = true;
      opt.list_with_vars = o.short_name == 'L';
      opt.list_pattern = v;
      return;
    case 'R': opt.runtime_dir = v; return;
    case 'B': opt.kbuild_options.push_back(v); return;
    case 'E': opt.extra_scripts.push_back(v); return;
    case 's': {
      auto mb = to_long(v);
      if (!mb || *mb < 1 || *mb > 4095)
        error("invalid buffer size '" + v + "' (expected 1 to 4095 MB)");
      else
        opt.buffer_mb = mb;
      return;
    }
    default: break;
    }
    if (name == "dump-probe-types") {
      opt.dump_probe_types = true;
    } else if (name == "dump-functions") {
      opt.dump_functions = true;
    } else if (name == "privilege") {
      // LEVEL, optionally with extra actions: stapusr+probe.kernel.trace,
      // parsed here once against the catalogue (privilege/actions.def).
      std::string name = v.substr(0, v.find('+'));
      Level level = Level::stapdev;
      ActionSet extras;
      std::string why;
      if (!level_from_name(name)) {
        error("invalid privilege level '" + name +
              "' (expected stapusr, stapsys or stapdev)");
      } else if (!parse_privilege_arg(v, &level, &extras, &why)) {
        error("invalid '--privilege=" + v + "': " + why);
      } else {
        request_privilege(level, "--privilege=" + v);
        opt.privilege_extras.add(extras);
      }
    } else if (name == "unprivileged") {
      opt.unprivileged_flag = true;
      request_privilege(Level::stapusr, "--unprivileged");
    } else if (name == "remote") {
      // Only the built-in test VM for now; a compile server comes later.
      if (v != "vm")
        error("unsupported remote '" + v + "' (only --remote=vm is supported)");
      else
        opt.remotes.push_back(v);
    } else if (name == "sign-module") {
      opt.sign_key_dir = v;
    } else if (name == "emission-check") {
      opt.emission_check = true;
    } else if (name == "sarif") {
      opt.lint_format = "sarif";
    } else if (name == "lint-format") {
      if (v != "sarif" && v != "json" && v != "text")
        error("invalid lint format '" + v + "' (expected sarif, json or text)");
      else
        opt.lint_format = v;
    } else if (name == "color" || name == "colour") {
      // stap(1): no WHEN means always; no option at all means auto.
      if (v.empty() || v == "always")
        opt.color = ColorWhen::always;
      else if (v == "never")
        opt.color = ColorWhen::never;
      else if (v == "auto")
        opt.color = ColorWhen::auto_;
      else
        error("invalid '--" + std::string(name) + "=" + v +
              "' (expected always, never or auto)");
    } else if (name == "compatible") {
      opt.compatible = v;
    } else if (name == "runtime") {
      if (v != "kernel" && v != "bpf" && v != "dyninst")
        error("invalid runtime '" + v + "' (expected kernel, bpf or dyninst)");
      else
        opt.runtime = v;
    } else if (name == "dyninst" || name == "bpf") {
      opt.runtime = std::string(name);
    } else if (name == "dump-probe-aliases") {
      opt.dump_probe_aliases = true;
    } else if (name == "disable-cache") {
      opt.cache_reads = opt.cache_writes = false;
    } else if (name == "poison-cache") {
      opt.cache_reads = false;
    } else if (name == "clean-cache") {
      opt.clean_cache = true;
    } else if (name == "suppress-time-limits") {
      opt.suppress_time_limits = true;
    } else if (name == "ldd") {
      opt.ldd = true;
    } else if (name == "tmpdir") {
      opt.tmpdir = v;
    } else if (name == "sysroot") {
      // Not used, but recorded: the privilege pass still judges it.
      opt.sysroot = v;
      ignored(o, "there is no sysroot support");
    } else if (name.starts_with("rlimit-")) {
      auto n = to_long(v);
      if (!n || *n < 0)
        error("invalid '--" + std::string(name) + "' value '" + v +
              "' (expected a number)");
      else
        opt.rlimits.emplace_back(std::string(name.substr(7)), *n);
    }
  }

  // Accepted, recorded where it is, but not acted on yet: said once.
  void ignored(const OptionSpec &o, const char *why) {
    std::vector<std::string> &notes = out_.options.ignored_options;
    std::string note = "option '" + display(o) + "' is ignored: " + why;
    if (std::find(notes.begin(), notes.end(), note) == notes.end())
      notes.push_back(note);
  }

  // Two different requests are an error whatever their order.
  void request_privilege(Level level, const std::string &how) {
    Options &opt = out_.options;
    if (opt.privilege_given && opt.privilege != level)
      error("'" + how + "' conflicts with '" + privilege_how_ + "'");
    opt.privilege = level;
    opt.privilege_given = true;
    privilege_how_ = how;
  }

  void assign_positionals() {
    Options &opt = out_.options;
    auto it = positionals_.begin();
    if (opt.source == ScriptSource::none && !opt.is_query() &&
        it != positionals_.end()) {
      if (*it == "-") {
        opt.source = ScriptSource::stdin_;
      } else {
        opt.source = ScriptSource::file;
        opt.script_path = *it;
      }
      ++it;
    }
    opt.script_args.assign(it, positionals_.end());
  }

  void check_combination() {
    Options &opt = out_.options;
    // Like SystemTap, --clean-cache prunes and exits, whatever else is given.
    if (opt.show_help || opt.show_version || opt.clean_cache) return;
    if (!opt.target_command.empty() && opt.target_pid)
      error("'-c' and '-x' cannot both be given");
    // The buffer is kernel memory every user of the machine shares: only
    // stapdev may ask for more than the default, as with -D STP_BUFSIZE.
    if (opt.buffer_mb && (*opt.buffer_mb << 20) > STP_BUFSIZE &&
        opt.privilege != Level::stapdev)
      error("'-s " + std::to_string(*opt.buffer_mb) +
            "' asks for more than the default output buffer (" +
            std::to_string(STP_BUFSIZE >> 20) + " MB), which needs stapdev");
    // SystemTap refuses it without -g: it lifts the limits that keep a
    // probe handler from stalling the kernel.
    if (opt.suppress_time_limits && !opt.guru)
      error("'--suppress-time-limits' requires guru mode (-g)");
    const char *query = opt.list_probes       ? (opt.list_with_vars ? "-L" : "-l")
                        : opt.dump_probe_types ? "--dump-probe-types"
                        : opt.dump_probe_aliases ? "--dump-probe-aliases"
                        : opt.dump_functions   ? "--dump-functions"
                                               : nullptr;
    if (query) {
      if (opt.source != ScriptSource::none)
        error(std::string("'") + query + "' cannot be combined with a script");
      else if (!opt.script_args.empty())
        error("unexpected argument '" + opt.script_args.front() + "' with '" +
              query + "'");
      else if (!opt.extra_scripts.empty())
        error(std::string("'-E' cannot be combined with '") + query + "'");
      if (opt.list_probes + opt.dump_probe_types + opt.dump_probe_aliases +
              opt.dump_functions >
          1)
        error("only one of '-l', '-L', '--dump-probe-types', "
              "'--dump-probe-aliases' and '--dump-functions' may be given");
      return;
    }
    // A bad option often swallowed the script name; say only what is wrong.
    if (opt.source == ScriptSource::none && out_.errors.empty())
      out_.errors.push_back({DiagId::opt_no_script, "no script specified"});
  }

  const std::vector<std::string> &args_;
  size_t i_ = 0;
  std::vector<std::string> positionals_;
  bool inline_script_seen_ = false;
  std::string privilege_how_;
  ParsedOptions out_;
};

}  // namespace

std::string Options::environment_value(std::string_view name) const {
  for (const auto &[n, v] : environment)
    if (n == name) return v;
  return "";
}

std::string Options::script_display_name() const {
  switch (source) {
  case ScriptSource::file: return script_path;
  case ScriptSource::inline_: return "<input>";
  case ScriptSource::stdin_: return "<stdin>";
  case ScriptSource::none: break;
  }
  return "<none>";
}

ParsedOptions parse_options(const std::vector<std::string> &args) {
  return Reader(args).run();
}

std::string usage_text() {
  return R"(Usage: stap [OPTIONS] FILE [ARGS ...]     run a script file
       stap [OPTIONS] -                      read the script from stdin
       stap [OPTIONS] -e SCRIPT [ARGS ...]   run a one-line script
       stap [OPTIONS] -l PATTERN | -L PATTERN | --dump-probe-types | --dump-functions

Options:
  -h, --help         show this help
  -V, --version      show the version
  -v                 more verbose (pass timings); repeat for more
  -p NUM             stop after pass NUM (1 parse, 2 elaborate, 3 translate,
                     4 build, 5 run)
  -e SCRIPT          the script text
  -w                 suppress warnings
  -W                 treat warnings as errors
  -u                 unoptimized: keep unused functions and variables
  -g                 guru mode (embedded C, writes to kernel memory)
  -I DIR             look for tapsets in DIR before the built-in library
  -D NAME[=VALUE]    define a C macro for the module
  -G NAME=VALUE      set a global variable at load time
  -r RELEASE|DIR     kernel release, or kernel build tree (default: uname -r)
  -a ARCH            target architecture
  -m MODULE          module name
  -k                 keep the temporary build directory
  -o FILE            send output to FILE
  -S SIZE[,N]        with -o: switch to FILE.0, FILE.1 ... every SIZE MB,
                     keeping the newest N files
  -c CMD             run CMD, probing it; exit when it exits
  -x PID             set target() to PID
  -l PATTERN         list probe points matching PATTERN
  -L PATTERN         list them with their context variables
  -R DIR             runtime directory
  -B OPT             option for kbuild (make)
  -E SCRIPT          run SCRIPT too, beside the main script (repeatable)
  -s NUM             output buffer of NUM megabytes (1 to 4095; above the
                     default of 1, stapdev only)
  -t                 report each probe's hits and cost in cycles at the end
  -T SECONDS         stop the session after SECONDS
  -d PATH            carry PATH's symbols and unwind tables (user space;
                     a kernel module name is ignored with a warning)
  --ldd              with -d and process probes: their libraries too
  --dump-probe-types list the probe point types
  --dump-probe-aliases
                     list the tapset library's probe aliases
  --dump-functions   list every tapset function with its signature
  --disable-cache    neither read nor write the module cache
  --poison-cache     do not read the module cache (still write it)
  --clean-cache      remove the cached modules, then exit
  --tmpdir=DIR       make build directories in DIR instead of /tmp
  --suppress-time-limits
                     lift the overload, MAXACTION and MAXTRYLOCK limits (-g)
  --rlimit-as=N, --rlimit-cpu=N, --rlimit-nproc=N, --rlimit-stack=N,
  --rlimit-fsize=N   resource limits for stap and what it runs
  --sysroot=DIR      judged by --privilege, otherwise ignored
  --privilege=LEVEL  build for stapusr, stapsys or stapdev (default)
  --unprivileged     the same as --privilege=stapusr
  --emission-check   check the generated C with Clang for every build
                     (always on below stapdev)
  --remote=URL       run on a remote host
  --sign-module=DIR  sign the module with the key in DIR (stap-sign new-key)
  --sarif            report diagnostics as SARIF (--lint-format=sarif)
  --lint-format=FMT  diagnostics as text, json or sarif
  --compatible=VER   behave like SystemTap version VER (default 5.0)
  --runtime=MODE     kernel (default), bpf or dyninst (also --bpf, --dyninst)

SystemTap's other options are accepted and ignored, with a warning saying
why: -b -C -F -i -P -q --all-modules --benchmark-sdt
--check-version --color --colour --download-debuginfo --example
--list-servers --modinfo --monitor --no-global-var-display
--prologue-searching --remote-prefix --save-uprobes --sign-module
--skip-badvars --suppress-handler-errors --sysenv --target-namespaces
--trust-servers --use-server --use-server-on-error --vp
)";
}

std::string version_text() {
  return "stap translator/driver (version " STAP_VERSION
         ", compatible with SystemTap 5.0)\n"
         "This is free software; see the source for copying conditions.\n";
}

}  // namespace stap
