#!/usr/bin/env python3
"""Run stap on corpus scripts and check their inline expectations.

A script under testsuite/<pass>/<ok|ko>/<feature>/ (or testsuite/sample/,
which counts as parse/ok) says what it expects in comments (the same idea as Clang's -verify and Go's // ERROR):

  # expect-error@LINE:COL: TEXT     an error at exactly LINE:COL whose
  # expect-warning@LINE:COL: TEXT   message contains TEXT; LINE may be
  # expect-note@LINE:COL: TEXT      absolute, +N/-N (relative to the comment)
                                    or 0 (the comment's own line)
  # expect-error: TEXT              the location is not checked (diagnostics
                                    from tapsets or without a location)
  # stap-options: -p2 -u            replaces the default -p1 (parse) / -p2
                                    (elaborate); a -p is added when missing
  # stap-args: a b                  script arguments
  # expect-output: TEXT             stdout contains each, in order
  (a feature folder's "inputs/" subfolder holds tapsets for -I inputs)
  # xfail: REASON                   a known translator bug: the script is
                                    reported XFAIL while it fails, and fails
                                    (XPASS) once it passes, so the marker
                                    gets removed with the fix

Every error and warning stap prints must be expected and every expectation
met: an unexpected diagnostic fails as surely as a missing one. Notes are
checked only when expected. An ok script must exit 0, a ko script 1.

Usage: run_corpus.py --stap PATH [-v] SCRIPT_OR_DIR...
       run_corpus.py --self-test
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

EXPECT_RE = re.compile(
    r"#\s*expect-(error|warning|note)(?:@([+-]?\d+):(\d+))?:\s?(.*?)\s*$")
OPTIONS_RE = re.compile(r"#\s*stap-options:(.*)$")
ARGS_RE = re.compile(r"#\s*stap-args:(.*)$")
OUTPUT_RE = re.compile(r"#\s*expect-output:\s?(.*?)\s*$")
XFAIL_RE = re.compile(r"#\s*xfail:\s?(.*?)\s*$")
# FILE:LINE:COL: SEVERITY: MESSAGE [STAPnnnn]; an error of pass 1 or 2 says
# "parse error" or "semantic error" as SystemTap does.
DIAG_RE = re.compile(
    r"^(.+?):(\d+):(\d+): (?:parse |semantic )?(error|warning|note): (.*?)"
    r"(?: \[(STAP\d+)\])?$")
# A diagnostic without a location, e.g. "stap: error: cannot open ..."
BARE_DIAG_RE = re.compile(
    r"^(\S+): (?:parse |semantic )?(error|warning|note): (.*?)"
    r"(?: \[(STAP\d+)\])?$")

TIMEOUT_SECONDS = 300  # generous: CI machines can be very loaded


class Expectation:
    def __init__(self, severity, line, col, text, source_line):
        self.severity, self.line, self.col = severity, line, col
        self.text, self.source_line = text, source_line

    def matches(self, d):
        if d.severity != self.severity or self.text not in d.message:
            return False
        if self.line is None:  # location not checked
            return True
        return d.in_script and d.line == self.line and d.col == self.col

    def __str__(self):
        where = "(anywhere)" if self.line is None else f"{self.line}:{self.col}"
        return (f"{where}: {self.severity}: {self.text}"
                f"   (written on line {self.source_line})")


class Diag:
    def __init__(self, file, line, col, severity, message, in_script):
        self.file, self.line, self.col = file, line, col
        self.severity, self.message, self.in_script = severity, message, in_script

    def __str__(self):
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


def kind_of(path):
    """('parse'|'elaborate'|None, 'ok'|'ko'|None) from the script's path."""
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    if "sample" in parts[:-1]:  # example scripts: must be accepted
        return "parse", "ok"
    for i in range(len(parts) - 2):
        if parts[i] in ("parse", "elaborate") and parts[i + 1] in ("ok", "ko"):
            return parts[i], parts[i + 1]
    return None, None


