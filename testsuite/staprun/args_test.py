#!/usr/bin/env python3
"""Command lines staprun and stapio refuse before touching any module: each
case runs the real binary and checks the exit status and the one-line
message.  -x takes a process id that must be exactly what it says: atoi()
would read "12abc" as 12 and "abc" as 0 and watch some other process.

usage: args_test.py STAPRUN STAPIO
"""
import subprocess
import sys

BAD_PIDS = ["abc", "12abc", "-5", "+5", "0", " 7", "7 ", "", "0x10",
            "99999999999", "2147483648", "1e3"]


def run(argv):
    r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


def main(staprun, stapio):
    failures = []

    def expect(argv, status, stderr):
        rc, out, err = run(argv)
        if rc != status or err != stderr or out:
            failures.append(f"{argv!r}: exit {rc}, stdout {out!r}, stderr {err!r}; "
                            f"expected exit {status}, stderr {stderr!r}")

    for pid in BAD_PIDS:
        msg = f"invalid process id '{pid}' for -x\n"
        expect([staprun, "-x", pid, "/nonexistent/stap_x.ko"], 1, "staprun: " + msg)
        expect([stapio, "-x", pid, "stap_x"], 1, "stapio: " + msg)
    # A valid id gets past option parsing: the next complaint is the module.
    expect([staprun, "-x", "2147483647", "/nonexistent/stap_x.ko"], 1,
           "staprun: cannot open module '/nonexistent/stap_x.ko': "
           "No such file or directory\n")
    expect([staprun, "-c", "true", "-x", "1", "/nonexistent/stap_x.ko"], 1,
           "staprun: -c and -x are mutually exclusive\n")
    for f in failures:
        print("FAIL: " + f)
    print(f"{2 * len(BAD_PIDS) + 2 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
