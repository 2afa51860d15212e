"""Command-line cases for SystemTap 4.8's options (issue 13): every option
of stap(1) is accepted; those that change nothing here say why in one
warning line; the ones that work are checked by what they do.

cli_test.py adds these to its CASES; `case` is its constructor."""

HELLO = 'probe begin { println("hello") exit() }'
TRY_HELP = "Try 'stap --help' for more information.\n"

# Each ignored option as written (with its argument, if it takes one) and
# the name its warning shows. The list is SystemTap 4.8's stap(1), written
# out here rather than read from the translator's own table.
IGNORED = [
    (["-C"], "-C"), (["-d", "kernel"], "-d"), (["-F"], "-F"),
    (["-i"], "-i"), (["--interactive"], "-i"), (["-P"], "-P"), (["-q"], "-q"),
    (["--all-modules"], "--all-modules"),
    (["--benchmark-sdt"], "--benchmark-sdt"),
    (["--check-version"], "--check-version"),
    (["--download-debuginfo=no"], "--download-debuginfo"),
    (["--example"], "--example"),
    (["--list-servers=all"], "--list-servers"),
    (["--modinfo", "a=b"], "--modinfo"), (["--monitor=5"], "--monitor"),
    (["--no-global-var-display"], "--no-global-var-display"),
    (["--prologue-searching"], "--prologue-searching"),
    (["--prologue-searching=never"], "--prologue-searching"),
    (["--remote-prefix"], "--remote-prefix"),
    (["--save-uprobes"], "--save-uprobes"),
    (["--skip-badvars"], "--skip-badvars"),
    (["--suppress-handler-errors"], "--suppress-handler-errors"),
    (["--sysenv=A=B"], "--sysenv"), (["--sysroot=/"], "--sysroot"),
    (["--target-namespaces=1"], "--target-namespaces"),
    (["--trust-servers=ssl"], "--trust-servers"),
    (["--use-server"], "--use-server"),
    (["--use-server-on-error=no"], "--use-server-on-error"),
    (["--vp", "00001"], "--vp"),
]

ALIAS_TAPSET = ("probe cli.pair = begin, end { x = 1 }\n"
                "probe cli.pair.later += timer.s(1) { }\n"
                "probe _cli.hidden = begin { }\n")


