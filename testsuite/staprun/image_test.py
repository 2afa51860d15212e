#!/usr/bin/env python3
"""What staprun refuses about a module file before any rule of privilege,
and rule 1 (a signature that does not verify is refused even for root), on
the host, as root: no VM and no kbuild.  The module is a small ELF object
from gcc with a .modinfo name and a .stap_privilege record; it is never
inserted (each case stops before init_module), and the signatures are
real NSS ones from stap-sign.  Skips (77) unless root with gcc.

usage: image_test.py STAPRUN STAP_SIGN
"""
import os
import shutil
import subprocess
import sys
import tempfile

FAKE_C = r'''
__attribute__((section(".modinfo"), used)) static const char n[] = "name=stap_fake";
__attribute__((section(".stap_privilege"), used)) static const char r[] =
    "level=stapusr\nactions=probe.begin_end\n";
int stap_fake_marker = 42;
'''


def run(argv):
    r = subprocess.run(argv, capture_output=True, timeout=60)
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def der_serial(cert):
    """The serial number of a DER X.509 certificate (its bytes)."""
    def header(i):  # (content start, content length) of the element at i
        n = cert[i + 1]
        if n < 0x80:
            return i + 2, n
        k = n & 0x7f
        return i + 2 + k, int.from_bytes(cert[i + 2:i + 2 + k], "big")
    tbs, _ = header(0)
    i, _ = header(tbs)
    if cert[i] == 0xa0:  # [0] version
        start, n = header(i)
        i = start + n
    start, n = header(i)
    return cert[start:start + n]


