#!/usr/bin/env python3
"""stap-merge, the merger of bulk mode's per-CPU files (stap -b): files
written here in the documented record format (runtime/bulk_record.h: a
32-bit sequence number and length in host order, then the bytes) are merged
by sequence number; -v labels each record [CPU,SEQUENCE,LENGTH]; -o names
the output; without files it reads stpd_cpu0, stpd_cpu1 ...; a file cut
inside a record is an error naming it.

usage: merge_test.py STAP_MERGE
"""
import os
import struct
import subprocess
import sys
import tempfile


def records(*recs):
    return b"".join(struct.pack("=II", seq, len(data)) + data
                    for seq, data in recs)


def main(merge):
    merge = os.path.abspath(merge)
    failures = []
    tmp = tempfile.mkdtemp(prefix="merge_test.")
    cpu0 = os.path.join(tmp, "out_0")
    cpu1 = os.path.join(tmp, "out_1")
    with open(cpu0, "wb") as f:
        f.write(records((1, b"a1\n"), (4, b"a4\n"), (5, b"")))
    with open(cpu1, "wb") as f:
        f.write(records((2, b"b2\n"), (3, b"b3\nb3 again\n")))

    def expect(argv, status, stdout, stderr="", cwd=None):
        r = subprocess.run([merge] + argv, capture_output=True, cwd=cwd,
                           timeout=30)
        got = (r.returncode, r.stdout, r.stderr.decode())
        if got != (status, stdout, stderr):
            failures.append(f"{argv!r}: got {got!r}, expected "
                            f"{(status, stdout, stderr)!r}")

    expect([cpu0, cpu1], 0, b"a1\nb2\nb3\nb3 again\na4\n")
    expect([cpu1, cpu0], 0, b"a1\nb2\nb3\nb3 again\na4\n")
    expect(["-v", cpu0, cpu1], 0,
           b"[0,1,3]\na1\n[1,2,3]\nb2\n[1,3,12]\nb3\nb3 again\n"
           b"[0,4,3]\na4\n[0,5,0]\n")
    expect([cpu1], 0, b"b2\nb3\nb3 again\n")
    out = os.path.join(tmp, "merged")
    expect(["-o", out, cpu0, cpu1], 0, b"")
    with open(out, "rb") as f:
        if f.read() != b"a1\nb2\nb3\nb3 again\na4\n":
            failures.append("-o: wrong file content")
    # Default inputs: stpd_cpuN in the current directory.
    os.rename(cpu0, os.path.join(tmp, "stpd_cpu0"))
    os.rename(cpu1, os.path.join(tmp, "stpd_cpu1"))
    expect([], 0, b"a1\nb2\nb3\nb3 again\na4\n", cwd=tmp)
    empty = tempfile.mkdtemp(prefix="merge_empty.")
    expect([], 1, b"", "stap-merge: no input files, and no stpd_cpu0 here\n",
           cwd=empty)
    cut = os.path.join(tmp, "cut")
    with open(cut, "wb") as f:
        f.write(records((1, b"whole\n")) + struct.pack("=II", 2, 10) + b"half")
    expect([cut], 1, b"whole\nhalf", f"stap-merge: '{cut}' ends inside "
           "record 2\n")
    with open(cut, "wb") as f:
        f.write(records((1, b"x\n")) + b"\x02\x00")
    expect([cut], 1, b"x\n", f"stap-merge: '{cut}' ends inside a record "
           "header\n")
    expect([os.path.join(tmp, "missing")], 1, b"",
           f"stap-merge: cannot open '{tmp}/missing': No such file or "
           "directory\n")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
