#!/usr/bin/env python3
"""man/stapprobes.3stap renders without warnings, and documents every probe
point form `stap --dump-probe-types` lists, so a new form without docs
fails here.

A form is compared without its arguments: "process(string).library(string)
.function(string).return" must appear in the rendered page as
process("PATH").library("LIB").function("F").return, whatever the argument
names, so both sides are reduced to "process.library.function.return".

usage: stapprobes_test.py STAP MANPAGE"""
import os
import re
import subprocess
import sys


def render(page, width):
    env = dict(os.environ, MANWIDTH=str(width), MAN_KEEP_FORMATTING="0")
    r = subprocess.run(["man", "--warnings", "-l", page], env=env,
                       capture_output=True, text=True)
    plain = subprocess.run(["col", "-b"], input=r.stdout,
                           capture_output=True, text=True).stdout
    return r.returncode, plain, r.stderr


def without_arguments(text):
    # Innermost first: ("a(b)") has none here, but be safe.
    prev = None
    while prev != text:
        prev, text = text, re.sub(r"\([^()\n]*\)", "", text)
    return text


def main():
    stap, page = sys.argv[1], sys.argv[2]
    failures = []
    rc, _, warnings = render(page, 80)
    if rc != 0 or warnings.strip():
        failures.append(f"man --warnings -l {page} (rc {rc}):\n{warnings}")
    # Wide, so no form is broken across lines.
    _, text, _ = render(page, 250)
    words = set(re.findall(r"[A-Za-z_][\w.]*", without_arguments(text)))
    dump = subprocess.run([stap, "--dump-probe-types"], capture_output=True,
                          text=True, check=True).stdout
    forms = set()
    for line in dump.splitlines():
        if not line.strip():
            continue
        forms.add(without_arguments(line.split()[0]).rstrip("?"))
    if not forms:
        failures.append("stap --dump-probe-types listed no probe types")
    missing = sorted(f for f in forms if f not in words)
    for f in missing:
        failures.append(f"probe point form '{f}' is not in {page}")
    for f in failures:
        print(f)
    print(f"{len(forms) - len(missing)} of {len(forms)} forms documented")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
