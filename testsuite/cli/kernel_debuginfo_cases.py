"""Command-line cases for the kernel probe forms only DWARF can place
(issue 10): without the target kernel's debuginfo each is a located pass-2
error naming the package that provides it for that release.

{nodebug_release} is a release under /lib/modules with no
/usr/lib/debug/boot/vmlinux-RELEASE (cases skip without one), {nodebug_pkg}
its linux-image-RELEASE-dbg, {nodebug_vmlinux} the file it would install.

cli_test.py adds these to its CASES; `case` is its constructor."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "run", "kprobes"))
from call_line import call_line, line_after_call  # noqa: E402

NEEDS = ("needs the kernel's debuginfo: install {nodebug_pkg} "
         "(not found: {nodebug_vmlinux})")


def releases(with_debuginfo):
    """The releases under /lib/modules (sorted -V) that have, or lack,
    /usr/lib/debug/boot/vmlinux-RELEASE."""
    try:
        names = os.listdir("/lib/modules")
    except OSError:
        names = []
    key = lambda n: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", n)]
    return [n for n in sorted(names, key=key)
            if os.path.exists("/usr/lib/debug/boot/vmlinux-" + n) ==
            with_debuginfo]


def nodebug_fixtures():
    """The newest release with no debuginfo installed, and its names."""
    absent = releases(False)
    r = absent[-1] if absent else ""
    return {"{nodebug_release}": r,
            "{nodebug_pkg}": f"linux-image-{r}-dbg",
            "{nodebug_vmlinux}": "/usr/lib/debug/boot/vmlinux-" + r}


def debug_fixtures():
    """The oldest release with debuginfo installed, or ""."""
    present = releases(True)
    return {"{debug_release}": present[0] if present else ""}


def vfs_read_line_fixtures(release):
    """{vfs_read_call_line}: the line of vfs_read's call to rw_verify_area
    in `release`'s debuginfo, {vfs_read_after_line} the line after it
    (where `ret` holds the result), read from the DWARF at test time so a
    kernel update that moves them breaks nothing; {vfs_read_ret_col} and
    {vfs_read_ret_pad}: the column of `$ret` in STATEMENT_RET (below) and
    the caret line's indent. Empty, with {vfs_read_why}, when vfs_read or
    that call is not there."""
    vmlinux = "/usr/lib/debug/boot/vmlinux-" + release
    keys = ("{vfs_read_call_line}", "{vfs_read_after_line}",
            "{vfs_read_ret_col}", "{vfs_read_ret_pad}")
    try:
        call = str(call_line(vmlinux, "vfs_read", "rw_verify_area")[1])
        after = str(line_after_call(vmlinux, "vfs_read", "rw_verify_area")[1])
    except SystemExit as e:
        return {**{k: "" for k in keys}, "{vfs_read_why}": str(e)}
    col = STATEMENT_RET.replace("{vfs_read_call_line}", call).index("$ret") + 1
    return dict(zip(keys, (call, after, str(col), " " * (col + 1))),
                **{"{vfs_read_why}": ""})


def point_error(case, name, script, col, form, caret, needs=NEEDS):
    """A probe point whose `form` needs DWARF (`needs`), reported at column
    `col`."""
    return case(
        "nodebug_" + name, ["-p2", "-r", "{nodebug_release}", "-e", script], 1,
        stdout="",
        stderr=(f"<input>:1:{col}: semantic error: probe point "
                f"'{script[6:script.index(' {')]}' ({form}) " + needs +
                " [STAP2110]\n  " + script + "\n  " + " " * (col - 1) + caret +
                "\nPass 2: analysis failed.\n"))


# vfs_read's call to rw_verify_area, the line the VM test probes.
STMT_CALL = "vfs_read@fs/read_write.c:{vfs_read_call_line}"
# The line after it (`if (ret)`), where `ret` holds its result.
STMT_AFTER_CALL = "vfs_read@fs/read_write.c:{vfs_read_after_line}"
# `ret` read where it has no location yet.
STATEMENT_RET = f'probe kernel.statement("{STMT_CALL}") {{ println($ret) }}'
# The module reads a signed long (f_pos) from kernel memory, not user's.
READS_KERNEL_LONG = (r'= stp_kernel_read_int\(c, \(unsigned long\)F->t\d+, '
                     r'8, true\);')


def kernel_debuginfo_cases(case):
    stmt = 'vfs_read@fs/read_write.c:450'
    return [
        point_error(case, "statement",
                    f'probe kernel.statement("{stmt}") {{}}', 24,
                    "a source line", "^" + "~" * (len(stmt) + 1)),
        point_error(case, "function_line",
                    f'probe kernel.function("{stmt}") {{}}', 23,
                    "a source file", "^" + "~" * (len(stmt) + 1)),
        point_error(case, "function_file",
                    'probe kernel.function("vfs_*@fs/read_write.c") {}', 23,
                    "a source file", "^" + "~" * 22),
        point_error(case, "inline",
                    'probe kernel.function("vfs_read").inline {}', 35,
                    "'.inline'", "^~~~~~"),
        point_error(case, "module_inline",
                    'probe module("ext4").function("ext4_*").inline {}', 41,
                    "'.inline'", "^~~~~~",
                    # The module's own debuginfo, named from its .ko's path.
                    "needs the debuginfo of module 'ext4': install "
                    "{nodebug_pkg} (not found: /usr/lib/debug/lib/modules/"
                    "{nodebug_release}/kernel/fs/ext4/ext4.ko)"),
        point_error(case, "callee",
                    'probe kernel.function("vfs_read").callee("f") {}', 42,
                    "'.callee'", "^~~"),
        point_error(case, "callees",
                    'probe kernel.function("vfs_read").callees {}', 35,
                    "'.callees'", "^~~~~~~"),
        # Optional: left out, no error; the other probe stays.
        case("nodebug_optional_statement",
             ["-p2", "-r", "{nodebug_release}", "-e",
              f'probe kernel.statement("{stmt}")? {{}} probe begin {{}}'],
             0, stdout="# probes\nbegin\n", stderr=""),
        case("nodebug_local",
             ["-p2", "-r", "{nodebug_release}", "-e",
              'probe kernel.function("vfs_read") { println($ret) }'], 1,
             stdout="",
             stderr=("<input>:1:45: semantic error: 'vfs_read' has no "
                     "parameter 'ret' (parameters: $file $buf $count $pos); "
                     "locals need the kernel's debuginfo: install "
                     "{nodebug_pkg} (not found: {nodebug_vmlinux}) "
                     "[STAP2018]\n"
                     "  probe kernel.function(\"vfs_read\") { println($ret) }\n"
                     "                                              ^~~~\n"
                     "Pass 2: analysis failed.\n")),
        case("nodebug_atvar",
             ["-p2", "-r", "{nodebug_release}", "-e",
              'probe begin { println(@var("jiffies@kernel/time/timer.c")) }'],
             1, stdout="",
             stderr=("<input>:1:23: semantic error: '@var' of a kernel "
                     "variable " + NEEDS + " [STAP2018]\n"
                     "  probe begin { println(@var(\"jiffies@kernel/time/"
                     "timer.c\")) }\n"
                     "                        ^" + "~" * 34 + "\n"
                     "Pass 2: analysis failed.\n")),
        # With the debuginfo: a line is a kprobe at the symbol holding it
        # plus the line's offset; "f@file" is f's entry.
        case("debug_statement",
             ["-p2", "-r", "{debug_release}", "-e",
              f'probe kernel.statement("{STMT_CALL}") {{}}'], 0,
             stdout=f'# probes\nkernel.statement("{STMT_CALL}")\n', stderr=""),
        case("debug_statement_offset",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe kernel.statement("{STMT_CALL}") {{}}'], 0,
             stdout_re=(r'\{ \.probe = &stp_probe_0, \.symbol = "vfs_read", '
                        r'\.module = NULL, \.offset = [1-9][0-9]*, '
                        r'\.is_return = false,'), stderr=""),
        case("debug_function_file_entry",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe kernel.function("vfs_read@fs/read_write.c") '
              '{ println($count) }'], 0,
             stdout_re=(r'\.symbol = "vfs_read", \.module = NULL, '
                        r'\.offset = 0, \.is_return = false,'), stderr=""),
        # Target variables at a line: read through vmlinux's DWARF at the
        # line's address, with kernel memory reads; `->` follows DWARF types.
        case("debug_statement_target_var",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe kernel.statement("{STMT_AFTER_CALL}") '
              '{ println($ret, $file->f_pos) }'], 0,
             stdout_re=READS_KERNEL_LONG, stderr=""),
        # A script variable keeps the DWARF type of what it was given.
        case("debug_statement_autocast",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe kernel.statement("{STMT_AFTER_CALL}") '
              '{ f = $file; println(f->f_pos) }'], 0,
             stdout_re=READS_KERNEL_LONG, stderr=""),
        # The call to rw_verify_area: `ret` has no location there yet.
        case("debug_statement_optimized_out",
             ["-p2", "-r", "{debug_release}", "-e", STATEMENT_RET],
             1, stdout="",
             stderr=("<input>:1:{vfs_read_ret_col}: semantic error: '$ret' in "
                     "'vfs_read' is optimized out at this probe point "
                     "[STAP2018]\n  " + STATEMENT_RET + "\n"
                     "{vfs_read_ret_pad}^~~~\n"
                     "Pass 2: analysis failed.\n")),
        case("debug_statement_vars",
             ["-p3", "-r", "{debug_release}", "-e",
              f'probe kernel.statement("{STMT_CALL}") {{ println($$vars) }}'],
             0, stdout_re=(r'"file=0x%x buf=0x%x count=0x%x pos=0x%x '
                           r'ret=\\\?"'), stderr=""),
        # A local at a function's entry: the DWARF (the BTF has parameters).
        case("debug_function_locals",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe kernel.function("ksys_read") { println($fd, $$locals) }'],
             0, stdout_re=r'stp_register\(c, "rdi", false\)', stderr=""),
        case("debug_function_no_local",
             ["-p2", "-r", "{debug_release}", "-e",
              'probe kernel.function("ksys_read") { println($rett) }'], 1,
             stdout="",
             stderr=("<input>:1:46: semantic error: 'ksys_read' has no "
                     "parameter or local 'rett'; did you mean '$ret'? "
                     "[STAP2018]\n"
                     '  probe kernel.function("ksys_read") { println($rett) }\n'
                     "  " + " " * 45 + "^~~~~\n"
                     "Pass 2: analysis failed.\n")),
        # A function's entry needs no DWARF, with or without it.
        case("nodebug_function_entry",
             ["-p2", "-r", "{nodebug_release}", "-e",
              'probe kernel.function("vfs_read") { println($count) }'], 0,
             stdout_re=r'^# probes\nkernel\.function\("vfs_read"\)', stderr=""),
    ]