def main(staprun, sign):
    if os.geteuid() != 0 or not shutil.which("gcc"):
        print("SKIP: needs root and gcc")
        return 77
    failures = []

    def expect(argv, status, stderr):
        rc, out, err = run(argv)
        ok = rc == status and (err == stderr if isinstance(stderr, str) else stderr(err))
        if not ok:
            failures.append(f"{argv!r}: exit {rc}, stderr {err!r}; expected exit {status}, {stderr!r}")

    with tempfile.TemporaryDirectory(dir="/var/tmp") as d:
        src = os.path.join(d, "fake.c")
        ko = os.path.join(d, "stap_fake.ko")
        with open(src, "w") as f:
            f.write(FAKE_C)
        subprocess.run(["gcc", "-c", "-o", ko, src], check=True)
        data = open(ko, "rb").read()
        bad = "staprun: '{}' is not a kernel module for this machine: {}\n"

        def write(name, content):
            p = os.path.join(d, name)
            with open(p, "wb") as f:
                f.write(content)
            return p

        p = write("text.ko", b"hello\n")
        expect([staprun, p], 1, bad.format(p, "not an ELF file"))
        p = write("trunc.ko", data[:200])
        expect([staprun, p], 1, bad.format(p, "bad section header table"))
        p = write("empty.ko", b"")
        expect([staprun, p], 1, f"staprun: module '{p}' is empty\n")
        p = write("elf32.ko", data[:4] + b"\x01" + data[5:])
        expect([staprun, p], 1, bad.format(p, "not a relocatable ELF object for this machine"))
        p = write("noname.ko", data.replace(b"name=stap_fake", b"nome=stap_fake"))
        expect([staprun, p], 1, bad.format(p, "no valid module name in .modinfo"))
        p = write("badname.ko", data.replace(b"name=stap_fake", b"name=stap/fake"))
        expect([staprun, p], 1, bad.format(p, "no valid module name in .modinfo"))
        p = os.path.join(d, "fifo.ko")
        os.mkfifo(p)
        expect([staprun, p], 1, f"staprun: '{p}' is not a regular file\n")
        p = os.path.join(d, "dir.ko")
        os.mkdir(p)
        expect([staprun, p], 1, f"staprun: '{p}' is not a regular file\n")
        p = os.path.join(d, "link.ko")
        os.symlink(ko, p)
        expect([staprun, p], 1, f"staprun: cannot open module '{p}': Too many levels "
               "of symbolic links (a symbolic link is not followed)\n")
        p = write("stap_other.ko", data)
        expect([staprun, p], 1, f"staprun: '{p}' holds module 'stap_fake'; its file "
               "must be named 'stap_fake.ko'\n")

        # Signatures: a key, a signed module; the trust store is the real
        # /etc/stap/staprun (this signer is not in it).
        keys = os.path.join(d, "keys")
        subprocess.run([sign, "new-key", keys], check=True, capture_output=True)
        # Two keys made in the same second are still two signers: NSS
        # refuses a certificate whose issuer and serial match another's.
        keys2 = os.path.join(d, "keys2")
        subprocess.run([sign, "new-key", keys2], check=True, capture_output=True)
        serials = [der_serial(open(os.path.join(k, "signer.cert"), "rb").read())
                   for k in (keys, keys2)]
        if serials[0] == serials[1]:
            failures.append(f"two new keys share serial number {serials[0].hex()}")
        # Certificate dates: YYYY-MM-DD only, and a window that exists.
        for args, msg in [
                (["--not-after=2021-13-01"], "stap-sign: '--not-after=2021-13-01': the date must be YYYY-MM-DD\n"),
                (["--not-before=2020-1-1"], "stap-sign: '--not-before=2020-1-1': the date must be YYYY-MM-DD\n"),
                (["--not-before=2030-01-01", "--not-after=2021-01-01"],
                 "stap-sign: the certificate would never be valid: --not-after is not later than --not-before\n")]:
            expect([sign, "new-key"] + args + [os.path.join(d, "keys-bad")], 1, msg)
        dated = os.path.join(d, "keys-dated")
        rc, out, err = run([sign, "new-key", "--not-before=2020-01-01", "--not-after=2021-01-01", dated])
        if rc != 0:
            failures.append(f"stap-sign new-key with dates: exit {rc}, {err!r}")
        elif shutil.which("openssl"):
            rc, out, err = run(["openssl", "x509", "-inform", "der", "-noout", "-dates",
                                "-in", os.path.join(dated, "signer.cert")])
            if out != "notBefore=Jan  1 00:00:00 2020 GMT\nnotAfter=Jan  1 00:00:00 2021 GMT\n":
                failures.append(f"dated certificate: {out!r} {err!r}")
        rc, out, err = run([sign, "sign", keys, ko])
        if rc != 0 or out != ko + ".sgn\n":
            failures.append(f"stap-sign sign: exit {rc}, {out!r} {err!r}")
        sgn = open(ko + ".sgn", "rb").read()
        rule1 = (f"staprun: refused '{ko}' (rule 1): {{}}; a module whose signature does "
                 "not verify is refused for everyone; user 'root', groups: ")
        # A valid signature from an unknown signer is no refusal for root:
        # staprun goes on to insert (which this object cannot survive).
        expect([staprun, ko], 1, lambda e: e.startswith("staprun: cannot insert module 'stap_fake': "))
        for name, content, why in [
                ("tampered module", data.replace(b"\x2a\x00\x00\x00", b"\x2b\x00\x00\x00", 1), "its signature does not match the module 'stap_fake' (changed or renamed)"),
                ("cut signature", None, "its signature file is malformed"),
                ("bad magic", None, "its signature file is malformed")]:
            if name == "tampered module":
                with open(ko, "wb") as f:
                    f.write(content)
                with open(ko + ".sgn", "wb") as f:
                    f.write(sgn)
            else:
                with open(ko, "wb") as f:
                    f.write(data)
                with open(ko + ".sgn", "wb") as f:
                    f.write(sgn[:-10] if name == "cut signature" else b"X" + sgn[1:])
            expect([staprun, ko], 1, lambda e, w=why: e.startswith(rule1.format(w)))
        # A signature made for another name does not verify under this one.
        other = os.path.join(d, "ren")
        os.mkdir(other)
        src2 = os.path.join(other, "stap_fake2.c")
        with open(src2, "w") as f:
            f.write(FAKE_C.replace("stap_fake", "stap_fake2"))
        ko2 = os.path.join(other, "stap_fake2.ko")
        subprocess.run(["gcc", "-c", "-o", ko2, src2], check=True)
        subprocess.run([sign, "sign", keys, ko2], check=True, capture_output=True)
        with open(ko, "wb") as f:
            f.write(data)
        shutil.copy(ko2 + ".sgn", ko + ".sgn")
        expect([staprun, ko], 1, lambda e: e.startswith(rule1.format(
            "its signature does not match the module 'stap_fake' (changed or renamed)")))
        # stap-sign refuses a renamed module too.
        rc, out, err = run([sign, "sign", keys, os.path.join(d, "stap_other.ko")])
        if rc != 1 or "holds module 'stap_fake'; its file must be named 'stap_fake.ko'" not in err:
            failures.append(f"stap-sign of a renamed module: exit {rc}, {err!r}")

    for f in failures:
        print("FAIL:", f)
    print(f"{'FAIL' if failures else 'PASS'}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