def read_xfail(path):
    """The reason given by an `# xfail:` line, or None."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for text in f:
            m = XFAIL_RE.search(text)
            if m:
                return m.group(1) or "(no reason given)"
    return None


def read_spec(path):
    expectations, options, args, outputs = [], None, [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    for number, text in enumerate(lines, start=1):
        m = EXPECT_RE.search(text)
        if m:
            severity, line, col, message = m.groups()
            if line is not None:
                if line.startswith(("+", "-")) or line == "0":
                    line = number + int(line)
                else:
                    line = int(line)
                col = int(col)
            expectations.append(
                Expectation(severity, line, col, message, number))
            continue
        m = OPTIONS_RE.search(text)
        if m:
            options = shlex.split(m.group(1))
            continue
        m = ARGS_RE.search(text)
        if m:
            args = shlex.split(m.group(1))
            continue
        m = OUTPUT_RE.search(text)
        if m:
            outputs.append(m.group(1))
    return expectations, options, args, outputs


def parse_stderr(stderr, script_name):
    diags = []
    for text in stderr.splitlines():
        m = DIAG_RE.match(text)
        if m:
            file, line, col, severity, message, _ = m.groups()
            in_script = os.path.basename(file) == script_name
            diags.append(Diag(file, int(line), int(col), severity, message,
                              in_script))
            continue
        m = BARE_DIAG_RE.match(text)
        if m:
            file, severity, message, _ = m.groups()
            diags.append(Diag(file, 0, 0, severity, message, False))
    return diags


def check_script(stap, path):
    """Runs one script: (problems, command, stderr); no problems = pass."""
    pass_name, mode = kind_of(path)
    if mode is None:
        return [f"{path}: not under <parse|elaborate>/<ok|ko>/"], [], ""
    expectations, options, args, outputs = read_spec(path)
    default_pass = "-p1" if pass_name == "parse" else "-p2"
    if options is None:
        options = [default_pass]
    elif not any(o.startswith("-p") for o in options):
        options = [default_pass] + options
    problems = []
    errors_expected = [e for e in expectations if e.severity == "error"]
    if mode == "ko" and not errors_expected:
        problems.append("a ko script must expect at least one error")
    if mode == "ok" and errors_expected:
        problems.append("an ok script must not expect errors")

    script_dir, script_name = os.path.split(os.path.abspath(path))
    command = [stap] + options + [script_name] + args
    env = dict(os.environ, LC_ALL="C")
    try:
        run = subprocess.run(command, cwd=script_dir, env=env,
                             capture_output=True, text=True,
                             errors="replace", timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return problems + [f"timed out after {TIMEOUT_SECONDS}s"], command, ""
    want_status = 0 if mode == "ok" else 1
    if run.returncode != want_status:
        how = (f"killed by signal {-run.returncode}" if run.returncode < 0
               else f"exit status {run.returncode}")
        problems.append(f"{how}, expected exit status {want_status}")

    diags = parse_stderr(run.stderr, script_name)
    unmatched = list(expectations)
    for d in diags:
        # a located expectation claims its diagnostic before a location-less
        # one can
        hit = next((e for e in unmatched if e.line is not None
                    and e.matches(d)), None) or next(
                        (e for e in unmatched if e.matches(d)), None)
        if hit:
            unmatched.remove(hit)
        elif d.severity != "note":
            problems.append(f"unexpected diagnostic: {d}")
    for e in unmatched:
        problems.append(f"missing diagnostic: {e}")

    position = 0
    for want in outputs:
        found = run.stdout.find(want, position)
        if found < 0:
            problems.append(f"stdout lacks (in order): {want!r}")
        else:
            position = found + len(want)
    return problems, command, run.stderr


def collect(paths):
    scripts = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                # "inputs" folders hold tapsets for -I, not tests
                dirs[:] = [d for d in dirs if d != "inputs"]
                scripts += [os.path.join(root, f) for f in files
                            if f.endswith(".stp")]
        else:
            scripts.append(p)
    return sorted(scripts)


def run_all(stap, paths, verbose):
    scripts = collect(paths)
    if not scripts:
        print("no scripts found in: " + " ".join(paths))
        return 1
    failed = xfailed = 0
    for script in scripts:
        problems, command, stderr = check_script(stap, script)
        xfail = read_xfail(script)
        if xfail and problems:
            xfailed += 1
            print(f"XFAIL {script}: {xfail}")
            for p in problems:
                print("  " + p)
            continue
        if xfail:
            problems = [f"XPASS: passes now; remove the '# xfail: {xfail}' line"]
        if problems:
            failed += 1
            print(f"FAIL {script}")
            print("  command: " + " ".join(shlex.quote(c) for c in command))
            for p in problems:
                print("  " + p)
            print("  --- stderr ---")
            for line in stderr.splitlines():
                print("  | " + line)
        elif verbose:
            print(f"PASS {script}")
    print(f"{len(scripts) - failed - xfailed} passed, {failed} failed, "
          f"{xfailed} known failures (xfail) ({len(scripts)} scripts)")
    return 1 if failed else 0


# ------------------------------------------------------------ self-test
# A fake stap prints the canned stderr kept after "#! fake-stderr" lines and
# exits with the "#! fake-status" value, so the checker can be proven to fail.
FAKE_STAP = r'''#!PYTHON
import sys
path = sys.argv[-1]
status, out = 0, []
for line in open(path):
    if line.startswith("#! fake-status "):
        status = int(line.split()[-1])
    elif line.startswith("#! fake-stderr "):
        out.append(line[len("#! fake-stderr "):].rstrip("\n").replace("@F", path))
print("\n".join(out), file=sys.stderr)
sys.exit(status)
'''

SELF_TESTS = [
    # (name, mode, script text, should pass)
    ("exact", "ko", """probe begin { x = }
