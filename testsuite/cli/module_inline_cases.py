"""Command-line cases for a module's inlined copies, labels and callees
(issue 10): module("M").function("PATTERN").inline, .function("F")
.label("L") and .callee("G"), placed through the module's own debuginfo
(/usr/lib/debug/lib/modules/R/kernel/PATH/M.ko) with {debug_release};
without it a located error naming that file ({nodebug_release}).

9pnet (the test VM's root file system) is in every Debian kernel: its
p9_client_read has a copy of iov_iter_count inlined and calls
p9_client_read_once out of line, and p9_client_rpc has the C label
recalc_sigpending. No line number is written here.

cli_test.py adds these to its CASES; `case` is its constructor."""

from module_debuginfo_cases import located

COUNT = (r'module\("9pnet"\)\.function\("iov_iter_count@include/linux/'
         r'uio\.h:\d+"\)')
READ = r'module\("9pnet"\)\.function\("p9_client_read@net/9p/client\.c:\d+"\)'


def p2(script, release="{debug_release}"):
    return ["-p2", "-r", release, "-e", script]


def module_inline_cases(case):
    no_inline = 'probe module("9pnet").function("iov_iter_coun").inline {}'
    elsewhere = ('probe module("9pnet").function("p9_client_read_once")'
                 '.callee("_copy_to_iter") {}')
    init_only = ('probe module("9p").function("v9fs_init_inode_cache")'
                 '.inline {}')
    pattern = 'probe module("9p*").function("*").callees(2) {}'
    nodebug = ('probe module("9pnet").function("p9_client_rpc")'
               '.label("again") {}')
    return [
        # One point per copy, named by the declaration.
        case("debug_module_inline",
             p2('probe module("9pnet").function("iov_iter_count").inline {}'),
             0, stdout_re=(r'^# probes\n(' + COUNT + r'\.inline /\* <- '
                           r'module\("9pnet"\)\.function\("iov_iter_count"\)'
                           r'\.inline \*/\n){2,}$'), stderr=""),
        # The kprobe goes at the copy in p9_client_read: 9pnet's symbol +
        # offset.
        case("debug_module_inline_offset",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe module("9pnet").function("iov_iter_count").inline {}'],
             0, stdout_re=(r'\.symbol = "9pnet:p9_client_read", '
                           r'\.module = "9pnet", \.offset = [1-9][0-9]*, '
                           r'\.is_return = false,'), stderr=""),
        case("debug_module_inline_no_match", p2(no_inline), 1, stdout="",
             stderr=located(no_inline, 32,
                            "no inlined copy of a function of module '9pnet' "
                            "matches 'iov_iter_coun' in probe point "
                            "'module(\"9pnet\").function(\"iov_iter_coun\")"
                            ".inline'; did you mean 'iov_iter_count'? "
                            "[STAP2103]", 15)),
        # A copy only in the module's init code, gone once it is loaded.
        case("debug_module_inline_init_code", p2(init_only), 1, stdout="",
             stderr=located(init_only, 29,
                            "no inlined copy of a function of module '9p' "
                            "matches 'v9fs_init_inode_cache' in probe point "
                            "'module(\"9p\").function(\"v9fs_init_inode_"
                            "cache\").inline': 'init_v9fs' is init code of "
                            "module '9p', which the kernel frees once it is "
                            "loaded [STAP2103]", 23)),
        # A label's point names the label's line.
        case("debug_module_list_label",
             ["-r", "{debug_release}", "-l",
              'module("9pnet").function("p9_client_rpc").label("recalc_*")'],
             0, stdout_re=(r'^module\("9pnet"\)\.function\("p9_client_rpc@'
                           r'net/9p/client\.c:\d+"\)\.label\("'
                           r'recalc_sigpending"\)\n$'), stderr=""),
        # A call out of line: G's entry in the module, run only from F's
        # calls, named by the return places as %pS prints them; -L lists
        # G's variables.
        case("debug_module_callee_out_of_line",
             ["-p3", "-r", "{debug_release}", "-e",
              'probe module("9pnet").function("p9_client_read")'
              '.callee("p9_client_read_once") {}'], 0,
             stdout_re=(r'(?s)_callers\[\] =\s*\{(\s*"p9_client_read\+0x'
                        r'[0-9a-f]+/",)+\s*\};.*\.symbol = "9pnet:'
                        r'p9_client_read_once", \.module = "9pnet", '
                        r'\.offset = 0, .*\.callers = stp_probe_0_callers, '
                        r'\.ncallers = [1-9] \}'), stderr=""),
        case("debug_module_list_callee_vars",
             ["-r", "{debug_release}", "-L",
              'module("9pnet").function("p9_client_read")'
              '.callee("p9_client_read_once").return'], 0,
             stdout_re=('^' + READ + r'\.callee\("p9_client_read_once@'
                        r'net/9p/client\.c:\d+"\)\.return \$fid:struct '
                        r'p9_fid\* \$offset:u64 \$to:struct iov_iter\* '
                        r'\$err:int\*'), stderr=""),
        case("debug_module_callee_inlined",
             ["-r", "{debug_release}", "-l",
              'module("9pnet").function("p9_client_read")'
              '.callee("iov_iter_count")'], 0,
             stdout_re=('^' + READ + r'\.callee\("iov_iter_count@include/'
                        r'linux/uio\.h:\d+"\)\n$'), stderr=""),
        # A function outside the module is not one of its callees here.
        case("debug_module_callee_elsewhere", p2(elsewhere), 1, stdout="",
             stderr=located(elsewhere, 62,
                            "no callee matches '_copy_to_iter' in probe "
                            "point 'module(\"9pnet\").function("
                            "\"p9_client_read_once\").callee("
                            "\"_copy_to_iter\")': '_copy_to_iter' is not a "
                            "function of module '9pnet', and only the "
                            "module's own callees are probed [STAP2103]",
                            15)),
        # One module's debuginfo is read, never every module's.
        case("module_pattern_callees", ["-p2", "-e", pattern], 1, stdout="",
             stderr=located(pattern, 14,
                            "cannot place probe point 'module(\"9p*\")."
                            "function(\"*\").callees(2)': '.callees' is "
                            "placed through one module's debuginfo, and "
                            "module '9p*' is a pattern: name the module "
                            "[STAP2110]", 5)),
        case("nodebug_module_label", p2(nodebug, "{nodebug_release}"), 1,
             stdout="",
             stderr=located(nodebug, 55,
                            f"probe point '{nodebug[6:-3]}' ('.label') needs "
                            "the debuginfo of module '9pnet': install "
                            "{nodebug_pkg} (not found: /usr/lib/debug/lib/"
                            "modules/{nodebug_release}/kernel/net/9p/"
                            "9pnet.ko) [STAP2110]", 7)),
    ]
