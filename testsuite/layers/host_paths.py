#!/usr/bin/env python3
"""Nothing below driver/ knows where this host keeps its kernels: the
standard locations (/proc/kallsyms, /sys/kernel/..., /boot, /lib/modules,
/usr/lib/debug), the library directories (/lib, /usr/lib64 ...) and the
running release (uname) are named once, in driver/kernel_target.cc, and
reach the symbol readers in the run's KernelSymbolPaths. A default deep in symbols/ would read the host's kernel
when the run targets another one (-r), and could not be pointed at a test
tree or a compile server's client.

Usage: host_paths.py SOURCE_ROOT. Prints each offending line as
FILE:LINE: TEXT and exits 1 when there is one. Comments may name paths."""
import re
import sys

from environment_reads import sources
from line_scan import scan

LOOKUPS = re.compile(r"/proc/kallsyms|/sys/kernel/|/lib/modules\b|/boot\b|"
                     r"/usr/lib/debug\b|\buname\s*\("
                     # a library directory as a string literal
                     r"|\"/(usr/)?lib(64)?[/\"]")


def code_of(line, state):
    """The line without comments (// and /* */ across lines)."""
    out = ""
    while line:
        if state["in_block"]:
            end = line.find("*/")
            if end < 0:
                return out
            line, state["in_block"] = line[end + 2:], False
            continue
        line_comment, block = line.find("//"), line.find("/*")
        if line_comment >= 0 and (block < 0 or line_comment < block):
            return out + line[:line_comment]
        if block < 0:
            return out + line
        out, line, state["in_block"] = out + line[:block], line[block + 2:], True
    return out


def main():
    root = sys.argv[1]
    state = {"path": None, "in_block": False}

    def offends(path, line):
        if state["path"] != path:
            state["path"], state["in_block"] = path, False
        return LOOKUPS.search(code_of(line, state))

    return scan(root, sources(root), offends, 50,
                "below driver/ name no host kernel or library location",
                "the host's kernel and library locations and its running "
                "release are named in driver/kernel_target.cc only "
                "(KernelTarget::symbol_paths); pass them down in "
                "KernelSymbolPaths")


if __name__ == "__main__":
    sys.exit(main())
