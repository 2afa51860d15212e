#!/usr/bin/env python3
"""The product never runs or reads a file of the test suite: the VM runner
behind --remote=vm is vm/stapvm (installed under libexec/stap), the tapsets
and runtime come from the install layout (driver/install_layout.h). A path
into testsuite/ in product code works from a source checkout and breaks
once installed.

Usage: product_paths.py SOURCE_ROOT. Prints each offending line as
FILE:LINE: TEXT and exits 1 when there is one. Comments may name tests."""
import os
import re
import sys

from line_scan import scan

# Everything `cmake --install` ships or builds into what it ships.
PRODUCT = ["parser", "symbols", "probes", "elaborate", "privilege", "codegen",
           "kbuild", "driver", "staprun", "runtime", "tapsets", "vm"]
REFERENCE = re.compile(r"testsuite/")


def code_of(path, line):
    """The line without its comment (names in prose are fine)."""
    if path.endswith((".cc", ".h", ".c", ".def")):
        line = line.split("//", 1)[0]
        if re.match(r"\s*(/\*|\*)", line):
            return ""
        return re.sub(r"/\*.*?\*/", "", line)
    if path.endswith(".stp"):
        return line.split("//", 1)[0].split("#", 1)[0]
    # shell, python, cmake
    return "" if line.lstrip().startswith("#") else line


def product_files(root):
    for top in PRODUCT:
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in sorted(names):
                if n.endswith(".md"):
                    continue
                yield os.path.join(d, n)
    yield os.path.join(root, "CMakeLists.txt")


def offends(path, line):
    code = code_of(path, line)
    # The tests are built, not shipped.
    if path.endswith("CMakeLists.txt") and "add_subdirectory(testsuite)" in code:
        return False
    return REFERENCE.search(code)


def main():
    root = sys.argv[1]
    return scan(root, product_files(root), offends, 100,
                "of the product name no testsuite/ path",
                "product code must not use testsuite/: ship the file (see "
                "driver/install_layout.h) or keep it in the tests")


if __name__ == "__main__":
    sys.exit(main())
