#!/usr/bin/env python3
"""Command-line tests of `stap`: exit codes, option parsing, script sources,
-p1/-p2 output, -v reports, -w/-W, queries.

Each case runs stap once and checks the exit status plus exact or partial
stdout/stderr. Fixtures a case may use in its arguments or environment:
  {tree}     a fake kernel build tree (.config + include/config/kernel.release)
  {tapsets}  a tapset directory holding one function, `cli_double`
  {sample}   testsuite/sample/hello.stp
  {release}  an installed kernel with headers (cases that build a module
             skip, exit 77, without one); such a case gets its own empty
             module cache, so kbuild really runs, sharing only the kernel
             feature and runtime objects (--kbuild-cache DIR) between runs;
             no_module_in_cache=True checks that it holds no .ko afterwards
  {fifo_tree}    a build tree whose include/config/kernel.release is a FIFO
                 (opening it for reading blocks)
  {arch_escape}  an -a value that climbs out of the tapset directory to a
                 planted tapset defining `evil_fn` with /* unprivileged */ C
  {vm_escape}    a STAPVM_KERNEL value that climbs out of /lib/modules to a
                 planted build tree whose .config sets CONFIG_STAP_PLANTED
  {machine}      this machine's `uname -m`
  {nodebug_release} ...  a release without debuginfo (kernel_debuginfo_cases.py;
                 cases skip, exit 77, without one)
  {debug_release}  the oldest release with debuginfo (cases skip without one)
  {vfs_read_call_line} ...  lines of vfs_read in its DWARF
                 (kernel_debuginfo_cases.py; cases skip without them)
  {tmp}      the run's scratch directory
A case may also create `files` under {tmp} first (a content starting with
"#!" makes an executable), run in `cwd`, and check that `absent` paths were
never created, that stdout does not match `stdout_lacks_re`, and that the
module named on stdout's last line has no symbol `ko_lacks_symbol`. A
--privilege=stapusr build gets no module cache (it uses none, and may not
name one).

Usage: cli_test.py --stap PATH [--kbuild-cache DIR] [--case NAME]...
                                                  run cases (all by default)
       cli_test.py --list                          print the case names
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "sample", "hello.stp")
TRY_HELP = "Try 'stap --help' for more information.\n"
HELLO = 'probe begin { println("hello") exit() }'
PASS1_RE = (r"^Pass 1: parsed user script and \d+ library scripts? using "
            r"\d+virt/\d+res/\d+shr/\d+data kb, in \d+usr/\d+sys/\d+real ms\.$")
PASS2_RE = (r"^Pass 2: analyzed script: 1 probe, \d+ functions?, \d+ embeds?, "
            r"\d+ globals? using \d+virt/\d+res/\d+shr/\d+data kb, "
            r"in \d+usr/\d+sys/\d+real ms\.$")
# A script path whose directory names hold a newline and `*/`: written raw
# into a C comment, it would end the comment and define a symbol.
INJECTED_PATH = "x\n*/\nint stap_injected_sym = 42; /* x.stp"
EMBEDDED_SCRIPT = "function f() %{ /* nothing */ %}\nprobe begin { f() exit() }\n"
CONFIG_SCRIPT = ('%( CONFIG_SMP == "y" %? probe begin { println("smp") } '
                 '%: probe end { println("up") } %)')
# Reads planted_fn only when the planted tree's .config was read.
PLANTED_SCRIPT = ('%( CONFIG_STAP_PLANTED == "y" %? probe begin { planted_fn() } '
                  '%: probe begin { exit() } %)')
EVIL_SCRIPT = "probe begin { println(evil_fn()) exit() }"
DENIED = r"needs privilege action '{}' \(allowed at 'stapdev'; current level 'stapusr'\)"


# What a case may check besides its exit status: every case checks at
# least one (an exit status alone passes for the wrong reason).
OUTPUT_CHECKS = {"stdout", "stderr", "stdout_re", "stderr_re", "stdout_not",
                 "stderr_not", "stdout_lacks_re", "same_stdout_as", "absent",
                 "ko_lacks_symbol", "no_module_in_cache"}


def case(name, args, status, **checks):
    return dict(name=name, args=args, status=status, **checks)


def speed(c):
    """'kbuild' for a case that builds a module (slow), else 'fast'."""
    return "kbuild" if {"-p4", "-p5"} & set(c["args"]) else "fast"


CASES = [
    # ---- information
    case("version", ["-V"], 0, stdout_re=r"^stap translator/driver \(version "),
    case("version_long", ["--version"], 0, stdout_re=r"compatible with SystemTap"),
    case("help", ["-h"], 0, stdout_re=r"^Usage: stap ", stderr=""),
    case("help_wins_over_missing_script", ["--help", "-v"], 0,
         stdout_re=r"--privilege=LEVEL"),

    # ---- bad command lines: one line per problem, a hint, exit 1
    case("no_arguments", [], 1, stdout="",
         stderr="stap: error: no script specified [STAP3002]\n" + TRY_HELP),
    case("unknown_short_option", ["-y", "-e", HELLO], 1, stdout="",
         stderr="stap: error: unknown option '-y' [STAP3001]\n" + TRY_HELP),
    case("unknown_long_option", ["--frobnicate", "-e", HELLO], 1,
         stderr="stap: error: unknown option '--frobnicate' [STAP3001]\n" + TRY_HELP),
    case("bad_pass_number", ["-p6", "-e", HELLO], 1,
         stderr="stap: error: invalid pass number '6' (expected 1 to 5) "
                "[STAP3001]\n" + TRY_HELP),
    case("missing_option_argument", ["-e"], 1,
         stderr="stap: error: option '-e' requires an argument [STAP3001]\n"
                + TRY_HELP),
    case("every_problem_reported", ["-p0", "-x", "pid", "-e", HELLO], 1,
         stderr="stap: error: invalid pass number '0' (expected 1 to 5) [STAP3001]\n"
                "stap: error: invalid process id 'pid' [STAP3001]\n" + TRY_HELP),
    case("c_and_x", ["-x", "1", "-c", "true", "-p1", "-e", HELLO], 1,
         stderr="stap: error: '-c' and '-x' cannot both be given [STAP3001]\n"
                + TRY_HELP),
    case("bad_privilege", ["--privilege=root", "-p1", "-e", HELLO], 1,
         stderr_re=r"invalid privilege level 'root' \(expected stapusr, "
                   r"stapsys or stapdev\)"),
    case("conflicting_privileges",
         ["--privilege=stapsys", "-p1", "-e", HELLO, "--unprivileged"], 1,
         stderr="stap: error: '--unprivileged' conflicts with "
                "'--privilege=stapsys' [STAP3001]\n" + TRY_HELP),
    case("list_with_script", ["-l", "begin", "x.stp"], 1,
         stderr="stap: error: unexpected argument 'x.stp' with '-l' [STAP3001]\n"
                + TRY_HELP),

    # ---- script sources
    case("unknown_file", ["-p1", "/nonexistent/x.stp"], 1, stdout="",
         stderr="stap: error: cannot read script file '/nonexistent/x.stp': "
                "No such file or directory [STAP3003]\nPass 1: parse failed.\n"),
    case("directory_as_script", ["-p1", "/"], 1,
         stderr_re=r"cannot read script file '/': Is a directory \[STAP3003\]"),
    case("inline_p1", ["-p1", "-e", HELLO], 0, stderr="",
         stdout_re=r'(?s)probe begin.*println\("hello"\).*exit\(\)'),
    case("stdin_p1", ["-p1", "-"], 0, stdin=HELLO, stderr="",
         same_stdout_as=["-p1", "-e", HELLO]),
    case("file_p1", ["-p1", "{sample}"], 0, stderr="",
         stdout_re=r'println\("hello, world"\)'),
    case("p1_is_a_fixed_point", ["-p1", "-"], 0, stdin_from_stdout_of=["-p1", "{sample}"],
         same_stdout_as=["-p1", "{sample}"]),
    case("syntax_error", ["-p1", "-e", "probe begin {"], 1, stdout="",
         stderr_re=r"(?m)^<input>:1:\d+: parse error: .* \[STAP1\d\d\d\]$(?s:.*)"
                   r"^Pass 1: parse failed\.$"),
    # SystemTap refuses a script with nothing in it at pass 1.
    case("empty_script", ["-p1", "-e", ""], 1, stdout="",
         stderr_re=r"(?m)^stap: parse error: input file '<input>' is empty "
                   r"\[STAP1108\]\n(?s:.*)^Pass 1: parse failed\.$"),
    case("error_in_file_names_file", ["-p1", "{bad_file}"], 1,
         stderr_re=r"(?m)^\S*bad\.stp:2:\d+: parse error: "),

    # ---- script arguments
    case("script_arguments", ["-p1", "-e", "probe begin { println(@1, $2) }",
                              "hello", "42"], 0,
         stdout_re=r'println\("hello", 42\)'),
    case("missing_script_argument", ["-p1", "-e", "probe begin { println(@1) }"], 1,
         stderr_re=r"\[STAP1020\]"),
    case("option_after_script_arguments",
         ["-e", "probe begin { println(@1) }", "foo", "-p1"], 0,
         stdout_re=r'println\("foo"\)'),
    case("options_end_at_double_dash",
         ["-p1", "-e", "probe begin { println(@1) }", "--", "-x"], 0,
         stdout_re=r'println\("-x"\)'),
    case("file_script_arguments", ["{sample}", "-p", "1", "extra"], 0, stderr="",
         stdout_re=r'println\("hello, world"\)'),

    # ---- option spellings
    case("clustered_flags", ["-wvp1", "-r", "{tree}", "-e", HELLO], 0, stderr_re=PASS1_RE),
    case("separate_pass_argument", ["-p", "1", "-e", HELLO], 0, stderr=""),
    case("privilege_accepted", ["--privilege=stapusr", "-p1", "-e", HELLO], 0,
         stderr=""),
    # SystemTap's words for a refusal, which people grep for, stay in ours.
    case("privilege_probe_wording",
         ["--privilege=stapusr", "-p2", "-e", "probe timer.profile { }"], 1,
         stdout="", stderr_re=r"semantic error: probe point is not allowed for "
                              r"--privilege=stapusr: probe point 'timer.profile'"),
    case("privilege_guru_wording",
         ["--privilege=stapusr", "-g", "-p2", "-e", HELLO], 1, stdout="",
         stderr_re=r"You can't specify -g and --privilege=stapusr together"),
    case("privilege_function_wording",
         ["--privilege=stapusr", "-p2", "-e",
          "probe begin { println(task_current()) }"], 1, stdout="",
         stderr_re=r"function may not be used when --privilege=stapusr is "
                   r"specified: call to function 'task_current'"),
    case("privilege_last", ["-p1", "-e", HELLO, "--privilege", "stapsys"], 0,
         stderr="", stdout_re=r'println\("hello"\)'),
    case("unprivileged_accepted", ["--unprivileged", "-p1", "-e", HELLO], 0,
         stderr="", stdout_re=r'println\("hello"\)'),
    case("recorded_options", ["-p1", "-g", "-u", "-k", "-t", "-s", "4", "-m", "m1",
                              "-o", "/dev/null", "-D", "X=1", "-B", "V=1",
                              "-G", "g=1", "-x", "1", "--sarif", "-e", HELLO], 0,
         stderr="", stdout_re=r'println\("hello"\)'),
    # -s NUM: the output buffer; more than the default is stapdev's.
    case("buffer_size_default_allowed_to_stapusr",
         ["-p1", "--privilege=stapusr", "-s", "1", "-e", HELLO], 0, stderr=""),
    case("buffer_size_above_default_needs_stapdev",
         ["-p1", "-s", "8", "--privilege=stapusr", "-e", HELLO], 1,
         stderr="stap: error: '-s 8' asks for more than the default output "
                "buffer (1 MB), which needs stapdev [STAP3001]\n"
                "Try 'stap --help' for more information.\n"),
    case("buffer_size_out_of_range", ["-p1", "-s", "4096", "-e", HELLO], 1,
         stderr_re=r"invalid buffer size '4096' \(expected 1 to 4095 MB\)"),
    case("buffer_size_huge", ["-p1", "-s", "99999999999999999999", "-e", HELLO],
         1, stderr_re=r"invalid buffer size '99999999999999999999'"),
    # -t: each probe carries its index and derivation, and the module lists
    # them for the hit report (the report itself: run/session/timing_*).
    case("timing_tables",
         ["-p3", "-t", "-e", "probe begin { exit() } probe timer.ms(1), end {}"],
         0, stdout_re=r'(?s)\.index = 0, \.derivation = "begin" \}.*'
                      r'\.index = 1, \.derivation = "timer\.ms\(1\)" \}.*'
                      r'\.index = 2, \.derivation = "end" \}.*'
                      r'stp_timed_probes\[\] = \{\n  &stp_probe_0,\n  &stp_probe_1,\n'
                      r'  &stp_probe_2,\n\};\nconst unsigned int stp_timed_probe_count = 3;'),
    case("timing_off_no_tables",
         ["-p3", "-e", "probe begin { exit() }"], 0,
         stdout_re=r'(?s)^(?!.*stp_timed_probes).*\.handler = probe_0 \};'),

    # -G is read by pass 2's one rule (decimal) and pass 3 emits what pass 2
    # decided: 010 is ten, not C's octal eight.
    case("global_init_one_rule",
         ["-p3", "-G", "x=010", "-e", "global x probe begin { println(x + 1) exit() }"],
         0, stdout_re=r"(?m)^static s64 g_x = 10LL;$"),

    # ---- -v
    case("verbose_pass1", ["-v", "-p1", "-r", "{tree}", "-e", HELLO], 0,
         stderr_re=PASS1_RE),
    case("verbose_pass2", ["-v", "-p2", "-r", "{tree}", "-e", HELLO], 0,
         stderr_re=PASS1_RE[:-1] + r"\n" + PASS2_RE[1:]),
    # -vv: what the arrays preallocate (100 entries of 48 bytes, a hash
    # table of 128 pointers, the map's own header).
    case("verbose_prealloc", ["-vv", "-p2", "-e",
                              "global a[100] probe begin { a[1] = 1 }"], 0,
         stderr_re=r"(?m)^Pass 2: preallocated at load: 6080 bytes \+ 0 bytes "
                   r"per CPU \(limit 67108864, STP_MAX_PREALLOC\)$"),
    case("verbose_missing_tree", ["-v", "-p1", "-r", "0.0.0-missing", "-e", HELLO], 0,
         stderr_re=r"^Kernel build tree '/lib/modules/0.0.0-missing/build' is "
                   r"missing; CONFIG_ options are unknown\n"),

    # ---- the kernel target feeds the preprocessor
    case("config_from_build_tree", ["-p1", "-r", "{tree}", "-e", CONFIG_SCRIPT], 0,
         stderr="", stdout_re=r'probe begin'),
    case("kernel_vr_from_build_tree",
         ["-p1", "-r", "{tree}", "-e",
          '%( kernel_vr == "6.1.0-99-test" && kernel_v == "6.1.0" %? '
          'probe begin {} %: probe end {} %)'], 0, stdout_re=r"probe begin"),
    case("kernel_v_from_release",
         ["-p1", "-r", "5.10.0-1-x", "-e",
          '%( kernel_v == "5.10.0" %? probe begin {} %: probe end {} %)'], 0,
         stdout_re=r"probe begin"),

    # ---- warnings: shown, hidden by -w, fatal with -W
    case("config_unknown_warns", ["-p1", "-r", "/nonexistent/tree", "-e",
                                  CONFIG_SCRIPT], 0,
         stderr_re=r"(?m)^<input>:1:\d+: warning: .*\[STAP1016\]$"),
    case("w_hides_warnings", ["-w", "-p1", "-r", "/nonexistent/tree", "-e",
                              CONFIG_SCRIPT], 0, stderr=""),
    case("W_makes_warnings_fatal", ["-W", "-p1", "-r", "/nonexistent/tree", "-e",
                                    CONFIG_SCRIPT], 1, stdout="",
         stderr_re=r"(?m)^<input>:1:\d+: parse error: .*\[STAP1016\]$"),

    # ---- pass 2 and beyond
    case("p2_sample", ["-p2", "{sample}"], 0, stderr="",
         stdout_re=r"(?m)^# probes\nbegin"),
    case("p2_unresolved_function", ["-p2", "-e", "probe begin { nosuch(1) }"], 1,
         stdout="", stderr_re=r"(?m)^<input>:1:15: semantic error: .*'nosuch'.*"
                              r"\[STAP2001\](?s:.*)^Pass 2: analysis failed\.$"),
    # An error before the target expressions are resolved (here an unknown
    # function) is reported alone: the alias's unresolved char array read
    # beside "" in a '?:' is no "branches differ" error.
    case("p2_error_not_echoed_by_unresolved_targets",
         ["-p2", "-r", "{release}", "-e",
          "probe ioblock.request { println(nosuch(rw)) }"], 1, stdout="",
         stderr="<input>:1:33: semantic error: unresolved function 'nosuch' "
                "(called with 1 argument) [STAP2001]\n"
                "  probe ioblock.request { println(nosuch(rw)) }\n"
                "                                  ^~~~~~~~~~\n"
                "Pass 2: analysis failed.\n"),
    # A kernel function the BTF does not list (it misses some: assembly,
    # functions pahole skipped) is kept for kprobes, with a warning that
    # catches a typo; a tapset's own literal names stay quiet.
    case("p2_kernel_function_not_in_btf_warns",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_reed") { }'], 0,
         stdout='# probes\nkernel.function("vfs_reed")\n',
         stderr="<input>:1:23: warning: no kernel function 'vfs_reed' in the "
                "kernel's BTF; kept for kprobes to look up at run time; did "
                "you mean 'vfs_read'? [STAP2112]\n"
                '  probe kernel.function("vfs_reed") { }\n'
                "                        ^~~~~~~~~~\n"),
    case("p2_kernel_function_not_in_btf_optional_is_dropped",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_reed") ?, kernel.function("vfs_read") { }'],
         0, stderr="", stdout='# probes\nkernel.function("vfs_read")\n'),
    # -r DIR hands the tree to the symbol tables for -l and pass 2 alike.
    case("list_uses_custom_tree",
         ["-l", 'kernel.function("stap_cli_tree_fn_00*")', "-r", "{tree}"], 0,
         stdout="".join(f'kernel.function("stap_cli_tree_fn_{i:03d}")\n'
                        for i in range(10))),
    case("p2_uses_custom_tree",
         ["-p2", "-r", "{tree}", "-e",
          'probe kernel.function("stap_cli_tree_fn_11*") {}'], 0, stderr="",
         stdout_re=r'(?m)^kernel\.function\("stap_cli_tree_fn_119"\)'),
    case("p3_prints_c", ["-p3", "-e", HELLO], 0,
         stdout_re=r"^/\* Generated by stap "),
    # -p2 is the whole lint: what pass 3 cannot build, pass 2 refuses at
    # its place (this was an internal error of pass 3, STAP9999).
    case("p2_refuses_what_p3_cannot_build",
         ["-p2", "-e", 'probe begin { println(@var("x")) }'], 1, stdout="",
         # (without the kernel's debuginfo, the refusal names its package)
         stderr_re=r"^<input>:1:23: (semantic )?error: '@var' (is not "
                   r"supported yet \[STAP3005\]|of a kernel variable needs "
                   r"the kernel's debuginfo: .*\[STAP2018\])\n"
                   r"(?!(?s:.*)STAP9999)"),
    # TMPDIR moves the build directory when --tmpdir does not (no fixed /tmp).
    case("tmpdir_env_moves_the_build", ["-p4", "-r", "{release}", "-e", HELLO],
         1, env={"TMPDIR": "/nonexistent/dir"}, timeout=300,
         stderr_re=r"cannot create a build directory in '/nonexistent/dir'"),
    case("default_runs_all_passes", ["-r", "0.0.0-missing", "-e", HELLO], 1,
         stdout="",
         stderr_re=r"kernel build tree '/lib/modules/0\.0\.0-missing/build' not "
                   r"found(?s:.*)Pass 4: compilation failed\.\n$"),

    # ---- tapset search path
    case("include_dir_tapset", ["-p2", "-I", "{tapsets}", "-e",
                                "probe begin { println(cli_double(2)) }"], 0,
         stdout_re=r"(?m)^cli_double:long \(x:long\)"),
    case("systemtap_tapset_env", ["-p2", "-e",
                                  "probe begin { println(cli_double(2)) }"], 0,
         env={"SYSTEMTAP_TAPSET": "{tapsets}"},
         stdout_re=r"(?m)^cli_double:long \(x:long\)"),
    case("tapset_function_needs_include_dir", ["-p2", "-e",
                                           "probe begin { println(cli_double(2)) }"], 1,
         stderr_re=r"'cli_double'"),

    # ---- queries
    case("dump_probe_types", ["--dump-probe-types"], 0,
         stdout_re=r'(?m)^kernel\.function\(string\)'),
    case("list_begin", ["-l", "begin"], 0, stdout="begin\n"),
    case("list_tapset_alias", ["-l", "syscall.rea*"], 0,
         stdout_re=r"(?m)^syscall\.read$"),
    # An alias with a suffix is listed as written (SystemTap 4.8 does too).
    case("list_alias_with_suffix", ["-l", "vfs.read.return.maxactive(5)"], 0,
         stdout="vfs.read.return.maxactive(5)\n"),
    case("list_vars_alias_with_suffix",
         ["-L", "syscall.getpp*.return.maxactive(20)"], 0,
         stdout="syscall.getppid.return.maxactive(20) name:string "
                "retval:long retstr:string\n"),
    # -L of an alias, as SystemTap prints it: the variables its body sets,
    # typed, then the target variables of the point it expands to.
    case("list_vars_alias",
         ["-L", "vfs.read", "-r", "{release}"], 0,
         stdout_re=r"^vfs\.read file:long bytes_to_read:long buf:long pos:long "
                   r"(\w+:(long|string) )*argstr:string \$file:struct file\* "
                   r"\$buf:char\* \$count:size_t \$pos:loff_t\*\n$"),
    # A system call without arguments has its x86-64 entry outside the BTF
    # (only __do_sys_NAME is there): it is known all the same, so an
    # optional probe on it is not dropped, and a wildcard lists it.
    case("optional_syscall_without_arguments",
         ["-p2", "-r", "{release}", "-e", "probe syscall.getppid? {}"], 0,
         stdout_re=r'kernel\.function\("__x64_sys_getppid"\)\.call '),
    case("wildcard_lists_syscall_without_arguments",
         ["-l", 'kernel.function("__x64_sys_getpp*")', "-r", "{release}"], 0,
         stdout='kernel.function("__x64_sys_getppid")\n'),
    # ... but only when pass 2 resolves it: vfs.read's kernel.function
    # point takes no .maxactive.
    case("list_alias_with_suffix_it_cannot_take",
         ["-l", "vfs.read.maxactive(5)"], 0, stdout=""),
    case("list_malformed_pattern", ["-l", "foo("], 1, stdout="",
         stderr_re=r"^stap: error: malformed probe point pattern 'foo\('"),
    case("list_needs_no_script_but_takes_options",
         ["-l", "begin", "-v", "--privilege=stapusr"], 0, stdout="begin\n"),
    case("dump_functions", ["--dump-functions", "-I", "{tapsets}"], 0,
         stdout_re=r"(?m)^cli_double:long \(x:long\)$"),

    # ---- the invocation is judged first, in every mode, before any file
    # is opened: queries read no -I or SYSTEMTAP_TAPSET dir under --privilege
    case("list_refuses_include_dir", ["-l", "begin", "--privilege=stapusr",
                                      "-I", "{tapsets}"], 1, stdout="",
         stderr_re=r"option '-I [^']*' " + DENIED.format("option.include_path")),
    case("list_vars_refuses_include_dir", ["-L", "begin", "-I", "{tapsets}",
                                           "--privilege=stapusr"], 1, stdout="",
         stderr_re=r"option '-I [^']*' " + DENIED.format("option.include_path")),
    case("dump_functions_refuses_include_dir",
         ["--dump-functions", "-I", "{tapsets}", "--unprivileged"], 1, stdout="",
         stderr_re=r"option '-I [^']*' " + DENIED.format("option.include_path")),
    case("dump_functions_refuses_systemtap_tapset",
         ["--dump-functions", "--privilege=stapusr"], 1, stdout="",
         env={"SYSTEMTAP_TAPSET": "{tapsets}"},
         stderr_re=r"environment variable 'SYSTEMTAP_TAPSET' " +
                   DENIED.format("env.override")),
    case("list_refuses_systemtap_tapset", ["-l", "begin", "--privilege=stapusr"],
         1, stdout="", env={"SYSTEMTAP_TAPSET": "{tapsets}"},
         stderr_re=r"environment variable 'SYSTEMTAP_TAPSET' "),
    case("p1_refuses_include_dir", ["-p1", "--privilege=stapusr", "-I",
                                    "{tapsets}", "-e", HELLO], 1, stdout="",
         stderr_re=r"option '-I [^']*' " + DENIED.format("option.include_path")),
    # -r DIR is not even opened: a FIFO there would hang the run
    case("fifo_tree_refused_promptly",
         ["-p2", "--privilege=stapusr", "-r", "{fifo_tree}", "-e", HELLO], 1,
         timeout=20,
         stderr_re=r"option '-r [^']*' " + DENIED.format("option.kernel_build_dir")),
    case("fifo_tree_refused_promptly_in_queries",
         ["-l", "begin", "--privilege=stapusr", "-r", "{fifo_tree}"], 1,
         timeout=20, stdout="", stderr_re=r"option '-r [^']*' "),
    case("fifo_tree_not_read_at_stapdev", ["-p1", "-r", "{fifo_tree}", "-e", HELLO],
         0, timeout=20, stdout_re=r"probe begin"),
    # STAPVM_KERNEL names a release under /lib/modules, hence a build tree
    case("stapvm_kernel_refused_and_ignored",
         ["-p2", "--privilege=stapusr", "--remote=vm", "-e", PLANTED_SCRIPT], 1,
         env={"STAPVM_KERNEL": "{vm_escape}"}, stderr_not="planted_fn",
         stderr_re=r"environment variable 'STAPVM_KERNEL' " +
                   DENIED.format("env.override")),
    case("stapvm_kernel_honoured_at_stapdev",  # the control: the trap works
         ["-p2", "--remote=vm", "-e", PLANTED_SCRIPT], 1,
         env={"STAPVM_KERNEL": "{vm_escape}"},
         stderr_re=r"unresolved function 'planted_fn'"),

    # ---- -a: a known architecture only, as it becomes a tapset subdirectory
    case("arch_unknown_refused", ["-p2", "-a", "nosuch", "-e", HELLO], 1,
         stdout="",
         stderr_re=r"^stap: error: unknown architecture 'nosuch' for '-a' "
                   r"\(expected one of x86_64, i386, .*\) \[STAP3001\]\n"),
    case("arch_path_refused", ["-p2", "-a", "{arch_escape}", "-e", EVIL_SCRIPT],
         1, stdout="", stderr_re=r"unknown architecture '[^']*evil' for '-a'"),
    case("arch_path_refused_under_privilege",
         ["-p2", "--privilege=stapusr", "-a", "{arch_escape}", "-e", EVIL_SCRIPT],
         1, stdout="", stderr_re=r"unknown architecture '[^']*evil' for '-a'"),
    case("arch_of_this_machine_allowed_under_privilege",
         ["-p2", "--privilege=stapusr", "-a", "{machine}", "-e", HELLO], 0,
         stdout_re=r"(?m)^begin$"),

    # ---- pass 4: the compiler's own lines, without -v
    case("kbuild_error_shows_compiler_lines",
         ["-p4", "-r", "{release}", "-g", "-e",
          "function f() %{ this is not C; %} probe begin { f() }"], 1,
         stdout="", timeout=300,
         stderr_re=r"^stap: error: kbuild failed \[STAP4002\]\n"
                   r"stap: note: stap_\w+_main\.c:\d+:\d+: error: "
                   r"unknown type name 'this'\n"),
    case("kbuild_errors_are_bounded",
         ["-p4", "-r", "{release}", "-g", "-e",
          "function f() %{ " + " ".join(f"zz{i};" for i in range(25)) +
          " %} probe begin { f() }"], 1,
         stdout="", timeout=300,
         stderr_re=r"^stap: error: kbuild failed \[STAP4002\]\n"
                   r"(stap: note: stap_\w+_main\.c:\d+:\d+: error: "
                   r"'zz\d+' undeclared[^\n]*\n){20}"
                   r"stap: note: and 5 more \(rerun with -v to see the "
                   r"compiler's whole output\)\n"),
    # A kernel stack frame over CONFIG_FRAME_WARN: refused at the script,
    # and no module is built or cached (the kernel would only warn).
    case("kbuild_frame_over_limit_is_error",
         ["-p4", "-r", "{release}", "-g", "-e",
          "function big:long () %{ volatile char buf[4000]; buf[0] = 1; "
          "buf[3999] = buf[0]; STAP_RETVALUE = buf[3999]; %} "
          "probe begin { println(big()) }"], 1,
         stdout="", timeout=300, no_module_in_cache=True,
         stderr_re=r"^<input>:1:\d+: error: C function '(probe_0|fn_big_0)' "
                   r"needs a \d+-byte kernel stack frame, over the kernel's "
                   r"limit of \d+ bytes \(CONFIG_FRAME_WARN\) \[STAP4004\]\n"),
    case("kbuild_warning_reported",
         ["-p4", "-r", "{release}", "-g", "-e",
          "function f() %{ int unused_var; %} probe begin { f() }"], 0,
         stdout_re=r"\.ko\n$", timeout=300,
         stderr_re=r"^stap: warning: the C compiler printed 1 warning "
                   r"building the module \[STAP4003\]\n"
                   r"stap: note: stap_\w+_main\.c:\d+:\d+: warning: "
                   r"unused variable 'unused_var'"),
    case("kbuild_warning_is_error_with_W",
         ["-W", "-p4", "-r", "{release}", "-g", "-e",
          "function f() %{ int unused_var; %} probe begin { f() }"], 1,
         stdout="", timeout=300,
         stderr_re=r"^stap: error: the C compiler printed 1 warning "
                   r"building the module \[STAP4003\]\n"),

    # ---- text that reaches C, make and the shell (issue 8)
    case("script_path_stays_in_c_comments",
         ["-p3", "-g", "{tmp}/" + INJECTED_PATH], 0,
         files={INJECTED_PATH: EMBEDDED_SCRIPT},
         stdout_lacks_re=r"(?m)^\s*int stap_injected_sym",
         stdout_re=r"/\* stap:embedded-begin [^\n]*x\\n\*\\057\\nint "
                   r"stap_injected_sym = 42; /\\052 x\.stp:1:1 \*/\n"),
    case("script_path_injects_nothing_into_stapusr_module",
         ["-p4", "--privilege=stapusr", "-r", "{release}",
          "{tmp}/" + INJECTED_PATH], 0,
         files={INJECTED_PATH: HELLO}, timeout=300,
         stdout_re=r"\.ko\n$", ko_lacks_symbol="stap_injected_sym"),
    case("make_in_current_directory_is_not_run",
         ["-p4", "-r", "{release}", "-e", HELLO], 0,
         files={"cwd/make": "#!/bin/sh\ntouch {tmp}/planted-make-ran\nexit 1\n"},
         cwd="{tmp}/cwd", absent=["{tmp}/planted-make-ran"], timeout=300,
         stdout_re=r"\.ko\n$"),
    case("define_with_make_function_refused",
         ["-p4", "-r", "{release}", "-D", "X=1 $(shell touch {tmp}/define-ran)",
          "-e", HELLO], 1,
         stdout="", absent=["{tmp}/define-ran"], timeout=300,
         stderr_re=r"^stap: error: invalid '-D X=1 \$\(shell touch [^']*\)': "
                   r"the value may hold only letters, digits, '_', '\.', '\+' "
                   r"and '-' \[STAP3001\]\n"),
    case("define_with_backquote_refused",
         ["-p1", "-D", "X=`id`", "-e", HELLO], 1,
         stderr_re=r"^stap: error: invalid '-D X=`id`': the value may hold only"),
    case("define_common_forms_build",
         ["-p4", "-r", "{release}", "-D", "MAXSTRINGLEN=1024", "-D",
          "STP_NO_OVERLOAD", "-DMAXACTION=10000", "-D", "STAP_CLI_NEG=-1",
          "-e", HELLO], 0,
         timeout=300, stdout_re=r"\.ko\n$"),
    case("emission_check_refuses_code_hidden_from_it",
         ["-p4", "-g", "--emission-check", "-r", "{release}", "-e",
          "probe begin { %{\n#ifndef STAP_EMISSION_CHECK\n"
          "(void)0;\n#endif\n%} exit() }"], 1,
         stdout="", timeout=300,
         stderr_re=r"(?m)^\S+_main\.c:\d+:\d+: error: preprocessor test of "
                   r"'STAP_EMISSION_CHECK', which the compiler and the emission "
                   r"check may answer differently[^\n]*"
                   r"\[emission/compiler-test\] \(generated for <input>:1:1\)\n"),
    # GCC_VERSION comes from the kernel's compiler-gcc.h, which Clang never
    # reads: no name rule sees it, the compiler's own preprocessed text does.
    case("emission_check_refuses_code_only_the_compiler_sees",
         ["-p4", "-g", "--emission-check", "-r", "{release}", "-e",
          "%{\n#ifdef GCC_VERSION\nstatic int compiled_unchecked;\n#endif\n%}\n"
          "probe begin { exit() }"], 1,
         stdout="", timeout=300,
         stderr_re=r"(?m)^\S+_main\.c:\d+:1: error: the compiler compiled line "
                   r"\d+, which the emission check's preprocessor skipped "
                   r"\[emission/skipped-but-compiled\]\n"),
    case("emission_check_refuses_compiler_tests",
         ["-p4", "-g", "--emission-check", "-r", "{release}", "-e",
          "%{\n#if defined(__clang__) || __GNUC__ < 4\nstatic int x;\n#endif\n%}\n"
          "probe begin { exit() }"], 1,
         stdout="", timeout=300,
         stderr_re=r"'__clang__'[^\n]*\[emission/compiler-test\][^\n]*\n"
                   r"[^\n]*'__GNUC__'[^\n]*\[emission/compiler-test\]"),

    # ---- kernel target variables from the target kernel's BTF (no debuginfo)
    case("btf_member_did_you_mean",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { println($file->f_pathh) }'], 1,
         stderr_re=r"<input>:1:50: semantic error: 'struct file' has no member "
                   r"'f_pathh'; did you mean 'f_path'\? \[STAP2048\]"),
    case("btf_param_did_you_mean",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { println($cont) }'], 1,
         stderr_re=r"<input>:1:45: semantic error: 'vfs_read' has no parameter 'cont'; "
                   r"did you mean '\$count'\? \[STAP2018\]"),
    case("btf_member_of_integer",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { println($count->x) }'], 1,
         stderr_re=r"error: 'x' is not a member: the value is 'size_t', not a "
                   r"struct or union \[STAP2048\]"),
    case("btf_return_of_void",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("kfree").return { println($return) }'], 1,
         stderr_re=r"error: '\$return' of 'kfree', which returns void "
                   r"\[STAP2048\]"),
    case("btf_cast_unknown_type",
         ["-p2", "-r", "{release}", "-e",
          'probe begin { println(@cast(0, "struct no_such_type")->x) }'], 1,
         stderr_re=r"error: no type 'struct no_such_type' in the kernel's BTF "
                   r"\[STAP2048\]"),
    case("btf_wildcard_expands",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_rea*") {}'], 0,
         stdout_re=r'kernel.function\("vfs_read"\)[^\n]*\n(.*\n)*'
                   r'kernel.function\("vfs_readv"\)'),
    case("btf_char_array_is_string",
         ["-p2", "-u", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { x = @cast(task_current(), '
          '"struct task_struct")->comm; y = $count }'], 0,
         stdout_re=r"x:string\n\s*y:long"),
    # stap(1): @cast's module may be a list with ':' separators, the
    # first that has the type wins (nfs_inode is the nfs module's own).
    case("btf_cast_module_list",
         ["-p2", "-r", "{release}", "-e",
          'probe begin { println(@cast(0, "nfs_inode", "kernel:nfs")->fileid) '
          'println(@cast(0, "nfs_inode", "kernel:nosuch")->fileid) }'], 1,
         stderr_re=r"^<input>:1:\d+: semantic error: no type 'nfs_inode' in "
                   r"the BTF of kernel, nosuch \('@cast' to module 'nosuch': "
                   r"no module 'nosuch' for kernel [^)]*\) \[STAP2048\]\n"
                   r"(?:.*\n){2}Pass 2: analysis failed"),
    # A char array where a number is wanted is its address, as in
    # SystemTap (whose tapsets write kernel_string($t->comm)).
    case("btf_char_array_address_for_long",
         ["-p2", "-u", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { x = kernel_string('
          '@cast(task_current(), "struct task_struct")->comm); '
          'y = @cast(task_current(), "struct task_struct")->comm + 1 }'], 0,
         stdout_re=r"x:string\n\s*y:long"),
    # ---- autocast: a pointer's BTF type flows through locals, function
    # returns and task_current(); errors keep their place and "did you mean"
    case("autocast_local_and_task_current",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { p = $file; t = task_current(); '
          'println(p->f_path->dentry->d_name->name); println(t->mm->pgd) }'], 0,
         stdout_re=r"(?m)^  p:long\n  t:long$"),
    case("autocast_function_return",
         ["-p2", "-r", "{release}", "-e",
          'function mm(t) { return @cast(t, "struct task_struct")->mm } '
          'probe begin { println(mm(task_current())->pgd) }'], 0,
         stdout_re=r"# functions\nmm:long \(t:long\)\n"),
    case("autocast_did_you_mean",
         ["-p2", "-r", "{release}", "-e",
          'probe begin { t = task_current(); println(t->mmm) }'], 1,
         stderr_re=r"<input>:1:44: semantic error: 'struct task_struct' has no "
                   r"member 'mmm'; did you mean 'mm'\? \[STAP2048\]"),
    case("autocast_unknown_after_reassignment",
         ["-p2", "-r", "{release}", "-e",
          'probe begin { t = task_current(); t = 5; println(t->mm) }'], 1,
         stderr_re=r"<input>:1:50: semantic error: unknown type in dereference"),
    case("autocast_address_of_member_and_index",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read") { println(&$file->f_path); '
          'println(&@cast(task_current(), "struct task_struct")->comm[1]); '
          'i = 2; println(&$file->f_path->dentry->d_iname[i]) }'], 0,
         stdout_re=r'kernel\.function\("vfs_read"\)\n  i:long'),
    case("entry_of_any_expression_kernel",
         ["-p3", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read").return { '
          'println(@entry(gettimeofday_ns())) }'], 0,
         stdout_re=r"\.entry = &stp_probe_0_entry, "
                   r"\.entry_size = sizeof\(struct stp_entry_0\)"),
    case("entry_return_inside_entry_kernel",
         ["-p2", "-r", "{release}", "-e",
          'probe kernel.function("vfs_read").return { println(@entry($return + 1)) }'],
         1, stderr_re=r"'\$return' inside '@entry' has no value"),
    # ---- the optimizer drops an unused value computed without side
    # effects, calls included: syscall.write reads and quotes its buffer
    # only when the script uses argstr (or buf_str)
    # ---- a script's globals are invisible inside tapset functions: a
    # `global n, text` must not capture the write decoder's locals
    case("tapset_locals_not_script_globals",
         ["-p2", "-r", "{release}", "-e",
          "global n, text probe syscall.write { n++; text = argstr }"], 0,
         stdout_re=r"_user_buffer_quoted:string \(addr:long, len:long\)\n"
                   r"  n:long\n  text:string\n"),
    case("elision_drops_unused_decoder",
         ["-p3", "-r", "{release}", "-e", "probe syscall.write { println(name) }"],
         0, stdout_re=r'\.symbol = "__x64_sys_write"',
         stdout_lacks_re=r"fn__?user_(buffer|string)"),
    case("elision_keeps_used_decoder",
         ["-p3", "-r", "{release}", "-e", "probe syscall.write { println(argstr) }"],
         0, stdout_re=r"fn__user_buffer_quoted_2\("),
    case("elision_keeps_side_effects",
         ["-p3", "-e", "global n function bump() { n++; return n } "
          "function twice(v) { return 2 * v } "
          "probe begin { a = bump(); b = twice(a); exit() }"],
         0, stdout_re=r"fn_bump_0\(", stdout_lacks_re=r"fn_twice"),
    case("elision_quiet_with_w",
         ["-p2", "-w", "-e", "function twice(v) { return 2 * v } "
          "probe begin { a = twice(1) exit() }"],
         0, stderr="", stdout_lacks_re=r"twice"),
    case("elision_off_with_u",
         ["-p2", "-u", "-e", "function twice(v) { return 2 * v } "
          "probe begin { a = twice(1) exit() }"],
         0, stderr="", stdout_re=r"twice:long \(v:long\)"),
    # ---- module tracepoints: names and arguments from the module's split
    # BTF (9pnet's 9p:* events), armed by the module notifier at run time
    case("module_tracepoint_emits_its_module",
         ["-p3", "-r", "{release}", "-e",
          'probe kernel.trace("9p:9p_client_req") { println($tag) }'], 0,
         stdout_re=r'\{ \.probe = &stp_probe_0, \.name = "9p_client_req", '
                   r'\.module = "9pnet", \.optional = false \},'),
    case("module_tracepoint_wildcard_lists",
         ["-L", 'kernel.trace("9p:9p_client_re*")', "-r", "{release}"], 0,
         stdout_re=r'(?m)^kernel\.trace\("9p:9p_client_req"\) \$clnt:struct '
                   r'p9_client\s?\* \$type:int8_t \$tag:int\n'
                   r'kernel\.trace\("9p:9p_client_res"\) '),
    # xfs exports none of its tracepoints: the release's index (below)
    # finds them in xfs.ko, whose split BTF types their arguments
    case("module_tracepoint_unexported_lists",
         ["-l", 'kernel.trace("xfs:xfs_trans_c*")', "-r", "{release}"], 0,
         stdout='kernel.trace("xfs:xfs_trans_cancel")\n'
                'kernel.trace("xfs:xfs_trans_commit")\n'
                'kernel.trace("xfs:xfs_trans_commit_items")\n'),
    # ... and its event's class (event_class_CLASS in the module's ELF
    # symbols) names the arguments, as __bpf_trace_CLASS's parameters
    case("module_tracepoint_unexported_arguments",
         ["-L", 'kernel.trace("xfs:xfs_trans_commit")', "-r", "{release}"], 0,
         stdout='kernel.trace("xfs:xfs_trans_commit") $tp:struct xfs_trans* '
                '$caller_ip:long unsigned int\n'),
    # ---- the release's index of module tracepoints (group:event ->
    # module, from each .ko's ELF symbols, cached per release): a module
    # group chosen now ({trace_group}, see module_only_trace_group) is
    # listed by "*", found by name with its arguments, and built into its
    # module; "*" over modules makes optional probes (no warning for a
    # module that never loads)
    case("module_tracepoint_index_star_lists_modules",
         ["-l", 'kernel.trace("*")', "-r", "{release}"], 0,
         stdout_re=r'(?ms)\A(?=.*^kernel\.trace\("{trace_group}:{trace_event}"'
                   r'\)$)(?=.*^kernel\.trace\("sched:sched_switch"\)$)'),
    case("module_tracepoint_index_names_one",
         ["-l", 'kernel.trace("{trace_group}:{trace_event}")', "-r",
          "{release}"], 0,
         stdout_re=r'\Akernel\.trace\("{trace_group}:{trace_event}"\)\n\Z'),
    case("module_tracepoint_index_arguments",
         ["-L", 'kernel.trace("{trace_group}:{trace_event}")', "-r",
          "{release}"], 0,
         stdout_re=r'^kernel\.trace\("{trace_group}:{trace_event}"\)'
                   r'( \$\w+:[^$\n]+)+\n$'),
    case("module_tracepoint_index_emits_module",
         ["-p3", "-r", "{release}", "-e",
          'probe kernel.trace("{trace_group}:{trace_event}") { }'], 0,
         stdout_re=r'\.name = "{trace_event}", \.module = "{trace_module}", '
                   r'\.optional = false \},'),
    case("module_tracepoint_index_wildcard_optional",
         ["-p3", "-r", "{release}", "-e",
          'probe kernel.trace("{trace_group}:{trace_event}*") { }'], 0,
         stdout_re=r'\.name = "{trace_event}", \.module = "{trace_module}", '
                   r'\.optional = true \},'),
    case("module_tracepoint_index_other_group_than_module",
         ["-l", 'kernel.trace("kvmmmu:kvm_mmu_get_page")', "-r", "{release}"],
         0, stdout='kernel.trace("kvmmmu:kvm_mmu_get_page")\n'),
    case("module_tracepoint_unexported_emits_its_module",
         ["-p3", "-r", "{release}", "-e",
          'probe kernel.trace("xfs:xfs_trans_commit") { println($caller_ip) }'], 0,
         stdout_re=r'\{ \.probe = &stp_probe_0, \.name = "xfs_trans_commit", '
                   r'\.module = "xfs", \.optional = false \},'),
    # ---- -L of a process return point, as SystemTap 4.8 lists one (checked
    # with a real System.map): $return unless void, then the entry's
    # parameters and locals, which the probe reads as they were at entry
    case("list_process_return_vars",
         ["-L", 'process("{listing_prog}").function("[hv]").return'], 0,
         stdout='process("{listing_prog}").function("h@{listing_src}:3")'
                '.return $return:char* $s:char* $n:unsigned int\n'
                'process("{listing_prog}").function("v@{listing_src}:2")'
                '.return $a:int $b:int\n'),
    # _start never returns: a wildcard's return points leave it out, and
    # naming it is refused (SystemTap 4.8 blocklists it)
    case("list_process_return_leaves_out_start",
         ["-l", 'process("{listing_prog}").function("_*").return'], 0,
         stdout='process("{listing_prog}").function("__do_global_dtors_aux")'
                '.return\n'
                'process("{listing_prog}").function("_fini").return\n'
                'process("{listing_prog}").function("_init").return\n'),
    case("process_return_on_start_refused",
         ["-p2", "-e",
          'probe process("{listing_prog}").function("_start").return { }'], 1,
         stderr_re=r"error: a return probe on '_start' is refused: it never "
                   r"returns \(probe point "),
    # ---- process(PID) and bare process with -x: the executable from
    # /proc/PID/exe; process(PID) fires in PID only.
    case("process_pid_function",
         ["-p3", "-e", 'probe process({pid}).plt("nanosleep") { }'], 0,
         stdout_re=r'\.path = "{pid_exe}".*\.pid = {pid} '),
    case("process_bare_function_x",
         ["-p3", "-x", "{pid}", "-e",
          'probe process.plt("nanosleep") { }'], 0,
         stdout_re=r'\.path = "{pid_exe}", .build_id = "[0-9a-f]+", '
                   r'.offset = 0x[0-9a-f]+UL, .is_return = false, '
                   r'.optional = false },'),
]

# SystemTap 4.8's other options (issue 13).
from compat_cases import compat_cases  # noqa: E402
CASES += compat_cases(case)
from color_cases import color_cases  # noqa: E402
CASES += color_cases(case)
from kernel_debuginfo_cases import (  # noqa: E402
    debug_fixtures, kernel_debuginfo_cases, nodebug_fixtures,
    vfs_read_line_fixtures)
CASES += kernel_debuginfo_cases(case)
from module_debuginfo_cases import module_debuginfo_cases  # noqa: E402
CASES += module_debuginfo_cases(case)
from kernel_inline_cases import kernel_inline_cases  # noqa: E402
CASES += kernel_inline_cases(case)
from module_inline_cases import module_inline_cases  # noqa: E402
CASES += module_inline_cases(case)


def installed_release():
    """The newest kernel whose headers are installed, or None."""
    try:
        names = os.listdir("/lib/modules")
    except OSError:
        return None
    have = [n for n in names
            if os.path.exists(os.path.join("/lib/modules", n, "build", "Makefile"))]
    key = lambda n: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", n)]
    return max(have, key=key) if have else None


def module_only_trace_group(release):
    """{trace_module}, {trace_group}, {trace_event}: a module of `release`
    under kernel/fs whose tracepoints all belong to one group, that group
    and the module's first tracepoint (by name), read with readelf from
    the module's ELF symbols (str__GROUP__trace_system_name,
    __tracepoint_NAME); empty values when there is none."""
    none = {"{trace_module}": "", "{trace_group}": "", "{trace_event}": ""}
    root = os.path.join("/lib/modules", release or "", "kernel", "fs")
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root)
                   for f in fs if re.search(r"\.ko(\.xz|\.zst)?$", f))
    for path in files:
        tool = {"xz": ["xz", "-dc"], "zst": ["zstd", "-dcq"]}.get(
            path.rsplit(".", 1)[-1], ["cat"])
        elf = subprocess.run(tool + [path], capture_output=True).stdout
        with tempfile.NamedTemporaryFile(suffix=".ko") as f:
            f.write(elf)
            f.flush()
            syms = subprocess.run(["readelf", "-sW", f.name],
                                  capture_output=True, text=True).stdout
        groups = set(re.findall(r" str__(\w+?)__trace_system_name$", syms,
                                re.M))
        events = sorted(set(re.findall(r" OBJECT +GLOBAL +\w+ +\d+ "
                                       r"__tracepoint_(\w+)$", syms, re.M)))
        if len(groups) == 1 and events:
            name = os.path.basename(path).split(".ko")[0].replace("-", "_")
            return {"{trace_module}": name, "{trace_group}": groups.pop(),
                    "{trace_event}": events[0]}
    return none


# process(PID) cases probe this process: sleep(1), which calls nanosleep
# through its PLT.
SLEEPER = None


def make_fixtures(tmp):
    global SLEEPER
    SLEEPER = subprocess.Popen(["sleep", "600"])
    tree = os.path.join(tmp, "tree")
    os.makedirs(os.path.join(tree, "include", "config"))
    with open(os.path.join(tree, ".config"), "w") as f:
        f.write("CONFIG_SMP=y\nCONFIG_HZ=250\n")
    with open(os.path.join(tree, "include", "config", "kernel.release"), "w") as f:
        f.write("6.1.0-99-test\n")
    # The tree's own symbol table: only -r {tree} can find these names.
    with open(os.path.join(tree, "System.map"), "w") as f:
        for i in range(120):
            f.write(f"ffffffff81{i:06x} T stap_cli_tree_fn_{i:03d}\n")
    tapsets = os.path.join(tmp, "tapsets")
    os.makedirs(tapsets)
    with open(os.path.join(tapsets, "cli.stp"), "w") as f:
        f.write("function cli_double:long (x:long) { return 2 * x }\n")
    fifo_tree = os.path.join(tmp, "fifo_tree")
    os.makedirs(os.path.join(fifo_tree, "include", "config"))
    os.mkfifo(os.path.join(fifo_tree, "include", "config", "kernel.release"))
    evil = os.path.join(tmp, "evil")
    os.makedirs(evil)
    with open(os.path.join(evil, "evil.stp"), "w") as f:
        f.write("function evil_fn:long () %{ /* unprivileged */ "
                "STAP_RETVALUE = 1; %}\n")
    os.makedirs(os.path.join(tmp, "vmtree", "build"))
    with open(os.path.join(tmp, "vmtree", "build", ".config"), "w") as f:
        f.write("CONFIG_STAP_PLANTED=y\n")
    # A -g -O0 program for -L of process points.
    listing_src = os.path.join(tmp, "listing.c")
    with open(listing_src, "w") as f:
        f.write("static int counter;\n"
                "void v(int a) { int b = a * 2; { int inner = b; "
                "counter += inner; } }\n"
                "char *h(char *s, unsigned n) { return s + n; }\n"
                "int main(void) { v(3); return h(\"abc\", 1)[0] == 'x'; }\n")
    subprocess.run(["gcc", "-g", "-O0", "-o", os.path.join(tmp, "listing"),
                    listing_src], check=True)
    climb = "../" * 16  # more than any tapset directory is deep
    bad = os.path.join(tmp, "bad.stp")
    with open(bad, "w") as f:
        f.write("probe begin {\n  x = = 1\n}\n")
    return {"{tree}": tree, "{tapsets}": tapsets, "{sample}": SAMPLE,
            "{bad_file}": bad, "{release}": installed_release() or "",
            "{tmp}": tmp, "{fifo_tree}": fifo_tree,
            "{listing_prog}": os.path.join(tmp, "listing"),
            "{listing_src}": listing_src,
            "{arch_escape}": climb + evil.lstrip("/"),
            "{vm_escape}": climb + os.path.join(tmp, "vmtree").lstrip("/"),
            "{machine}": os.uname().machine,
            # A live process (killed with the runner) and its executable.
            "{pid}": str(SLEEPER.pid),
            "{pid_exe}": os.path.realpath(shutil.which("sleep")),
            **nodebug_fixtures(), **debug_fixtures()}


def substitute(words, fixtures):
    out = []
    for w in words:
        for k, v in fixtures.items():
            w = w.replace(k, v)
        out.append(w)
    return out


def run_stap(stap, args, stdin="", env=None, timeout=60, cwd=None):
    full_env = dict(os.environ)
    full_env.pop("SYSTEMTAP_TAPSET", None)
    full_env.pop("STAPVM_KERNEL", None)  # refused under --privilege
    full_env.pop("SYSTEMTAP_COLORS", None)  # color_cases set their own
    full_env.update(env or {})
    return subprocess.run([stap] + args, input=stdin, capture_output=True,
                          text=True, env=full_env, timeout=timeout, cwd=cwd)


def make_files(files, fixtures):
    for rel, text in files.items():
        path = os.path.join(fixtures["{tmp}"], rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(substitute([text], fixtures)[0])
        if text.startswith("#!"):
            os.chmod(path, 0o755)


def module_symbols(ko):
    r = subprocess.run(["nm", ko], capture_output=True, text=True)
    return {line.split()[-1] for line in r.stdout.splitlines() if line.split()}


def check(stap, c, fixtures):
    """Returns a list of problems (empty when the case passes)."""
    if not OUTPUT_CHECKS & set(c):
        return ["the case checks only the exit status: say what it prints"]
    args = substitute(c["args"], fixtures)
    env = {k: substitute([v], fixtures)[0] for k, v in c.get("env", {}).items()}
    # A restricted build uses no cache and may not move it.
    if "{release}" in c["args"] and "--privilege=stapusr" not in c["args"]:
        home = tempfile.mkdtemp(dir=fixtures["{tmp}"])
        env["SYSTEMTAP_DIR"] = home
        if fixtures["{kbuild_cache}"]:
            os.makedirs(fixtures["{kbuild_cache}"], exist_ok=True)
            os.makedirs(os.path.join(home, "cache"))
            os.symlink(fixtures["{kbuild_cache}"],
                       os.path.join(home, "cache", "features"))
            # So is what stap derives once per kernel (the BTF extracted
            # from a bzImage, the index of module tracepoints: seconds).
            btf = os.path.join(fixtures["{kbuild_cache}"], "btf")
            os.makedirs(btf, exist_ok=True)
            os.symlink(btf, os.path.join(home, "cache", "btf"))
    stdin = c.get("stdin", "")
    if "stdin_from_stdout_of" in c:
        stdin = run_stap(stap, substitute(c["stdin_from_stdout_of"], fixtures)).stdout
    make_files(c.get("files", {}), fixtures)
    cwd = substitute([c["cwd"]], fixtures)[0] if "cwd" in c else None
    try:
        r = run_stap(stap, args, stdin, env, c.get("timeout", 60), cwd)
    except subprocess.TimeoutExpired:
        return [f"no answer within {c.get('timeout', 60)} s (hung?): "
                f"{[stap] + args}"]
    problems = []
    for path in substitute(c.get("absent", []), fixtures):
        if os.path.exists(path):
            problems.append(f"'{path}' exists: something ran that must not")
    if "stdout_lacks_re" in c and re.search(c["stdout_lacks_re"], r.stdout):
        problems.append(f"stdout matches /{c['stdout_lacks_re']}/")
    if "ko_lacks_symbol" in c and r.stdout.strip():
        ko = r.stdout.strip().splitlines()[-1]
        if c["ko_lacks_symbol"] in module_symbols(ko):
            problems.append(f"module '{ko}' defines '{c['ko_lacks_symbol']}'")
        # A restricted build leaves the module in its own /tmp/stapXXXXXX.
        build = os.path.dirname(os.path.dirname(ko))
        if os.path.basename(build).startswith("stap"):
            shutil.rmtree(build, ignore_errors=True)
    if r.returncode != c["status"]:
        problems.append(f"exit status {r.returncode}, expected {c['status']}")
    for stream in ("stdout", "stderr"):
        got = getattr(r, stream)
        want = substitute([c.get(stream, "")], fixtures)[0]
        if stream in c and got != want:
            problems.append(f"{stream} differs; expected:\n{want}")
        pattern = substitute([c.get(stream + "_re", "")], fixtures)[0]
        if stream + "_re" in c and not re.search(pattern, got):
            problems.append(f"{stream} does not match /{pattern}/")
        if stream + "_not" in c and c[stream + "_not"] in got:
            problems.append(f"{stream} contains '{c[stream + '_not']}'")
    if c.get("no_module_in_cache"):
        kos = [os.path.join(d, f) for d, _, fs in os.walk(home) for f in fs
               if f.endswith(".ko")]
        if kos:
            problems.append(f"a module was left in the cache: {kos}")
    if "same_stdout_as" in c:
        want = run_stap(stap, substitute(c["same_stdout_as"], fixtures)).stdout
        if r.stdout != want or not want:
            problems.append(f"stdout differs from that of {c['same_stdout_as']}:\n"
                            f"{want}")
    if problems:
        problems.append(f"command: {[stap] + args}\n--- stdout ---\n{r.stdout}"
                        f"--- stderr ---\n{r.stderr}")
    return problems


# A case naming one of these fixtures skips when it is empty, saying why.
SKIP_WITHOUT = {
    "{release}": "no kernel headers under /lib/modules (install "
                 "linux-headers-amd64)",
    "{nodebug_release}": "every release under /lib/modules has its "
                         "debuginfo in /usr/lib/debug/boot",
    "{debug_release}": "no release under /lib/modules has its debuginfo "
                       "in /usr/lib/debug/boot",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stap")
    ap.add_argument("--case", action="append")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--kbuild-cache", default="")
    a = ap.parse_args()
    if a.list:
        # "name speed" per line: ctest labels the kbuild cases slow.
        print("\n".join(c["name"] + " " + speed(c) for c in CASES))
        return 0
    if not a.stap:
        ap.error("--stap is required")
    wanted = [c for c in CASES if not a.case or c["name"] in a.case]
    if a.case and len(wanted) != len(a.case):
        print(f"unknown case among {a.case}", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="stap-cli-")
    failed = skipped = 0
    try:
        fixtures = make_fixtures(tmp)
        fixtures["{kbuild_cache}"] = os.path.abspath(a.kbuild_cache) if a.kbuild_cache else ""
        if any("{trace_" in repr(c) for c in wanted):
            fixtures.update(module_only_trace_group(fixtures["{release}"]))
        if any("{vfs_read_" in repr(c) for c in wanted) and \
                fixtures["{debug_release}"]:
            fixtures.update(vfs_read_line_fixtures(fixtures["{debug_release}"]))
        for c in wanted:
            why = next((w for k, w in SKIP_WITHOUT.items()
                        if k in c["args"] and not fixtures[k]), None)
            if why:
                print("SKIP: " + c["name"] + ": " + why)
                skipped += 1
                continue
            if "{vfs_read_" in repr(c) and not fixtures.get("{vfs_read_call_line}"):
                print("SKIP: " + c["name"] + ": " + fixtures.get("{vfs_read_why}", ""))
                skipped += 1
                continue
            if "{trace_" in repr(c) and not fixtures["{trace_module}"]:
                print("SKIP: " + c["name"] + ": no module of " +
                      fixtures["{release}"] + " under kernel/fs has "
                      "tracepoints of one group")
                skipped += 1
                continue
            problems = check(a.stap, c, fixtures)
            print(("FAIL " if problems else "ok   ") + c["name"])
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
            failed += bool(problems)
    finally:
        shutil.rmtree(tmp)
        if SLEEPER:
            SLEEPER.kill()
            SLEEPER.wait()
    if failed:
        return 1
    return 77 if skipped and skipped == len(wanted) else 0


if __name__ == "__main__":
    sys.exit(main())
