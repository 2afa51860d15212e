#!/usr/bin/env python3
"""Builds testsuite/process/targets.c with `gcc -g -O0` into DIR/targets
entry.c into DIR/entry and inline.c (-O2) into DIR/inline (once: skipped
when newer than the source).
usage: build_targets.py DIR"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def build(out, name="targets", opt="-O0"):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    src, exe = HERE / f"{name}.c", out / name
    if not exe.exists() or exe.stat().st_mtime < src.stat().st_mtime:
        subprocess.run(["gcc", "-g", opt, "-pthread", "-o", str(exe),
                        str(src)], check=True)
    return exe


if __name__ == "__main__":
    build(sys.argv[1])
