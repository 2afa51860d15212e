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


def main():
    root = sys.argv[1]
    offending, files = [], 0
    for top in BELOW_DRIVER:
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in sorted(names):
                if not n.endswith((".cc", ".h", ".c", ".def")):
                    continue
                files += 1
                path = os.path.join(d, n)
                with open(path, errors="replace") as f:
                    for i, line in enumerate(f, 1):
                        if CALLS.search(code_of(line)):
                            offending.append(f"{os.path.relpath(path, root)}:{i}: "
                                             f"{line.strip()}")
    if files < 50:
        print(f"only {files} source files under {BELOW_DRIVER}: wrong root?")
        return 1
    for o in offending:
        print(o)
    if offending:
        print("the environment is read in driver/environment.cc and the "
              "install layout found in driver/install_layout.cc only; pass "
              "the value down through Options")
        return 1
    print(f"ok: {files} files below driver/ read no environment")
    return 0


if __name__ == "__main__":
    sys.exit(main())
