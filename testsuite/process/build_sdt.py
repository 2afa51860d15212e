#!/usr/bin/env python3
"""Builds testsuite/process/sdt_marks.c (<sys/sdt.h>, systemtap-sdt-dev)
with `gcc -g` into DIR/sdt_marks_O0 and DIR/sdt_marks_O2 (once: skipped
when newer than the source): -O0 keeps the mark arguments in frame slots,
-O2 in registers.
usage: build_sdt.py DIR"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def build(out):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    src = HERE / "sdt_marks.c"
    for level in ("0", "2"):
        exe = out / f"sdt_marks_O{level}"
        if not exe.exists() or exe.stat().st_mtime < src.stat().st_mtime:
            subprocess.run(["gcc", "-g", f"-O{level}", "-o", str(exe),
                            str(src)], check=True)
    return out


if __name__ == "__main__":
    build(sys.argv[1])