def compat_cases(case):
    out = []
    for words, shown in IGNORED:
        name = words[0].strip("-").replace("-", "_").replace("=", "_")
        if len(shown) == 2:  # -P and -p may both exist: say which
            name = ("upper_" if name.isupper() else "") + name.lower()
        # After the script too, as SystemTap's getopt permutes.
        out.append(case(
            "ignored_" + name, ["-p1", "-e", HELLO] + words, 0,
            stdout_re=r'println\("hello"\)',
            stderr_re=r"^stap: warning: option '" + shown +
                      r"' is ignored: [a-z][^\n]*\n$"))
    out += [
        case("ignored_option_said_once",
             ["-p1", "--all-modules", "-e", HELLO, "--all-modules"], 0,
             stderr="stap: warning: option '--all-modules' is ignored: "
                    "kernel symbols come from the running kernel\n"),
        case("ignored_option_hidden_by_w", ["-w", "-p1", "--skip-badvars",
                                            "-e", HELLO], 0, stderr=""),
        # An option's argument is taken before or after the script name; an
        # optional one only with '=' (the next word is a script argument).
        case("ignored_option_argument_after_script",
             ["-p1", "-e", "probe begin { println(@1) }", "-d", "kernel",
              "--color", "word"], 0, stdout_re=r'println\("word"\)'),
        case("ignored_option_argument_before_script_file",
             ["-d", "kernel", "-p1", "{sample}", "--modinfo", "a=b"], 0,
             stdout_re=r'println\("hello, world"\)'),
        case("ignored_option_missing_argument", ["-p1", "-e", HELLO, "-T"], 1,
             stderr="stap: error: option '-T' requires an argument "
                    "[STAP3001]\n" + TRY_HELP),
        # -S SIZE[,N] switches the -o file (staprun(8)); its bounds are
        # staprun's, checked here first.
        case("switch_accepted", ["-p1", "-o", "out", "-S", "2,3", "-e", HELLO],
             0, stderr=""),
        case("switch_without_count", ["-p1", "-e", HELLO, "-o", "o", "-S", "1"],
             0, stderr=""),
        # Without -o, stdout has no file to switch: accepted without a
        # word, as SystemTap 4.8 does (run/output/switch_without_output_file
        # checks staprun's side in the VM).
        case("switch_without_output_file", ["-p1", "-S", "1,2", "-e", HELLO],
             0, stderr="", stdout_re=r'println\("hello"\)'),
        case("switch_without_output_file_still_checked",
             ["-p1", "-S", "0", "-e", HELLO], 1,
             stderr="stap: error: invalid '-S 0' (expected SIZE[,N]: "
                    "megabytes 1 to 4095, files at least 1) [STAP3001]\n" +
                    TRY_HELP),
    ] + [
        case("switch_refused_" + name, ["-p1", "-o", "o", "-S", value,
                                        "-e", HELLO], 1,
             stderr="stap: error: invalid '-S " + value + "' (expected "
                    "SIZE[,N]: megabytes 1 to 4095, files at least 1) "
                    "[STAP3001]\n" + TRY_HELP)
        for name, value in [("zero", "0"), ("too_big", "4096"),
                            ("huge", "99999999999999999999999"),
                            ("negative", "-1"), ("no_files", "1,0"),
                            ("bad_count", "1,x"), ("empty_size", ",2"),
                            ("trailing_comma", "1,"), ("two_commas", "1,2,3"),
                            ("count_overflow", "1,4294967297")]
    ] + [
        # -b is bulk mode (per-CPU files, checked in the VM by
        # run/output/bulk_*.stp): accepted without a word, before or after
        # the script.
        case("bulk_mode_accepted", ["-p1", "-b", "-e", HELLO, "-b"], 0,
             stderr="", stdout_re=r'println\("hello"\)'),
        # -T is staprun's time limit: whole seconds, at least one.
        case("time_limit_accepted", ["-p1", "-e", HELLO, "-T", "5"], 0,
             stderr=""),
        case("time_limit_zero_refused", ["-p1", "-e", HELLO, "-T", "0"], 1,
             stderr_re=r"invalid time limit '0' for '-T' \(expected seconds, "
                       r"at least 1\)"),
        case("time_limit_not_a_number", ["-p1", "-T", "5s", "-e", HELLO], 1,
             stderr_re=r"invalid time limit '5s' for '-T'"),
        # -d PATH and --ldd: user binaries whose symbol tables the module
        # carries (a kernel module's name is ignored, above).
        case("symbols_d_path_missing",
             ["-p3", "-d", "/nonexistent/prog", "-e", HELLO], 1,
             stderr_re=r"cannot read the symbols of '-d /nonexistent/prog': "
                       r"cannot resolve '/nonexistent/prog'"),
        case("symbols_d_path_table", ["-p3", "-d", "/bin/true", "-e", HELLO],
             0, stdout_re=r'\.path = "/usr/bin/true"[\s\S]*'
                          r'stp_provider_usymbols'),
        case("symbols_ldd_adds_libraries",
             ["-p3", "--ldd", "-d", "/bin/true", "-e", HELLO], 0,
             stdout_re=r'\.path = "/usr/lib/x86_64-linux-gnu/libc\.so\.6"'),
        case("ignored_flag_refuses_argument",
             ["-p1", "--ldd=yes", "-e", HELLO], 1,
             stderr_re=r"option '--ldd' does not take an argument"),
        # --sysroot does nothing, but a restricted run is still refused it.
        case("sysroot_judged_under_privilege",
             ["-p2", "--privilege=stapusr", "--sysroot=/", "-e", HELLO], 1,
             stderr_re=r"option '--sysroot /' needs privilege action "
                       r"'option\.sysroot'"),

        # ---- -E: one more script, beside the main one
        case("extra_script_p1", ["-p1", "-E", "probe end { println(2) }",
                                 "-e", HELLO], 0, stderr="",
             stdout='probe begin {\n  println("hello");\n  exit();\n}\n'
                    'probe end {\n  println(2);\n}\n'),
        case("extra_scripts_elaborate_together",
             ["-p2", "-e", "global n probe begin { n = f() }",
              "-E", "function f() { return 3 }", "-E", "probe end { println(n) }"],
             0, stdout_re=r"(?s)# globals\nn:long\n# functions\nf:long \(\)\n"
                          r"# probes\nbegin\nend\n"),
        case("extra_script_error_names_it",
             ["-p1", "-e", HELLO, "-E", "probe end {"], 1,
             stderr_re=r"(?m)^<input1>:1:\d+: parse error: "),
        case("extra_script_is_not_the_script", ["-p1", "-E", HELLO], 1,
             stderr="stap: error: no script specified [STAP3002]\n" + TRY_HELP),
        case("extra_script_not_with_list", ["-l", "begin", "-E", HELLO], 1,
             stderr="stap: error: '-E' cannot be combined with '-l' "
                    "[STAP3001]\n" + TRY_HELP),

        # ---- embedded C without -g: a parse error, in SystemTap's words
        case("embedded_c_needs_guru_is_parse_error",
             ["-p1", "-e", "%{ int x; %} probe begin { }"], 1,
             stderr_re=r"(?m)^<input>:1:1: parse error: embedded code in "
                       r"unprivileged script; need stap -g \[STAP1120\]$"),

        # ---- --dump-probe-aliases
        case("dump_probe_aliases", ["--dump-probe-aliases"], 0,
             files={"aliases/cli.stp": ALIAS_TAPSET},
             env={"SYSTEMTAP_TAPSET": "{tmp}/aliases"}, stderr="",
             stdout="cli.pair = begin, end\ncli.pair.later += timer.s(1)\n"),
        case("dump_probe_aliases_of_library", ["--dump-probe-aliases"], 0,
             stdout_re=r"(?m)^syscall\.read = "),
        case("dump_probe_aliases_with_script",
             ["--dump-probe-aliases", "-e", HELLO], 1,
             stderr_re=r"'--dump-probe-aliases' cannot be combined with a "
                       r"script"),

        # ---- SYSTEMTAP_DIR under --privilege: the user's own rc and cache
        # directory is allowed; its rc options are checked like typed ones
        case("systemtap_dir_allowed_under_privilege",
             ["-p2", "--privilege=stapusr", "-e", HELLO], 0,
             env={"SYSTEMTAP_DIR": "{tmp}/rc_plain"},
             stdout_re=r"begin", stderr_not="SYSTEMTAP_DIR"),
        case("rc_file_options_come_first", ["-e", HELLO], 0,
             files={"rc_p1/rc": "-p1\n"}, env={"SYSTEMTAP_DIR": "{tmp}/rc_p1"},
             stdout_re=r"^probe begin \{\n  println"),
        case("rc_file_guru_refused_under_privilege",
             ["-p2", "--privilege=stapusr", "-e", HELLO], 1,
             files={"rc_g/rc": "-g\n"}, env={"SYSTEMTAP_DIR": "{tmp}/rc_g"},
             stderr_re=r"You can't specify -g and --privilege=stapusr together"),
        case("rc_file_include_dir_refused_under_privilege",
             ["-p2", "--privilege=stapusr", "-e", HELLO], 1,
             files={"rc_i/rc": "-I {tmp}\n"}, env={"SYSTEMTAP_DIR": "{tmp}/rc_i"},
             stderr_re=r"option '-I [^']*' needs privilege action "
                       r"'option.include_path'"),
        case("systemtap_tapset_still_refused_beside_systemtap_dir",
             ["-p2", "--privilege=stapusr", "-e", HELLO], 1,
             env={"SYSTEMTAP_DIR": "{tmp}/rc_plain2",
                  "SYSTEMTAP_TAPSET": "{tmp}"},
             stderr_re=r"environment variable 'SYSTEMTAP_TAPSET' needs "
                       r"privilege action 'env.override'"),

        # ---- the module cache
        case("clean_cache_removes_modules", ["--clean-cache", "-v"], 0,
             files={"home/cache/ab/abcd/stap_abcd.ko": "x",
                    "home/cache/features/kept": "x"},
             env={"SYSTEMTAP_DIR": "{tmp}/home"},
             absent=["{tmp}/home/cache/ab/abcd"],
             stderr_re=r"^Removed 1 module from the cache '/[^']*/home/cache'\n$"),
        case("clean_cache_exits_before_the_script",
             ["--clean-cache", "-e", "probe begin {"], 0, stdout="",
             env={"SYSTEMTAP_DIR": "{tmp}/home2"}),
        case("disable_cache_writes_no_module",
             ["-p4", "--disable-cache", "-r", "{release}", "-e", HELLO], 0,
             timeout=300, stdout_re=r"\.ko\n$", no_module_in_cache=True),

        # ---- build and limits
        case("tmpdir_holds_the_build",
             ["-p4", "-k", "--tmpdir={tmp}", "-r", "{release}", "-e", HELLO],
             0, timeout=300,
             stderr_re=r'Keeping temporary directory "/tmp/stap-cli-\w+/stap\w{6}"\n'),
        case("tmpdir_missing", ["-p4", "--tmpdir=/nonexistent/dir", "-r",
                                "{release}", "-e", HELLO], 1, timeout=300,
             stderr_re=r"cannot create a build directory in '/nonexistent/dir'"
                       r": No such file or directory"),
        case("suppress_time_limits_needs_guru",
             ["-p1", "--suppress-time-limits", "-e", HELLO], 1,
             stderr="stap: error: '--suppress-time-limits' requires guru mode "
                    "(-g) [STAP3001]\n" + TRY_HELP),
        case("suppress_time_limits_with_guru",
             ["-p1", "-g", "--suppress-time-limits", "-e", HELLO], 0,
             stderr=""),
        case("rlimit_bad_value", ["-p1", "--rlimit-cpu=lots", "-e", HELLO], 1,
             stderr="stap: error: invalid '--rlimit-cpu' value 'lots' "
                    "(expected a number) [STAP3001]\n" + TRY_HELP),
        case("rlimit_applied", ["-p1", "--rlimit-as=4000000000",
                                "--rlimit-cpu=60", "--rlimit-nproc=1000",
                                "--rlimit-stack=8000000",
                                "--rlimit-fsize=100000000", "-e", HELLO], 0,
             stderr="", stdout_re=r"println"),
        case("bpf_shorthand", ["-p1", "--bpf", "-e",
                               '%( runtime == "bpf" %? probe begin {} '
                               '%: probe end {} %)'], 0,
             stdout_re=r"^probe begin"),
        case("dyninst_shorthand", ["-p1", "--dyninst", "-e",
                                   '%( runtime == "dyninst" %? probe begin {} '
                                   '%: probe end {} %)'], 0,
             stdout_re=r"^probe begin"),
    ]
    return out
