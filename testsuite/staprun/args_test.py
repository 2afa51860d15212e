#!/usr/bin/env python3
"""Command lines staprun and stapio refuse before touching any module: each
case runs the real binary and checks the exit status and the one-line
message.  -x takes a process id that must be exactly what it says: atoi()
would read "12abc" as 12 and "abc" as 0 and watch some other process.

usage: args_test.py STAPRUN STAPIO
"""
import os
import subprocess
import sys
import tempfile

BAD_PIDS = ["abc", "12abc", "-5", "+5", "0", " 7", "7 ", "", "0x10",
            "99999999999", "2147483648", "1e3"]


def run(argv):
    r = subprocess.run(argv, capture_output=True, timeout=30)
    return (r.returncode, r.stdout.decode(errors="replace"),
            r.stderr.decode(errors="replace"))


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
    count = 2 * len(BAD_PIDS) + 2
    # -b BUFFER_SIZE: megabytes, 1 to 4095 (staprun(8)).
    for size in ["0", "4096", "1M", "-1", ""]:
        expect([staprun, "-b", size, "/nonexistent/stap_x.ko"], 1,
               f"staprun: invalid buffer size '{size}' for -b (expected "
               "megabytes, 1 to 4095)\n")
        count += 1
    # -C WHEN: never, always or auto (staprun(8)), in both programs.
    for when in ["yes", "", "Always"]:
        expect([staprun, "-C", when, "/nonexistent/stap_x.ko"], 1,
               f"staprun: invalid '-C {when}' (expected never, always or "
               "auto)\n")
        expect([stapio, "-C", when, "stap_x"], 1,
               f"stapio: invalid '-C {when}' (expected never, always or "
               "auto)\n")
        count += 2
    # -S without -o is accepted (it has no file to switch); its value is
    # still checked.
    expect([staprun, "-S", "1,2", "/nonexistent/stap_x.ko"], 1,
           "staprun: cannot open module '/nonexistent/stap_x.ko': "
           "No such file or directory\n")
    expect([staprun, "-S", "1,0", "/nonexistent/stap_x.ko"], 1,
           "staprun: invalid '-S 1,0' (expected SIZE[,N]: megabytes 1 to "
           "4095, files at least 1)\n")
    count += 2
    expect([staprun, "-b", "4095", "/nonexistent/stap_x.ko"], 1,
           "staprun: cannot open module '/nonexistent/stap_x.ko': "
           "No such file or directory\n")
    count += 1

    # Module options: the kernel also splits on \v \f \r and 0xa0 and
    # stops at a bare "--", so values keep to a safe set and names are
    # identifiers; refused before anything else, for any user.
    values = "values are [A-Za-z0-9_.,:/+@-]\n"
    names = "names are C identifiers\n"
    for opt, msg in [
            (b"x=1\vstp_unprivileged=0\v--", "module option 'x' has value byte 0x0b; " + values),
            (b"x=1\fstp_uid=0", "module option 'x' has value byte 0x0c; " + values),
            (b"x=1\rstp_uid=0", "module option 'x' has value byte 0x0d; " + values),
            (b"x=1\xa0stp_uid=0", "module option 'x' has value byte 0xa0; " + values),
            (b'x="a b"', "module option 'x' has value byte 0x22; " + values),
            (b"x=a b", "module option 'x' has value byte 0x20; " + values),
            (b"--", "module option '--' is not NAME=VALUE\n"),
            (b"=1", "module option '=1' is not NAME=VALUE\n"),
            (b"stp-uid=0", "module option name has byte 0x2d; " + names),
            (b"1x=0", "module option name has byte 0x31; " + names),
            (b"stp_uid=0", "module option 'stp_uid' names a reserved parameter\n"),
            (b"STP_UID=0", "module option 'STP_UID' names a reserved parameter\n"),
            (b"Stp_Unprivileged=0", "module option 'Stp_Unprivileged' names a reserved parameter\n"),
            (b'"stp_uid"=0', "module option name has byte 0x22; " + names),
            (b"stp_gid", "module option 'stp_gid' is not NAME=VALUE\n")]:
        expect([staprun, "/nonexistent/stap_x.ko", opt], 1, "staprun: " + msg)
        count += 1
    # A value from the safe set gets past the option check.
    next_step = ("staprun: cannot open module '/nonexistent/stap_x.ko': "
                 "No such file or directory\n" if os.geteuid() == 0 else
                 "staprun: staprun is not installed setuid root (cmake --install, then stap-setup)\n")
    expect([staprun, "/nonexistent/stap_x.ko", "x=-1,a.b:c/d+e@f_g"], 1,
           next_step)
    count += 1
    # A module file over 64 MiB is refused before it is read (root only:
    # others are refused earlier).
    if os.geteuid() == 0:
        with tempfile.TemporaryDirectory() as d:
            big = os.path.join(d, "stap_big.ko")
            with open(big, "wb") as f:
                f.truncate((64 << 20) + 1)
            expect([staprun, big], 1,
                   f"staprun: module '{big}' is {(64 << 20) + 1} bytes, "
                   "over the limit of 64 MiB\n")
            count += 1
    for f in failures:
        print("FAIL: " + f)
    print(f"{count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
