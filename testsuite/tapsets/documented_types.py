#!/usr/bin/env python3
"""The kernel tapsets' variable types against SystemTap 4.8's: for every
documented alias (documented_aliases.pages) and each variable its probe::
page lists, the type our `stap -p2` gives the variable must be the one
Debian's SystemTap 4.8 gives it, on the oldest release whose debuginfo is
installed (4.8 resolves the kernel only through it). A script written for
SystemTap calls kernel_string(dev_name) where dev_name is a pointer: a
string there fails at pass 2.

Each mismatch prints "ALIAS VAR: ours TYPE, SystemTap 4.8 TYPE"; variables
4.8 itself cannot resolve on that kernel are listed apart and do not fail.

usage: documented_types.py STAP [--stap48 PATH] [--family F]...
                           [--reference-cache FILE]
Exit 0 passed, 1 a type differs, 77 no man pages, no SystemTap 4.8, no
kernel with its debuginfo, or STAP_TEST_AGAINST_SYSTEMTAP unset: 4.8
takes about 45 minutes of two cores over every alias, too long for the
suite a change must pass (run it with STAP_TEST_AGAINST_SYSTEMTAP=1).
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

import documented_aliases

STAP48 = "/usr/bin/stap"
# Aliases per run: 4.8 spends most of a run loading its library and the
# kernel's debuginfo, so a run checks many aliases at once.
BATCH = 24


def debug_release():
    """The oldest release under /lib/modules with its debuginfo, or ""."""
    try:
        names = os.listdir("/lib/modules")
    except OSError:
        return ""
    key = lambda n: [int(x) if x.isdigit() else x
                     for x in re.split(r"(\d+)", n)]
    found = [n for n in sorted(names, key=key)
             if os.path.exists("/usr/lib/debug/boot/vmlinux-" + n)]
    return found[0] if found else ""


def probe_types(listing):
    """{alias: {variable: {types}}} from the `# probes` part of a -p2
    listing; each probe's header ends with "<- ALIAS */" (the point the
    script named), its locals follow as "  NAME:TYPE"."""
    types = {}
    current = None
    in_probes = False
    for line in listing.splitlines():
        if line == "# probes":
            in_probes = True
        elif not in_probes:
            continue
        elif not line.startswith(" "):
            m = re.search(r"<- ([^<]*?)[?!]? \*/$", line)
            current = types.setdefault(m.group(1) if m else line, {})
        elif current is not None:
            m = re.match(r"\s+(\w+):(\w+)$", line)
            if m:
                current.setdefault(m.group(1), set()).add(m.group(2))
    return types


def run(stap, release, docs):
    """(types, first error line) of one -p2 run over [(alias, [vars])]."""
    script = " ".join(
        f"probe {alias} {{ {' '.join(f'println({v})' for v in vs) or 'next'} }}"
        for alias, vs in docs)
    r = subprocess.run(["nice", stap, "-p2", "-r", release, "-e", script],
                       capture_output=True, text=True, timeout=900)
    if r.returncode == 0:
        return probe_types(r.stdout), ""
    errors = [l for l in r.stderr.splitlines() if "error" in l]
    return None, (errors or r.stderr.splitlines() or ["failed"])[0].strip()


def resolve(stap, release, docs):
    """({(alias, var): {types}}, {(alias, var): error}) of the documented
    variables; a failing run is split in halves down to one variable, so
    one unresolvable variable costs a few runs, not the whole check."""
    types, error = run(stap, release, docs)
    if types is not None:
        found, failed = {}, {}
        for alias, vs in docs:
            if alias in types:
                mine = types[alias]
            elif len(docs) == 1:
                # 4.8 names a DWARF probe by its point alone, not the
                # alias: the run's only alias owns all its probes.
                mine = {}
                for probe in types.values():
                    for v, t in probe.items():
                        mine.setdefault(v, set()).update(t)
            else:
                f, e = resolve(stap, release, [(alias, vs)])
                found.update(f)
                failed.update(e)
                continue
            for v in vs:
                found[(alias, v)] = mine.get(v, {"?"})
        return found, failed
    # The point the script names matches nothing (at <input>, not in a
    # tapset): none of the alias's variables can resolve.
    no_point = "while resolving probe point" in error and "<input>" in error
    if len(docs) == 1 and (len(docs[0][1]) <= 1 or no_point):
        alias, vs = docs[0]
        return {}, {(alias, v): error for v in vs or ["(alias)"]}
    if len(docs) == 1:
        alias, vs = docs[0]
        halves = [[(alias, vs[:len(vs) // 2])], [(alias, vs[len(vs) // 2:])]]
    else:
        halves = [docs[:len(docs) // 2], docs[len(docs) // 2:]]
    found, failed = {}, {}
    for half in halves:
        f, e = resolve(stap, release, half)
        found.update(f)
        failed.update(e)
    return found, failed


def resolve_all(stap, release, docs):
    batches = [docs[i:i + BATCH] for i in range(0, len(docs), BATCH)]
    found, failed = {}, {}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for f, e in pool.map(lambda b: resolve(stap, release, b), batches):
            found.update(f)
            failed.update(e)
    return found, failed


def reference(stap48, release, docs, cache):
    """4.8's types and errors, from `cache` when it holds this release's."""
    if cache and os.path.exists(cache):
        with open(cache) as f:
            saved = json.load(f)
        if saved["release"] == release:
            split = lambda k: tuple(k.split(" ", 1))
            return ({split(k): set(v) for k, v in saved["types"].items()},
                    {split(k): v for k, v in saved["errors"].items()})
    found, failed = resolve_all(stap48, release, docs)
    if cache:
        with open(cache, "w") as f:
            json.dump({"release": release,
                       "types": {" ".join(k): sorted(v)
                                 for k, v in found.items()},
                       "errors": {" ".join(k): v
                                  for k, v in failed.items()}}, f, indent=0)
    return found, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stap")
    ap.add_argument("--stap48", default=STAP48)
    ap.add_argument("--family", action="append",
                    help="check only these families")
    ap.add_argument("--reference-cache",
                    help="keep 4.8's answers in this file (while fixing)")
    a = ap.parse_args()
    if not os.environ.get("STAP_TEST_AGAINST_SYSTEMTAP") and \
            not a.reference_cache:
        print("SKIP: comparing with SystemTap 4.8 takes about 45 minutes; "
              "set STAP_TEST_AGAINST_SYSTEMTAP=1 to run it")
        return 77
    if not os.path.isdir(documented_aliases.MAN):
        print("SKIP: no probe:: man pages (systemtap-doc) installed")
        return 77
    docs = documented_aliases.pages(a.family or documented_aliases.FAMILIES)
    if not docs:
        print("SKIP: no probe:: man pages (systemtap-doc) installed")
        return 77
    if not os.access(a.stap48, os.X_OK):
        print(f"SKIP: no SystemTap 4.8 at {a.stap48} (Debian's systemtap)")
        return 77
    release = debug_release()
    if not release:
        print("SKIP: no release under /lib/modules has its debuginfo in "
              "/usr/lib/debug/boot (SystemTap 4.8 needs it)")
        return 77
    theirs, unresolved = reference(a.stap48, release, docs,
                                   a.reference_cache)
    ours, our_errors = resolve_all(a.stap, release, docs)
    compared = [k for k in theirs if k in ours]
    mismatches = [k for k in compared if ours[k] != theirs[k]]
    show = lambda types: "/".join(sorted(types))
    print(f"{release}: {len({k[0] for k in compared})} aliases, "
          f"{len(compared)} variables compared; {len(mismatches)} differ")
    for alias, var in sorted(mismatches):
        print(f"{alias} {var}: ours {show(ours[(alias, var)])}, "
              f"SystemTap 4.8 {show(theirs[(alias, var)])}")
    for (alias, var), error in sorted(our_errors.items()):
        print(f"{alias} {var}: ours fails: {error}")
    if unresolved:
        print(f"SystemTap 4.8 cannot resolve {len(unresolved)} on {release}:")
        for (alias, var), error in sorted(unresolved.items()):
            print(f"  {alias} {var}: {error}")
    return 1 if mismatches or our_errors else 0


if __name__ == "__main__":
    sys.exit(main())
