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
names, and fails below --floor (raise it as the library grows). The
return type a form documents (`name:type(...)`) must be the type our
stap gives its result: each call of the found pages is assigned to a
local whose type -p2 lists ("NAME: returns ours, documented DOC" fails).
An argument of a documented type our function does not take already fails
the whole run.

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
# Pages whose SYNOPSIS gives a return type the function does not have:
# SystemTap 4.8 cannot type `r = set_uint_arg(1, 1)` either (pass 2 on 6.1).
NO_VALUE = {"set_longlong_arg", "set_uint_arg"}


def pages():
    """{page name: [(return type or "", [argument types]) of each SYNOPSIS
    form]} and
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
            form = re.match(r"\s*(?:\d+\)\s*)?(\w+)(?::(\w+))?\s*\((.*)\)\s*$",
                            line)
            if form and form.group(1) == m.group(1):
                args = [a for a in form.group(3).split(",") if a.strip()]
                forms.append((form.group(2) or "",
                              [a.partition(":")[2].strip() for a in args]))
        out[m.group(1)] = forms or [("", [])]
        old = re.search(r"Deprecated in SystemTap ([0-9]+(?:\\&)?\.[0-9]+)",
                        text)
        if old:
            deprecated[m.group(1)] = old.group(1).replace("\\&", "")
    return out, deprecated


def kernels():
    return [r for r in sorted(os.listdir("/lib/modules"))
            if os.path.exists(f"/boot/vmlinuz-{r}")]


def missing(stap, release, docs, compatible=None):
    """The page names with a call stap does not resolve, the run, and
    {local: (page name, documented return type)} of its typed calls."""
    lines, owner, returns = ["probe begin {"], {}, {}
    for name, forms in docs.items():
        for ret, types in forms:
            args = ", ".join(VALUE.get(t, "1") for t in types)
            call = f"{name}({args})"
            if ret and name not in NO_VALUE:
                local = f"r{len(lines)}"
                returns[local] = (name, ret)
                call = f"{local} = {call} println({local})"
            lines.append(f"  {call}")
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
    return sorted(bad), r, returns


def wrong_returns(stap, release, docs, compatible):
    """"NAME: returns OURS, documented DOC" of each typed call whose local
    -p2 types otherwise (a run of the found pages only: a failed run lists
    no types)."""
    _, r, returns = missing(stap, release, docs, compatible)
    ours = dict(re.findall(r"^  (r\d+):(\w+)$", r.stdout, re.M))
    return sorted(f"{name}: returns {ours.get(local, '?')}, documented {ret}"
                  for local, (name, ret) in returns.items()
                  if ours.get(local) != ret)


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
        bad, wrong = [], []
        for version, group in sorted(groups.items(), key=lambda g: g[0] or ""):
            some, r, _ = missing(a.stap, rel, group, version)
            if r.returncode != 0 and not some:
                # Failed for another reason: nothing can be counted.
                print(f"FAIL {rel}: stap -p2 failed:\n{r.stderr}")
                failed = True
            bad += some
            found = {n: f for n, f in group.items() if n not in some}
            wrong += wrong_returns(a.stap, rel, found, version)
        bad.sort()
        found = len(docs) - len(bad)
        print(f"{rel}: {found} of {len(docs)} documented functions")
        if a.show_missing and bad:
            print("  missing: " + " ".join(bad))
        for w in wrong:
            print(f"FAIL {rel}: {w}")
            failed = True
        if found < a.floor:
            print(f"FAIL {rel}: below the floor ({a.floor} functions)")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
