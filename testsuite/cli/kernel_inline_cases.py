"""Command-line cases for the inlined copies, labels and inlined callees
of kernel functions, placed through the kernel's DWARF (issue 10), with
{debug_release}: the oldest release whose debuginfo is installed (cases
skip without one). file_ppos is a static inline of fs/read_write.c that
6.1 inlines into ksys_read and ksys_write (and the vectored I/O paths).

cli_test.py adds these to its CASES; `case` is its constructor."""

FILE_PPOS = r'kernel\.function\("file_ppos@fs/read_write\.c:\d+"\)'
KSYS_READ = r'kernel\.function\("ksys_read@fs/read_write\.c:\d+"\)'
# vfs_fsync_range has a symbol, and copies inlined into vfs_fsync and the
# fdatasync system calls.
FSYNC_COPY = r'kernel\.function\("vfs_fsync_range@fs/sync\.c:\d+"\)'


def p2(script):
    return ["-p2", "-r", "{debug_release}", "-e", script]


def kernel_inline_cases(case):
    return [
        # One point per copy, named by the declaration, as SystemTap does.
        case("debug_inline",
             p2('probe kernel.function("file_ppos").inline {}'), 0,
             stdout_re=(r'^# probes\n(' + FILE_PPOS + r'\.inline /\* <- '
                        r'kernel\.function\("file_ppos"\)\.inline \*/\n)'
                        r'{2,}$'), stderr=""),
        # The kprobe goes at the copy in ksys_read: its symbol + offset.
        case("debug_inline_offset",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe kernel.function("file_ppos").inline { println($file) }'],
             0, stdout_re=(r'\.symbol = "ksys_read", \.module = NULL, '
                           r'\.offset = [1-9][0-9]*, \.is_return = false,'),
             stderr=""),
        # Plain .function of a function without a symbol: its copies.
        case("debug_function_only_inlined",
             p2('probe kernel.function("file_ppos") {}'), 0,
             stdout_re=(r'^# probes\n(' + FILE_PPOS + r' /\* <- '
                        r'kernel\.function\("file_ppos"\) \*/\n){2,}$'),
             stderr=""),
        # Plain .function of a function with a symbol: its entry, then
        # one point per copy; .call and .return only the entry.
        case("debug_function_and_copies",
             p2('probe kernel.function("vfs_fsync_range") {}'), 0,
             stdout_re=(r'^# probes\nkernel\.function\("vfs_fsync_range"\)\n'
                        r'(' + FSYNC_COPY + r' /\* <- kernel\.function\('
                        r'"vfs_fsync_range"\) \*/\n){2,}$'), stderr=""),
        case("debug_list_function_and_copies",
             ["-r", "{debug_release}", "-l",
              'kernel.function("vfs_fsync_range")'], 0,
             stdout_re=(r'^kernel\.function\("vfs_fsync_range"\)\n'
                        + FSYNC_COPY + r'\n$'), stderr=""),
        case("debug_list_function_and_copies_vars",
             ["-r", "{debug_release}", "-L",
              'kernel.function("vfs_fsync_range")'], 0,
             stdout_re=(r'^kernel\.function\("vfs_fsync_range"\) \$file:struct '
                        r'file\* \$start:loff_t \$end:loff_t \$datasync:int\n'
                        + FSYNC_COPY + r' (\$\w+:[^$\n]+ ?)*\$file:struct '
                        r'file\*\n$'), stderr=""),
        case("debug_list_call_no_copies",
             ["-r", "{debug_release}", "-l",
              'kernel.function("vfs_fsync_range").call'], 0,
             stdout='kernel.function("vfs_fsync_range").call\n', stderr=""),
        case("debug_list_return_no_copies",
             ["-r", "{debug_release}", "-l",
              'kernel.function("vfs_fsync_range").return'], 0,
             stdout='kernel.function("vfs_fsync_range").return\n', stderr=""),
        # A wildcard takes the copies of functions without a symbol too.
        case("debug_list_wildcard_copies",
             ["-r", "{debug_release}", "-l", 'kernel.function("fput_l*")'], 0,
             stdout_re=(r'^kernel\.function\("fput_light@include/linux/'
                        r'file\.h:\d+"\)\n$'), stderr=""),
        # A tapset alias counts each call once, at the entry.
        case("debug_tapset_alias_no_copies",
             p2('probe vfs.fsync {}'), 0,
             stdout=('# probes\nkernel.function("vfs_fsync_range") '
                     '/* <- vfs.fsync */\n'), stderr=""),
        case("debug_inline_no_match",
             p2('probe kernel.function("file_ppo").inline {}'), 1, stdout="",
             stderr=("<input>:1:23: semantic error: no inlined copy of a "
                     "kernel function matches 'file_ppo' in probe point "
                     "'kernel.function(\"file_ppo\").inline'; did you mean "
                     "'file_ppos'? [STAP2103]\n"
                     '  probe kernel.function("file_ppo").inline {}\n'
                     "                        ^~~~~~~~~~\n"
                     "Pass 2: analysis failed.\n")),
        case("debug_list_inline",
             ["-r", "{debug_release}", "-L",
              'kernel.function("file_ppos").inline'], 0,
             stdout_re=r'^' + FILE_PPOS + r'\.inline \$file:struct file\*\n$',
             stderr=""),
        # A label's point names the label's line.
        case("debug_list_label",
             ["-r", "{debug_release}", "-l",
              'kernel.function("do_sendfile").label("fput_*")'], 0,
             stdout_re=(r'^kernel\.function\("do_sendfile@fs/read_write\.c:'
                        r'(\d+)"\)\.label\("fput_out"\)\n'
                        r'kernel\.function\("do_sendfile@fs/read_write\.c:'
                        r'(\d+)"\)\.label\("fput_in"\)\n$'), stderr=""),
        case("debug_label_no_match",
             p2('probe kernel.function("do_sendfile").label("fput_ot") {}'),
             1, stdout="",
             stderr=("<input>:1:44: semantic error: no label matches "
                     "'fput_ot' in probe point 'kernel.function("
                     "\"do_sendfile\").label(\"fput_ot\")'; did you mean "
                     "'fput_out'? [STAP2103]\n"
                     '  probe kernel.function("do_sendfile").label("fput_ot")'
                     " {}\n" + " " * 45 + "^~~~~~~~~\n"
                     "Pass 2: analysis failed.\n")),
        # The copies of callees inlined into the function.
        case("debug_list_callee",
             ["-r", "{debug_release}", "-l",
              'kernel.function("ksys_read").callee("file_ppos")'], 0,
             stdout_re=('^' + KSYS_READ + r'\.callee\("file_ppos@fs/'
                        r'read_write\.c:\d+"\)\n$'), stderr=""),
        # A call out of line: G's entry, run only from F's calls to G,
        # whose return places the module names as %pS prints them.
        case("debug_callee_out_of_line",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe kernel.function("ksys_read").callee("vfs_read") {}'], 0,
             stdout_re=(r'(?s)_callers\[\] =\s*\{(\s*"ksys_read\+0x[0-9a-f]+/",)+'
                        r'\s*\};.*\.symbol = "vfs_read", \.module = NULL, '
                        r'\.offset = 0, .*\.callers = stp_probe_0_callers, '
                        r'\.ncallers = [1-9] \}'), stderr=""),
        case("debug_list_callees",
             ["-r", "{debug_release}", "-l",
              'kernel.function("ksys_read").callee("vfs_read").return'], 0,
             stdout_re=('^' + KSYS_READ + r'\.callee\("vfs_read@fs/'
                        r'read_write\.c:\d+"\)\.return\n$'), stderr=""),
    ]
