#!/usr/bin/env python3
"""The tapset functions against their reference: for every function::NAME
man page of Debian's systemtap-doc, each form its SYNOPSIS shows
(`name:type(a:long,b:string)`, numbered when there are several) becomes a
call with that many arguments of those types, all of them in one script
(one call a line) checked with `stap -p2 -g -r RELEASE`. A page counts
as found when no call of it draws "unresolved function" (STAP2001) or
"wrong number of arguments" (STAP2003). A page that says "Deprecated in
SystemTap V" is checked in a script of its own run with --compatible=V. Run against each installed
kernel; prints "N of M documented functions" per kernel and the missing
names, and fails below --floor (raise it as the library grows).

usage: documented_functions.py STAP [--floor N] [--show-missing]
Exit 0 passed, 1 failed, 77 no man pages or no kernel.
"""
import argparse
import gzip
import os
import re
import subprocess
import sys

MAN = "/usr/share/man/man3"
# An argument of each documented type; an untyped one ("nd:") is a long.
VALUE = {"string": '"x"'}


def pages():
    """{page name: [[argument types] of each SYNOPSIS form]} and
    {page name: the version a deprecated one still works with}."""
    out, deprecated = {}, {}
    for f in sorted(os.listdir(MAN)):
        m = re.match(r"function::(\w+)\.3stap\.gz$", f)
        if not m:
            continue
        text = gzip.open(os.path.join(MAN, f), "rt", errors="replace").read()
        syn = re.search(r'^\.SH "SYNOPSIS"\n(.*?)^\.SH ', text, re.S | re.M)
        forms = []
        for line in (syn.group(1) if syn else "").splitlines():
            form = re.match(r"\s*(?:\d+\)\s*)?(\w+)(?::\w+)?\s*\((.*)\)\s*$",
                            line)
            if form and form.group(1) == m.group(1):
                args = [a for a in form.group(2).split(",") if a.strip()]
                forms.append([a.partition(":")[2].strip() for a in args])
        out[m.group(1)] = forms or [[]]
        old = re.search(r"Deprecated in SystemTap ([0-9]+(?:\\&)?\.[0-9]+)",
                        text)
        if old:
            deprecated[m.group(1)] = old.group(1).replace("\\&", "")
    return out, deprecated


def kernels():
    return [r for r in sorted(os.listdir("/lib/modules"))
            if os.path.exists(f"/boot/vmlinuz-{r}")]


def missing(stap, release, docs, compatible=None):
    """The page names with a call stap does not resolve."""
    lines, owner = ["probe begin {"], {}
    for name, forms in docs.items():
        for types in forms:
            args = ", ".join(VALUE.get(t, "1") for t in types)
            lines.append(f"  {name}({args})")
            owner[len(lines)] = name
    lines.append("}")
    compat = [f"--compatible={compatible}"] if compatible else []
    r = subprocess.run([stap, "-p2", "-g", "-r", release, *compat, "-e",
                        "\n".join(lines)],
                       capture_output=True, text=True, timeout=600)
    bad = set()
    for m in re.finditer(r"^<input>:(\d+):\d+: .*\[STAP200[13]\]$",
                         r.stderr, re.M):
        bad.add(owner.get(int(m.group(1)), "?"))
    return sorted(bad), r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stap")
    ap.add_argument("--floor", type=int, default=0)
    ap.add_argument("--show-missing", action="store_true")
    a = ap.parse_args()
    docs, deprecated = pages() if os.path.isdir(MAN) else ({}, {})
    if not docs:
        print("SKIP: no function:: man pages (systemtap-doc) installed")
        return 77
    releases = kernels()
    if not releases:
        print("SKIP: no kernel image installed")
        return 77
    failed = False
    for rel in releases:
        groups = {None: {n: f for n, f in docs.items() if n not in deprecated}}
        for name, version in deprecated.items():
            groups.setdefault(version, {})[name] = docs[name]
        bad = []
        for version, group in sorted(groups.items(), key=lambda g: g[0] or ""):
            some, r = missing(a.stap, rel, group, version)
            if r.returncode != 0 and not some:
                # Failed for another reason: nothing can be counted.
                print(f"FAIL {rel}: stap -p2 failed:\n{r.stderr}")
                failed = True
            bad += some
        bad.sort()
        found = len(docs) - len(bad)
        print(f"{rel}: {found} of {len(docs)} documented functions")
        if a.show_missing and bad:
            print("  missing: " + " ".join(bad))
        if found < a.floor:
            print(f"FAIL {rel}: below the floor ({a.floor} functions)")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
