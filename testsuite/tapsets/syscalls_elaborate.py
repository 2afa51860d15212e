#!/usr/bin/env python3
"""The syscall tapset covers every x86-64 system call of each installed
kernel: `stap -p2 -r RELEASE` of syscall.*, syscall.*.return and their
nd_syscall twins elaborates with no diagnostic, and probes
__x64_sys_NAME for every sys_NAME of the kernel's own generated
syscalls_64.h (an independent list: the kernel build's). Also checks that
a stapusr lint names each kernel probe with its action, and that
syscall.mseal is refused on a kernel older than the call.

usage: syscalls_elaborate.py STAP
Exit 0 passed, 1 failed, 77 no kernel headers installed.
"""
import os
import re
import subprocess
import sys


def kernels():
    """(release, syscalls_64.h) of each kernel with headers installed."""
    out = []
    for rel in sorted(os.listdir("/lib/modules")):
        h = os.path.join("/lib/modules", rel, "build", "arch/x86/include/"
                         "generated/asm/syscalls_64.h")
        if os.path.exists(h):
            out.append((rel, h))
    return out


def stap(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True,
                          timeout=300)


def check_release(binary, rel, header, fail):
    want = {m for m in re.findall(r"__SYSCALL(?:_NORETURN)?\(\d+, sys_(\w+)\)",
                                  open(header).read()) if m != "ni_syscall"}
    r = stap(binary, "-p2", "-r", rel, "-e",
             "probe syscall.*, syscall.*.return, nd_syscall.*, "
             "nd_syscall.*.return {}")
    if r.returncode != 0 or r.stderr:
        fail(f"{rel}: syscall.* did not elaborate cleanly (exit "
             f"{r.returncode}):\n{r.stderr[:2000]}")
        return
    for kind in ("call", "return"):
        got = set(re.findall(r'kernel\.function\("__x64_sys_(\w+)"\)\.' + kind,
                             r.stdout))
        if got != want:
            fail(f"{rel}: .{kind}: missing {sorted(want - got)}, "
                 f"extra {sorted(got - want)}")
    print(f"ok {rel}: {len(want)} system calls, entry and return")


def main():
    binary = sys.argv[1]
    found = kernels()
    if not found:
        print("SKIP: no kernel headers installed")
        return 77
    failures = []
    fail = failures.append
    for rel, header in found:
        check_release(binary, rel, header, fail)
    rel = found[0][0]
    # The stapusr lint reports each kernel probe, with its action.
    r = stap(binary, "-p2", "--privilege=stapusr", "-r", rel, "-e",
             "probe syscall.open { println(argstr) }\n"
             "probe nd_syscall.close.return { println(retstr) }")
    for text in (r"<input>:1:7: semantic error: probe point is not allowed "
                 r"for --privilege=stapusr: probe point 'syscall.open' needs "
                 r"privilege action 'probe.kernel' \(allowed at 'stapsys'",
                 r"<input>:2:7: semantic error: probe point is not allowed "
                 r"for --privilege=stapusr: probe point "
                 r"'nd_syscall.close.return' needs privilege action "
                 r"'probe.kernel' \(allowed at 'stapsys'",
                 r'expands to probe point \'kernel.function\("__x64_sys_open"\)',
                 r'expands to probe point \'kernel.function\("__x64_sys_close"\)'):
        if r.returncode != 1 or not re.search(text, r.stderr):
            fail(f"stapusr lint: no /{text}/ in:\n{r.stderr[:2000]}")
    r = stap(binary, "-p2", "--privilege=stapsys", "-r", rel, "-e",
             "probe syscall.{open,close}? { println(argstr) }")
    if r.returncode != 0 or r.stdout.count("kernel.function(") != 2:
        fail(f"stapsys: syscall.{{open,close}}? not both resolved:\n"
             f"{r.stdout}{r.stderr[:2000]}")
    # A call newer than the kernel is no alias there.
    old = [k for k in found if re.match(r"6\.[0-9]\.", k[0])]
    if old:
        r = stap(binary, "-p2", "-r", old[0][0], "-e", "probe syscall.mseal {}")
        if (r.returncode != 1
                or "unknown probe point 'syscall.mseal'" not in r.stderr
                or "did you mean 'syscall.mseal'" in r.stderr):
            fail(f"{old[0][0]}: syscall.mseal was not refused:\n{r.stderr}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
