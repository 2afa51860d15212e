#!/usr/bin/env python3
"""The kernel tapsets against their reference: for every probe::NAME man
page of Debian's systemtap-doc in a family we claim, `stap -p2 -r RELEASE`
of `probe NAME { println(VAR) ... }` must find the alias and define each
variable the page's VALUES section lists. Run against each installed
kernel with BTF; prints "N of M aliases, X of Y variables" per kernel and
the gaps, and fails when a figure drops below its floor (raise the floors
as the library grows).

usage: documented_aliases.py STAP [--alias-floor N] [--var-floor N]
                             [--show-missing] [--family F]...
Exit 0 passed, 1 failed, 77 no man pages or no kernel.
"""
import argparse
import concurrent.futures
import gzip
import os
import re
import subprocess
import sys

MAN = "/usr/share/man/man3"
# The families issue 10 asks for (probe::FAMILY.*).
FAMILIES = ("signal", "scheduler", "kprocess", "ioblock", "ioscheduler",
            "netdev", "tcp", "udp", "socket", "irq_handler", "softirq", "vm",
            "syscall_any", "tty", "workqueue", "scsi", "ioblock_trace",
            "ioscheduler_trace", "ipmib", "tcpmib", "linuxmib", "sunrpc",
            "nfs", "nfsd", "netfilter")


def pages(families=FAMILIES):
    """(alias, [variables]) of each claimed probe:: page."""
    out = []
    for f in sorted(os.listdir(MAN)):
        # probe::FAMILY.POINT, or the family's own point (syscall_any).
        m = re.match(r"probe::(([a-z_0-9]+)(\..*)?)\.3stap\.gz$", f)
        if not m or m.group(2) not in families:
            continue
        text = gzip.open(os.path.join(MAN, f), "rt", errors="replace").read()
        values = re.search(r'^\.SH "VALUES"\n(.*?)^\.SH ', text, re.S | re.M)
        names = re.findall(r"^\\fI(\w+)\\fR$", values.group(1), re.M) \
            if values else []
        out.append((m.group(1), sorted(set(names))))
    return out


def kernels():
    return [r for r in sorted(os.listdir("/lib/modules"))
            if os.path.exists(f"/boot/vmlinuz-{r}")]


def check(stap, release, alias, variables):
    """(alias found, [undefined variables], stderr)."""
    body = " ".join(f"println({v})" for v in variables) or "next"
    r = subprocess.run([stap, "-p2", "-r", release, "-e",
                        f"probe {alias} {{ {body} }}"],
                       capture_output=True, text=True, timeout=300)
    if "STAP2101" in r.stderr or "no probe point matches" in r.stderr or \
            ("unknown probe point" in r.stderr):
        return False, variables, r.stderr
    undefined = [v for v in variables
                 if re.search(rf"variable '{v}' is read but never assigned",
                              r.stderr)]
    ok = r.returncode == 0 or undefined
    return ok, undefined, r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stap")
    ap.add_argument("--alias-floor", type=int, default=0)
    ap.add_argument("--var-floor", type=int, default=0)
    ap.add_argument("--show-missing", action="store_true")
    ap.add_argument("--family", action="append",
                    help="check only these families (while writing one)")
    a = ap.parse_args()
    docs = pages(a.family or FAMILIES) if os.path.isdir(MAN) else []
    if not docs:
        print("SKIP: no probe:: man pages (systemtap-doc) installed")
        return 77
    releases = kernels()
    if not releases:
        print("SKIP: no kernel image installed")
        return 77
    failed = False
    for rel in releases:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda d: check(a.stap, rel, *d), docs))
        aliases = sum(1 for ok, _, _ in results if ok)
        total_vars = sum(len(v) for _, v in docs)
        defined = sum(len(v) - len(u) for (_, v), (ok, u, _) in
                      zip(docs, results) if ok)
        print(f"{rel}: {aliases} of {len(docs)} aliases, {defined} of "
              f"{total_vars} variables")
        for (name, _), (ok, undef, err) in zip(docs, results):
            if a.show_missing and not ok:
                first = err.strip().splitlines()[:1]
                print(f"  missing alias {name}: {first[0] if first else ''}")
            elif a.show_missing and undef:
                print(f"  {name}: undefined {' '.join(undef)}")
        if aliases < a.alias_floor or defined < a.var_floor:
            print(f"FAIL {rel}: below the floor ({a.alias_floor} aliases, "
                  f"{a.var_floor} variables)")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
