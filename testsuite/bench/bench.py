#!/usr/bin/env python3
"""Benchmarks the front end: wall time and peak RSS of
  - passes 1 and 2 on a hello-world script, with the full tapset library;
  - pass 1 on a generated 1 MB script (gen_script.py).
Each measurement is the median of several runs (one warm-up run first).
Not a test: it prints a table to compare against the targets.

With --baseline OTHER_STAP, each case runs both binaries in turn (so load
on a shared machine hits both alike) and the table adds the baseline's
median and the ratio new/baseline: below 1 is faster.

Usage: bench.py --stap PATH [--baseline PATH] [--runs N] [--size BYTES]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HELLO = os.path.join(HERE, "..", "sample", "hello.stp")
# (case, target wall ms, target peak RSS MB); None: no target set.
TARGETS = {"hello -p1": (28, 9.7)}
GNU_TIME = "/usr/bin/time"  # Debian package `time`


def measure(cmd):
    """(wall seconds, peak RSS in kB) of one run; fails loudly on errors.

    Peak RSS comes from GNU time (`/usr/bin/time -f %M`): a child forked from
    Python starts with Python's pages, and Linux carries that high-water mark
    across exec, so os.wait4's ru_maxrss would overstate small runs by ~10 MB.
    """
    with tempfile.NamedTemporaryFile(mode="r") as rss_file:
        start = time.perf_counter()
        p = subprocess.run([GNU_TIME, "-f", "%M", "-o", rss_file.name] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if p.returncode != 0:
            sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n"
                     f"{p.stderr.decode(errors='replace')}")
        return wall, int(rss_file.read().split()[-1])


def bench(name, cmd, runs):
    measure(cmd)  # warm the page cache
    samples = [measure(cmd) for _ in range(runs)]
    walls = [w * 1000 for w, _ in samples]
    rss = [r / 1024 for _, r in samples]
    return name, statistics.median(walls), min(walls), statistics.median(rss)


def compare(name, cmds, runs):
    """Both binaries' medians, runs interleaved: [(name, median ms, ...)]."""
    for cmd in cmds:
        measure(cmd)  # warm the page cache
    samples = [[], []]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            samples[i].append(measure(cmd))
    return [(name, statistics.median(w * 1000 for w, _ in s),
             min(w * 1000 for w, _ in s), statistics.median(r / 1024 for _, r in s))
            for s in samples]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stap", required=True)
    ap.add_argument("--baseline", help="another stap to compare with")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--size", type=int, default=1 << 20)
    a = ap.parse_args()
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit(f"bench: {GNU_TIME} is missing (apt-get install time)")
    with tempfile.TemporaryDirectory(prefix="stap-bench-") as tmp:
        big = os.path.join(tmp, "big.stp")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_script.py"),
                        "--size", str(a.size), big], check=True)
        size_kb = os.path.getsize(big) // 1024
        cases = [("hello -p1", ["-p1", HELLO]), ("hello -p2", ["-p2", HELLO]),
                 (f"{size_kb} kB script -p1", ["-p1", big])]
        if a.baseline:
            print(f"{'case':<22} {'median ms':>10} {'baseline ms':>12} "
                  f"{'ratio':>6} {'RSS MB':>7} {'baseline MB':>12}")
            for name, args in cases:
                new, old = compare(name, [[a.stap] + args,
                                          [a.baseline] + args], a.runs)
                print(f"{name:<22} {new[1]:>10.1f} {old[1]:>12.1f} "
                      f"{new[1] / old[1]:>6.2f} {new[3]:>7.1f} {old[3]:>12.1f}")
            print(f"({a.runs} runs each, interleaved; stap = {a.stap}, "
                  f"baseline = {a.baseline})")
            return
        rows = [bench(name, [a.stap] + args, a.runs) for name, args in cases]
    print(f"{'case':<22} {'median ms':>10} {'min ms':>8} {'peak RSS MB':>12}"
          f"  target")
    for name, med, low, rss in rows:
        target = TARGETS.get(name)
        note = f"  {target[0]} ms, {target[1]} MB" if target else ""
        print(f"{name:<22} {med:>10.1f} {low:>8.1f} {rss:>12.1f}{note}")
    print(f"({a.runs} runs each; stap = {a.stap})")


if __name__ == "__main__":
    main()
