"""Command-line cases for kernel module source lines and locals (issue 10):
module("M").statement("f@file:N"), module("M").function("f@file") and
locals at module probes, placed through the module's own debuginfo
(/usr/lib/debug/lib/modules/R/kernel/PATH/M.ko); without it a located
error naming that file. Locals in .return probes, which stapprobes(3stap)
says hold the values of the function's entry.

The 9p module (the test VM's root file system) is in every Debian kernel.
Fixtures as in kernel_debuginfo_cases.py; no line number is written here
(.nearest to line 1 is the function's first line), so a kernel update
moving 9p's lines breaks nothing.

cli_test.py adds these to its CASES; `case` is its constructor."""

FN = "v9fs_file_read_iter"
FILE = "fs/9p/vfs_file.c"


def module_kprobe(offset):
    """The -p3 kprobe row of 9p:v9fs_file_read_iter+offset (a regex)."""
    return (rf'\.symbol = "9p:{FN}", \.module = "9p", \.offset = {offset}, '
            r'\.is_return = false,')


def located(script, col, message, width):
    """The stderr of a pass-2 error at column `col` of `script`."""
    return (f"<input>:1:{col}: semantic error: {message}\n  {script}\n  " +
            " " * (col - 1) + "^" + "~" * (width - 1) +
            "\nPass 2: analysis failed.\n")


def module_debuginfo_cases(case):
    needs_9p = ("the debuginfo of module '9p': install {nodebug_pkg} "
                "(not found: /usr/lib/debug/lib/modules/{nodebug_release}/"
                "kernel/fs/9p/9p.ko)")
    stmt = f'probe module("9p").statement("{FN}@{FILE}:1") {{}}'
    local = f'probe module("9p").function("{FN}") {{ println($fid) }}'
    pattern = 'probe module("*").function("f@x.c") {}'
    at_entry = ("reads target variables as they were at the function's "
                "entry, before its locals hold values (stapprobes(3stap), "
                "RETURN PROBES)")
    returns = [
        ("debug_return_local", "$ret",
         f"'$ret' is a local of 'vfs_read': a .return probe {at_entry}; read "
         "it in a .statement probe at a line of the function"),
        ("debug_return_locals", "$$locals",
         f"'$$locals' in a .return probe: it {at_entry}"),
    ]
    return [
        case(name, ["-p2", "-r", "{debug_release}", "-e", script], 1,
             stdout="", stderr=located(script, 52, message + " [STAP2018]",
                                       len(var)))
        for name, var, message in returns
        for script in [f'probe kernel.function("vfs_read").return '
                       f'{{ println({var}) }}']
    ] + [
        # Without the debuginfo: the file the module's path names (a
        # compressed 9p.ko.xz has a plain 9p.ko).
        case("nodebug_module_statement",
             ["-p2", "-r", "{nodebug_release}", "-e", stmt], 1, stdout="",
             stderr=located(stmt, 30,
                            f"probe point '{stmt[6:-3]}' (a source line) "
                            "needs " + needs_9p + " [STAP2110]", len(FN + FILE) + 5)),
        case("nodebug_module_local",
             ["-p2", "-r", "{nodebug_release}", "-e", local], 1, stdout="",
             stderr=located(local, 62,
                            f"'{FN}' has no parameter 'fid' (parameters: "
                            "$iocb $to); locals need " + needs_9p + " [STAP2018]",
                            4)),
        # One module's debuginfo is read, never every module's.
        case("module_pattern_source_file",
             ["-p2", "-e", pattern], 1, stdout="",
             stderr=located(pattern, 28,
                            "cannot place probe point 'module(\"*\")."
                            "function(\"f@x.c\")': a source file is matched "
                            "in one module's debuginfo, and module '*' is a "
                            "pattern [STAP2110]", 7)),
        # With it: a kprobe at 9p:SYMBOL+offset.
        case("debug_module_statement_nearest",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe module("9p").statement("{FN}@{FILE}:1").nearest {{}}'],
             0, stdout_re=module_kprobe(0), stderr=""),
        case("debug_module_statement_lines",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe module("9p").statement("{FN}@{FILE}:*") {{}}'],
             0, stdout_re=module_kprobe("[1-9][0-9]*"), stderr=""),
        # "f@file" is f's entry; its locals are located there ($$vars).
        case("debug_module_function_file_vars",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe module("9p").function("{FN}@{FILE}") '
              '{ println($$vars) }'],
             0, stdout_re=(r'"iocb=0x%x to=0x%x fid=\\\? ret=\\\? '
                           r'err=0x%x"'), stderr=""),
        case("debug_module_entry_local_optimized_out",
             ["-p2", "-r", "{debug_release}", "-e", local], 1, stdout="",
             stderr=located(local, 62,
                            f"'$fid' in '{FN}' is optimized out at this "
                            "probe point [STAP2018]", 4)),
        # .return: a parameter is its entry value (no error); a local has
        # none at the entry, which is said (above).
        case("debug_return_param_at_entry",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe kernel.function("vfs_read").return { println($count) }'],
             0, stdout_re=r"stp_entry_arg\(c, 3, 64, false\)", stderr=""),
    ]
