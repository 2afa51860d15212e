#!/usr/bin/env python3
"""Nothing below driver/ reads the process environment or the password
database, or looks up where stap is installed: the driver reads them once
(driver/environment.cc, driver/install_layout.cc) into the invocation's
Options, and every pass gets the values from there. A getenv deep in a pass
would see variables a restricted run must not honour; a path found there
would be a second install layout.

Usage: environment_reads.py SOURCE_ROOT. Prints each offending line as
FILE:LINE: TEXT and exits 1 when there is one."""
import os
import re
import sys

from line_scan import scan

# The translator's libraries below the driver (see DESIGN.md's layers).
BELOW_DRIVER = ["parser", "symbols", "probes", "elaborate", "privilege",
                "codegen", "kbuild"]
CALLS = re.compile(r"\b(secure_getenv|getenv|setenv|unsetenv|putenv|clearenv|"
                   r"environ|getpwuid|getpwnam|getpwent)\b"
                   # the install layout: where the running binary and the
                   # trees it was built from are
                   r"|/proc/self/exe|\bSTAP_(SOURCE|BINARY|INSTALLED_\w+)_?DIR\b")


def code_of(line):
    """The line without its // comment (names in prose are fine)."""
    return line.split("//", 1)[0]


def sources(root):
    for top in BELOW_DRIVER:
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in sorted(names):
                if n.endswith((".cc", ".h", ".c", ".def")):
                    yield os.path.join(d, n)


def main():
    root = sys.argv[1]
    return scan(root, sources(root),
                lambda path, line: CALLS.search(code_of(line)), 50,
                "below driver/ read no environment",
                "the environment is read in driver/environment.cc and the "
                "install layout found in driver/install_layout.cc only; pass "
                "the value down through Options")


if __name__ == "__main__":
    sys.exit(main())
