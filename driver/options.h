// The command line, read once into an immutable Options.
//
// Parsing follows SystemTap's getopt conventions (clustered short flags such
// as -vp2 or -wv, option arguments attached or separate, options allowed after
// the script and its arguments, "--" ending the options) and checks the whole
// set only after every option is read, so `--privilege` may come last.
// Policy lives elsewhere: the privilege pass decides what the recorded
// privilege allows; this file only records what was asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "driver/install_layout.h"
#include "parser/diagnostics.h"
#include "privilege/actions.h"

namespace stap {

enum class ScriptSource : uint8_t {
  none,    // -l/-L, --dump-*, -V, -h
  file,    // stap script.stp
  inline_, // stap -e '...'
  stdin_,  // stap -
};

// When diagnostics are coloured (stap(1) --color): auto_ means when
// standard error is a terminal.
enum class ColorWhen : uint8_t { auto_, always, never };

struct Options {
  // ---- the script
  ScriptSource source = ScriptSource::none;
  std::string script_path;  // ScriptSource::file
  std::string script_text;  // ScriptSource::inline_
  std::vector<std::string> extra_scripts;  // -E SCRIPT, each one more file
  std::vector<std::string> script_args;  // $1, $2 ...

  // ---- what to do
  int last_pass = 5;           // -pN
  bool last_pass_given = false;
  int verbose = 0;             // -v, -vv, -vvv
  bool show_help = false;      // -h, --help
  bool show_version = false;   // -V, --version
  std::string list_pattern;    // -l / -L PATTERN
  bool list_probes = false;    // -l
  bool list_with_vars = false; // -L (list_probes is true too)
  bool dump_probe_types = false;
  bool dump_functions = false;
  bool dump_probe_aliases = false;  // --dump-probe-aliases
  bool clean_cache = false;         // --clean-cache: prune, then exit

  // ---- diagnostics
  bool suppress_warnings = false;    // -w
  bool warnings_are_errors = false;  // -W
  std::string lint_format = "text";  // --sarif, --lint-format=sarif|json|text
  ColorWhen color = ColorWhen::auto_;  // --color[=WHEN], --colour
  // SYSTEMTAP_COLORS, unset: nullopt (diagnostic_colors.h reads it).
  std::optional<std::string> colors_env;

  // ---- translation
  bool unoptimized = false;  // -u
  bool guru = false;         // -g
  std::vector<std::string> include_dirs;  // -I DIR, in order
  std::vector<std::string> macro_defines; // -D NAME[=VALUE], as written
  std::vector<std::pair<std::string, std::string>> global_inits;  // -G n=v
  std::string arch;  // -a ARCH, a known architecture (empty: the target's)
  std::string compatible = "5.0";  // --compatible=VERSION
  std::string runtime = "kernel";  // --runtime=kernel|bpf|dyninst

  // ---- kernel target (see kernel_target.h)
  std::string kernel_release;   // -r RELEASE (empty: uname -r)
  std::string kernel_build_dir; // -r /path/to/build/tree

  // ---- build and run
  std::string module_name;    // -m MODULE
  bool keep_temps = false;    // -k
  std::string output_file;    // -o FILE
  std::string target_command; // -c CMD
  std::optional<long> target_pid;  // -x PID
  std::optional<long> time_limit;  // -T SECONDS: staprun stops the session
  std::string runtime_dir;    // -R DIR
  std::vector<std::string> kbuild_options;  // -B OPT
  std::optional<long> buffer_mb;  // -s NUM
  std::string output_switch;      // -S SIZE[,N], checked; inert without -o
  bool probe_timing = false;  // -t
  bool bulk_mode = false;     // -b: per-CPU output files
  bool emission_check = false;  // --emission-check (always on below stapdev)
  bool cache_reads = true;    // false: --disable-cache, --poison-cache
  bool cache_writes = true;   // false: --disable-cache
  bool suppress_time_limits = false;  // --suppress-time-limits (needs -g)
  std::string tmpdir;         // --tmpdir=DIR: where build directories go
  // -d PATH: user binaries whose symbol and unwind tables the module
  // carries besides the probed ones; --ldd: their shared libraries too.
  std::vector<std::string> symbol_files;
  bool ldd = false;
  std::string sysroot;        // --sysroot=DIR (ignored, but judged)
  // --rlimit-as=N and friends: {"as", N}, applied to stap itself.
  std::vector<std::pair<std::string, long>> rlimits;
  // SystemTap options accepted without effect, one line each saying why
  // ("option '--ldd' is ignored: ..."); see compat_options.h.
  std::vector<std::string> ignored_options;
  std::vector<std::string> remotes;  // --remote=URL
  std::string sign_key_dir;  // --sign-module=KEYDIR (stap-sign new-key)

  // ---- privilege (recorded here, enforced by the privilege pass)
  Level privilege = Level::stapdev;   // stapusr | stapsys | stapdev
  ActionSet privilege_extras;         // --privilege=LEVEL+action...
  bool privilege_given = false;       // --privilege or --unprivileged seen
  bool unprivileged_flag = false;     // --unprivileged (= stapusr)

  // ---- environment
  // The set variables among privilege_environment_variables() (tapset,
  // runtime, cache and kernel choices, compiler flags), read once when the
  // command starts: every pass asks here, never getenv, so a restricted run
  // works without them by clearing this list.
  std::vector<std::pair<std::string, std::string>> environment;
  // One of them, empty when unset.
  std::string environment_value(std::string_view name) const;
  // The rest of what the run takes from its environment (read_environment,
  // driver/environment.h).
  std::string home;  // $HOME, else the password entry's directory
  std::vector<std::string> program_path;  // $PATH's directories
  std::string tmpdir_env;                 // $TMPDIR
  // The user's SystemTap cache directory, checked to be theirs alone
  // (symbols/systemtap_dir.h); empty: no cache this run, and
  // cache_dir_problem says why.
  std::string cache_dir;
  std::string cache_dir_problem;
  // Where the tapsets, runtime and helper programs are.
  InstallLayout layout = this_install_layout();

  // The name diagnostics show for the user script.
  std::string script_display_name() const;
  // True when the run only lists or dumps and needs no script.
  bool is_query() const {
    return list_probes || dump_probe_types || dump_functions ||
           dump_probe_aliases;
  }
};

struct OptionError {
  DiagId id;  // opt_bad or opt_no_script
  std::string message;
};

struct ParsedOptions {
  Options options;
  std::vector<OptionError> errors;  // empty on success
  bool ok() const { return errors.empty(); }
};

// Reads argv (without argv[0]). Never exits or prints.
ParsedOptions parse_options(const std::vector<std::string> &args);

// The -h text.
std::string usage_text();
// The -V text.
std::string version_text();

}  // namespace stap