# expect-error@-1:19: expected expression
#! fake-status 1
#! fake-stderr @F:1:19: error: expected expression [STAP1100]
#! fake-stderr probe begin { x = }
#! fake-stderr                   ^
#! fake-stderr @F:1:19: note: some note
""", True),
    ("relative", "ko", """# expect-error@+1:3: bad
xx
#! fake-status 1
#! fake-stderr @F:2:3: error: something bad here [STAP1100]
""", True),
    ("missing", "ko", """# expect-error@+1:3: bad
# expect-error@+1:5: other
xx
#! fake-status 1
#! fake-stderr @F:3:3: error: bad [STAP1100]
""", False),
    ("unexpected", "ko", """# expect-error@+1:3: bad
xx
#! fake-status 1
#! fake-stderr @F:2:3: error: bad [STAP1100]
#! fake-stderr @F:2:9: error: worse [STAP1100]
""", False),
    ("unexpected-warning", "ok", """probe begin {}
#! fake-stderr @F:1:1: warning: unused [STAP2030]
""", False),
    ("wrong-column", "ko", """xx # expect-error@0:2: bad
#! fake-status 1
#! fake-stderr @F:1:1: error: bad [STAP1100]
""", False),
    ("wrong-text", "ko", """xx # expect-error@0:1: bad
#! fake-status 1
#! fake-stderr @F:1:1: error: good [STAP1100]
""", False),
    ("wrong-severity", "ko", """xx # expect-error@0:1: bad
#! fake-status 1
#! fake-stderr @F:1:1: warning: bad [STAP1100]
""", False),
    ("ko-exit-0", "ko", """xx # expect-error@0:1: bad
#! fake-stderr @F:1:1: error: bad [STAP1100]
""", False),
    ("ok-crash", "ok", """probe begin {}
#! fake-status -11
""", False),
    ("ko-without-expectation", "ko", """xx
#! fake-status 1
""", False),
    ("bare-diag-unexpected", "ok", """probe begin {}
#! fake-stderr stap: error: cannot do it
""", False),
    ("bare-diag-expected", "ko", """probe begin {} # expect-error: cannot do
#! fake-status 1
#! fake-stderr stap: error: cannot do it
""", True),
    ("missing-note", "ok", """probe begin {}
# expect-note@1:1: declared here
""", False),
]


def self_test():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        stap = os.path.join(tmp, "fake-stap")
        with open(stap, "w") as f:
            f.write(FAKE_STAP.replace("PYTHON", sys.executable, 1))
        os.chmod(stap, 0o755)
        for name, mode, text, should_pass in SELF_TESTS:
            d = os.path.join(tmp, "parse", mode, "self")
            os.makedirs(d, exist_ok=True)
            script = os.path.join(d, name + ".stp")
            with open(script, "w") as f:
                f.write(text)
            problems = check_script(stap, script)[0]
            if (not problems) != should_pass:
                failures += 1
                print(f"self-test {name}: expected "
                      f"{'pass' if should_pass else 'failure'}, got {problems}")
        # xfail: a failing marked script keeps the run green; a passing one
        # (XPASS) makes it fail.
        for name, text, want_status in [
                ("xfail-fails", "probe begin {}\n# xfail: bug 1\n"
                 "#! fake-stderr @F:1:1: error: boom\n", 0),
                ("xfail-passes", "probe begin {}\n# xfail: bug 2\n", 1)]:
            d = os.path.join(tmp, name, "parse", "ok", "self")
            os.makedirs(d)
            with open(os.path.join(d, "x.stp"), "w") as f:
                f.write(text)
            status = run_all(stap, [d], verbose=False)
            if status != want_status:
                failures += 1
                print(f"self-test {name}: run status {status}, "
                      f"expected {want_status}")
    total = len(SELF_TESTS) + 2
    print(f"self-test: {total - failures} of {total} ok")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stap", help="the stap binary to test")
    ap.add_argument("--self-test", action="store_true",
                    help="prove the checker fails on bad output")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    if not a.stap or not a.paths:
        ap.error("--stap and at least one script or directory are required")
    stap = os.path.abspath(a.stap)
    if not os.access(stap, os.X_OK):
        print(f"cannot run the stap binary '{stap}' (not built?)")
        return 1
    return run_all(stap, a.paths, a.verbose)


if __name__ == "__main__":
    sys.exit(main())
