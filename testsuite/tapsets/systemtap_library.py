#!/usr/bin/env python3
"""SystemTap 4.8's own tapset library (Debian's systemtap-common) as input
to our front end (issue 13): with SYSTEMTAP_TAPSET pointing at it, each of
its .stp files, followed by `probe never {}`, must parse (-p1, with -g as
SystemTap needs for their embedded C), and each public function of it must
elaborate when a script calls it (--functions).

The library's text is input only: nothing of it is copied into ours. The
test fails when fewer files (functions) pass than the floor given, so a
regression shows while the remaining failures are worked through; it
skips (77) when the library is not installed.

Usage: systemtap_library.py STAP TAPSET_DIR --parse-floor N
                            [--functions --elaborate-floor N] [--show-failures]
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile


def run(stap, args, tapsets, timeout=120):
    env = dict(os.environ, SYSTEMTAP_TAPSET=tapsets)
    try:
        r = subprocess.run([stap] + args, capture_output=True, text=True,
                           env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "timed out"
    first = next((l for l in r.stderr.splitlines() if ": error: " in l),
                 r.stderr.strip().splitlines()[0] if r.stderr.strip() else "")
    return r.returncode == 0, first


def library_files(tapsets):
    out = []
    for d, _, names in os.walk(tapsets):
        out += [os.path.join(d, n) for n in names if n.endswith(".stp")]
    return sorted(out)


def parse_sweep(stap, tapsets, work):
    def one(path):
        script = os.path.join(work, os.path.relpath(path, tapsets)
                              .replace("/", "__"))
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        with open(script, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text + "\nprobe never {}\n")
        ok, why = run(stap, ["-p1", "-g", script], tapsets)
        return path, ok, why
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return list(pool.map(one, library_files(tapsets)))


# function NAME[:type] ( ... — public ones, as the library declares them
FUNCTION_RE = re.compile(r"^\s*function\s+([A-Za-z][A-Za-z0-9_]*)\s*(?::\s*\w+\s*)?"
                         r"\(([^)]*)\)", re.M)


def public_functions(tapsets):
    """Name -> parameter types ("string", "long" or None) of every function
    a kernel-runtime script can call (dyninst/ and bpf/ hold other
    runtimes' versions)."""
    found = {}
    for path in library_files(tapsets):
        rel = os.path.relpath(path, tapsets)
        if rel.startswith(("dyninst/", "bpf/")):
            continue
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for m in FUNCTION_RE.finditer(f.read()):
                params = [p for p in m.group(2).split(",") if p.strip()]
                types = tuple(p.split(":")[1].strip() if ":" in p else None
                              for p in params)
                found.setdefault(m.group(1), types)
    return found


def target_release():
    """The newest installed kernel with an image: the library's module
    casts and probes need one, whatever the host runs."""
    releases = [r for r in os.listdir("/lib/modules")
                if os.path.exists(f"/boot/vmlinuz-{r}")] \
        if os.path.isdir("/lib/modules") else []
    key = lambda r: [int(x) if x.isdigit() else x
                     for x in re.split(r"(\d+)", r)]
    return sorted(releases, key=key)[-1] if releases else None


# "argument 2 to function 'f' is string, but parameter 'n' ... is long"
ARG_TYPE_RE = re.compile(r"argument (\d+) to function '[^']*' is (\w+), "
                         r"but parameter '[^']*' of function '[^']*' is (\w+)")


def elaborate_sweep(stap, tapsets, functions):
    release = target_release()
    common = ["-p2", "-g", "-w"] + (["-r", release] if release else [])

    def one(item):
        name, types = item
        # Typed parameters get a value of their type; an untyped one
        # starts as a number and turns into a string when pass 2 says
        # it is one (once per parameter).
        args = ['""' if t == "string" else "0" for t in types]
        for _ in range(len(args) + 1):
            ok, why = run(stap, common + ["-e", "probe begin { " + name +
                                          "(" + ", ".join(args) + ") }"],
                          tapsets)
            m = ARG_TYPE_RE.search(why)
            if ok or not m:
                break
            args[int(m.group(1)) - 1] = '""' if m.group(3) == "string" \
                else "0"
        if not ok and None in types:
            # A parameter used only as a string key says so less directly
            # ("type conflict for index ..."): try its untyped ones as
            # strings.
            args = ['0' if t == "long" else '""' for t in types]
            ok2, why2 = run(stap, common + ["-e", "probe begin { " + name +
                                            "(" + ", ".join(args) + ") }"],
                            tapsets)
            if ok2:
                ok, why = ok2, why2
        return name, ok, why
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return list(pool.map(one, sorted(functions.items())))


def report(kind, results, floor, show):
    passed = sum(ok for _, ok, _ in results)
    print(f"{kind}: {passed} of {len(results)} pass (floor {floor})")
    if show:
        for what, ok, why in results:
            if not ok:
                print(f"  FAIL {what}: {why}")
    return passed >= floor


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stap")
    ap.add_argument("tapsets")
    ap.add_argument("--parse-floor", type=int, default=0)
    ap.add_argument("--functions", action="store_true")
    ap.add_argument("--elaborate-floor", type=int, default=0)
    ap.add_argument("--show-failures", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.tapsets):
        print(f"SKIP: {a.tapsets} is missing (apt-get install systemtap-common)")
        return 77
    ok = True
    with tempfile.TemporaryDirectory(prefix="stap-library-") as work:
        ok &= report("-p1 -g FILE + 'probe never {}'",
                     parse_sweep(a.stap, a.tapsets, work), a.parse_floor,
                     a.show_failures)
    if a.functions:
        ok &= report("-p2 -e 'probe begin { f(...) }'",
                     elaborate_sweep(a.stap, a.tapsets,
                                     public_functions(a.tapsets)),
                     a.elaborate_floor, a.show_failures)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
