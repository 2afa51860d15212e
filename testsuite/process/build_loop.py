#!/usr/bin/env python3
"""Builds the process-probe test programs from testsuite/process/ with
`gcc -g` into DIR (once: skipped when they are newer than the sources):
  DIR/loop            work() in the executable
  DIR/libloopwork.so  work() in a library
  DIR/loop_shared     the same loop calling the library's work()
  DIR/threads         starts and joins N threads (thread.begin/.end)
  DIR/chain           main -> outer -> middle -> inner, -O2 (backtraces)
  DIR/late_library    dlopen()s libloopwork.so after it started
  DIR/libatvar.so     globals of a library (-O0), for @var of another file
  DIR/atvar_main      calls the library's lib_step() (-O0)
usage: build_loop.py DIR"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def build(out):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    src, lib = HERE / "loop.c", HERE / "loopwork.c"
    timer = HERE.parent / "bench" / "chunk_timer.h"  # included by loop.c
    threads, chain = HERE / "threads.c", HERE / "chain.c"
    late = HERE / "late_library.c"
    atlib, atmain = HERE / "atvar_lib.c", HERE / "atvar_main.c"
    jobs = [
        (out / "loop", [src, timer],
         ["gcc", "-g", "-O1", "-o", out / "loop", src]),
        (out / "libloopwork.so", [lib],
         ["gcc", "-g", "-O1", "-shared", "-fPIC", "-o", out / "libloopwork.so", lib]),
        (out / "loop_shared", [src, timer],
         ["gcc", "-g", "-O1", "-DSHARED_WORK", "-o", out / "loop_shared", src,
          f"-L{out}", "-lloopwork", f"-Wl,-rpath,{out}"]),
        (out / "threads", [threads],
         ["gcc", "-g", "-O1", "-pthread", "-o", out / "threads", threads]),
        (out / "chain", [chain],
         ["gcc", "-g", "-O2", "-fomit-frame-pointer", "-o", out / "chain",
          chain]),
        (out / "late_library", [late],
         ["gcc", "-g", "-O1", "-o", out / "late_library", late, "-ldl"]),
        (out / "libatvar.so", [atlib],
         ["gcc", "-g", "-O0", "-shared", "-fPIC", "-o", out / "libatvar.so",
          atlib]),
        (out / "atvar_main", [atmain],
         ["gcc", "-g", "-O0", "-o", out / "atvar_main", atmain, f"-L{out}",
          "-latvar", f"-Wl,-rpath,{out}"]),
    ]
    for target, sources, cmd in jobs:
        if target.exists() and all(target.stat().st_mtime >= s.stat().st_mtime
                                   for s in sources):
            continue
        subprocess.run([str(c) for c in cmd], check=True)
    return out


if __name__ == "__main__":
    build(sys.argv[1])
