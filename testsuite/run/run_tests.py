#!/usr/bin/env python3
"""Behaviour tests of compiled scripts: build every testsuite/run/*/*.stp
with `stap -p4` on the host, run all the modules with staprun in ONE boot
of the test VM, and compare each run with the expectations written inline
in the script:

  # expect-stdout: TEXT      one line of the exact stdout (repeatable; none
                             and no sibling NAME.out means empty stdout)
  # expect-stdout-re: RE     one line of stdout matching RE whole, in its
                             place among the expect-stdout lines (for
                             figures that vary, such as -t's cycles)
  # expect-exit: N           staprun's exit status (default 0)
  # expect-stderr: TEXT      a substring stderr must contain (repeatable;
                             none means stderr must be empty)
  # expect-stderr-once: TEXT  a substring stderr contains exactly once
  # allow-stderr: TEXT       stderr lines containing TEXT are ignored
                             (for what timing may or may not cause)
  # stap-options: ARGS       extra stap options (shell words)
  # stap-args: ARGS          script arguments (shell words)
  # staprun-options: ARGS    extra staprun options, e.g. -c CMD (shell words)
  # before-run: SHELL        a guest shell command run before staprun
  # staprun-target-pid: FILE  staprun gets -x PID, PID read from the guest
                             FILE (which a before-run command wrote)
  # after-run: SHELL         one run after it, its stdout and stderr added
                             to staprun's (to show files the run wrote);
                             $STAPRUN_DIR is staprun's directory (stapio
                             and stap-merge are beside it)
  # expect-build-error: TEXT  `stap -p4` must fail with TEXT in its stderr
                             (repeatable); the script is not run
  # requires: kernel-debuginfo  the kernel's DWARF must be installed
                             (/usr/lib/debug/boot/vmlinux-RELEASE); without
                             it the test is skipped, with that reason
  # dwarf-line: NAME decl|label ...  @NAME@ in the script is a line read
                             from that DWARF when the test runs
                             (dwarf_lines.py); the test is skipped, saying
                             why, when the function or label is not there

A script too long to keep in the tree is generated instead: a Python
program NAME.stp.py prints it (expectations included) into WORKDIR, and
it runs as NAME with the others. It gets the directory of the generated
script as its argument, for files the script names (process/ builds its
target programs there: the guest sees the host's tree), and the release
the tests run on (kprobes/ finds a source line in its debuginfo).

Every module must also build without a compiler warning (stap reports
them as STAP4003); the stap cache under WORKDIR starts empty on each run,
so every module and runtime object really is compiled.

usage: run_tests.py [--kernel K] STAP STAPRUN STAPVM WORKDIR [FILTER...]
  K is a release, "newest" (the default) or "oldest": of the kernels the VM
  can boot that have headers installed (`stapvm kernels --headers`).
  "oldest" skips when there is only one such kernel (it would repeat
  "newest"). $STAP_RUN_KERNEL is the default for --kernel.
Exit 0 all passed, 1 failures, 77 no VM or no such kernel here (prints
SKIP: reason).
"""
import argparse
import base64
import concurrent.futures
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import dwarf_lines  # noqa: E402
PER_TEST_TIMEOUT = 60  # seconds a module may run in the guest


class Test:
    def __init__(self, path):
        self.path = path
        self.name = f"{path.parent.name}/{path.stem}"
        self.stdout_lines, self.stderr_subs, self.build_errors = [], [], []
        self.allowed_stderr, self.stderr_once = [], []
        self.exit_code, self.options, self.args = 0, [], []
        self.staprun_options, self.before_run, self.after_run = [], [], []
        self.target_pid_file = None
        self.requires = []
        for line in path.read_text().splitlines():
            m = re.match(r"#\s*(expect-stdout-re|expect-stdout|expect-stderr-once|expect-stderr|expect-exit|"
                         r"stap-options|stap-args|expect-build-error|allow-stderr|"
                         r"staprun-options|staprun-target-pid|before-run|after-run|"
                         r"requires):(.*)$",
                         line)
            if not m:
                continue
            key, value = m.group(1), m.group(2)
            value = value[1:] if value.startswith(" ") else value
            if key == "expect-stdout":
                self.stdout_lines.append(value)
            elif key == "expect-stdout-re":
                self.stdout_lines.append(re.compile(value))
            elif key == "expect-stderr":
                self.stderr_subs.append(value)
            elif key == "expect-stderr-once":
                self.stderr_once.append(value)
            elif key == "expect-exit":
                self.exit_code = int(value)
            elif key == "allow-stderr":
                self.allowed_stderr.append(value)
            elif key == "expect-build-error":
                self.build_errors.append(value)
            elif key == "stap-options":
                self.options += shlex.split(value)
            elif key == "staprun-options":
                self.staprun_options += shlex.split(value)
            elif key == "staprun-target-pid":
                self.target_pid_file = value
            elif key == "before-run":
                self.before_run.append(value)
            elif key == "after-run":
                self.after_run.append(value)
            elif key == "requires":
                if value != "kernel-debuginfo":
                    raise SystemExit(f"{path}: unknown requirement {value!r}")
                self.requires.append(value)
            else:
                self.args += shlex.split(value)
        golden = path.with_suffix(".out")
        if golden.exists():
            self.expected_stdout = golden.read_text()
        else:
            self.expected_stdout = "".join(
                (l.pattern if isinstance(l, re.Pattern) else l) + "\n"
                for l in self.stdout_lines)
        self.ko = None
        self.build_error = None

    def stdout_matches(self, out):
        if not any(isinstance(l, re.Pattern) for l in self.stdout_lines):
            return out == self.expected_stdout
        lines = out.split("\n")
        if lines.pop() != "" or len(lines) != len(self.stdout_lines):
            return False
        return all(e.fullmatch(l) if isinstance(e, re.Pattern) else e == l
                   for e, l in zip(self.stdout_lines, lines))

    def check(self, rc, out, err):
        """Returns a list of problems (empty: passed)."""
        problems = []
        err = "".join(l for l in err.splitlines(True)
                      if not any(a in l for a in self.allowed_stderr))
        if not self.stdout_matches(out):
            import difflib
            diff = difflib.unified_diff(
                self.expected_stdout.splitlines(True), out.splitlines(True),
                "expected stdout", "actual stdout")
            problems.append("stdout differs:\n" + "".join(diff))
        if rc != self.exit_code:
            problems.append(f"exit status {rc}, expected {self.exit_code}")
        if self.stderr_subs or self.stderr_once:
            for s in self.stderr_subs:
                if s not in err:
                    problems.append(f"stderr lacks {s!r}")
            for s in self.stderr_once:
                if err.count(s) != 1:
                    problems.append(f"stderr has {s!r} {err.count(s)} times, "
                                    "expected once")
        elif err:
            problems.append("unexpected stderr")
        if problems and err:
            problems.append("stderr was:\n" + err)
        return problems


def lock_wait(options):
    """The guest's CPUs take turns on one host thread (vm/README.md), so a
    CPU holding a global's lock can be stopped for a whole qemu time slice
    (up to 100 ms), far longer than the 1 ms a probe waits for a lock on
    real CPUs. Tests wait 200 ms, so a skipped probe in their output means
    the script, not qemu's scheduling; a test that sets the wait keeps it,
    and an unprivileged build, which may not raise a bound, has the 1 ms."""
    if any(o.startswith(("-DMAXTRYLOCK", "-DTRYLOCKDELAY", "--privilege",
                         "--unprivileged")) for o in options):
        return []
    return ["-DMAXTRYLOCK=200000"]


def build(stap, release, cache, t):
    env = dict(os.environ, HOME=str(cache))
    # Unprivileged builds read no cache (SYSTEMTAP_DIR is allowed, but a
    # fresh $HOME/.systemtap is as good), and write the module into the
    # current folder.
    # They refuse STAPVM_KERNEL too (it picks a build tree); -r says it here.
    if not any(o.startswith(("--privilege", "--unprivileged"))
               for o in t.options):
        env["SYSTEMTAP_DIR"] = str(cache)
    else:
        env.pop("SYSTEMTAP_DIR", None)
        env.pop("STAPVM_KERNEL", None)
    cmd = [stap, "-p4", "-r", release] + lock_wait(t.options) + t.options + \
        [str(t.path)] + t.args
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                           timeout=900, cwd=cache)
    except subprocess.TimeoutExpired:
        t.build_error = "stap -p4 timed out"
        return
    if t.build_errors:
        missing = [e for e in t.build_errors if e not in r.stderr]
        if r.returncode == 0 or missing:
            t.build_error = (f"expected a build failure with {missing or t.build_errors}, "
                             f"got exit {r.returncode}:\n" + r.stderr)
        return
    if r.returncode != 0 or not r.stdout.strip().endswith(".ko"):
        t.build_error = (f"{shlex.join(cmd)} exited with {r.returncode}:\n"
                         + r.stdout + r.stderr)
    elif "[STAP4003]" in r.stderr:
        # The module and the runtime must compile cleanly on every kernel.
        t.build_error = (f"{shlex.join(cmd)} printed compiler warnings:\n"
                         + r.stderr)
    else:
        t.ko = os.path.join(cache, r.stdout.strip().splitlines()[-1])


def batch_script(staprun, tests):
    lines = ["#!/bin/bash", "cd /", "o=$(mktemp -d)",
             f"export STAPRUN_DIR={shlex.quote(os.path.dirname(staprun))}"]
    for i, t in enumerate(tests):
        lines += [f"( {c} ) > /dev/null 2>&1 < /dev/null" for c in t.before_run]
        # -x PID of a process the guest started: known only there.
        target = (f"-x \"$(cat {shlex.quote(t.target_pid_file)})\" "
                  if t.target_pid_file else "")
        lines += [
            f"timeout -s INT -k 10 {PER_TEST_TIMEOUT} {shlex.quote(staprun)} "
            f"{target}{shlex.join(t.staprun_options + [t.ko])} > $o/out 2> $o/err "
            f"< /dev/null; rc=$?",
        ]
        lines += [f"( {c} ) >> $o/out 2>> $o/err < /dev/null" for c in t.after_run]
        lines += [
            f"echo \"@@@TEST {i} $rc $(base64 -w0 < $o/out) "
            f"$(base64 -w0 < $o/err)\"",
            # A module that failed to unload would poison the next test.
            "grep -q '^stap_' /proc/modules && "
            "echo \"@@@LEFTOVER $(grep -o '^stap_[^ ]*' /proc/modules)\"",
        ]
    lines.append("exit 0")
    return "\n".join(lines) + "\n"


def build_all(stap, release, cache, tests):
    """Builds the tests two at a time (the machines have two cores)."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda t: build(stap, release, cache, t), tests))


def run_in_vm(stapvm, staprun, release, work, tests):
    """Runs the built tests in one boot of the VM. Returns ({index in tests:
    (exit status, stdout, stderr)}, [problems of the boot itself])."""
    results, problems = {}, []
    if not tests:
        return results, problems
    batch = work / "batch.sh"
    batch.write_text(batch_script(staprun, tests))
    timeout = 120 + len(tests) * (PER_TEST_TIMEOUT + 15)
    # Two CPUs, so probes really run concurrently (locks, per-CPU data).
    r = subprocess.run([stapvm, "run", str(batch), "--smp", "2",
                        "--kernel", release, "--timeout", str(timeout)],
                       capture_output=True, text=True)
    for line in r.stdout.splitlines():
        parts = line.split(" ")
        if parts[0] == "@@@TEST" and len(parts) >= 3:
            dec = lambda s: base64.b64decode(s).decode(errors="replace")
            results[int(parts[1])] = (
                int(parts[2]), dec(parts[3] if len(parts) > 3 else ""),
                dec(parts[4] if len(parts) > 4 else ""))
        elif parts[0] == "@@@LEFTOVER":
            problems.append("module left loaded: " + line)
    if r.returncode != 0:
        problems.append(f"stapvm exited with {r.returncode}:\n"
                        + "\n".join(l for l in r.stderr.splitlines()
                                     if l.startswith("stapvm")))
    return results, problems


def generated_scripts(work, release):
    """Runs each */NAME.stp.py DIR RELEASE (the kernel the tests run on);
    returns the NAME.stp files they printed."""
    out = []
    for gen in sorted(HERE.glob("*/*.stp.py")):
        dest = work / "generated" / gen.parent.name / gen.name[:-len(".py")]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(subprocess.run([sys.executable, str(gen),
                                        str(dest.parent), release], check=True,
                                       capture_output=True, text=True).stdout)
        out.append(dest)
    return out


def with_dwarf_lines(tests, work, vmlinux):
    """The tests, those with dwarf-line headers (dwarf_lines.py) replaced by
    a copy under WORK/generated whose @NAME@s are the lines read from
    `vmlinux`; and (name, reason) of those whose lines are not there."""
    out, missing = [], []
    for t in tests:
        text = t.path.read_text()
        if not re.search(r"^#\s*dwarf-line:", text, re.M):
            out.append(t)
            continue
        try:
            text = dwarf_lines.resolve(text, vmlinux)
        except dwarf_lines.Missing as e:
            missing.append((t.name, str(e)))
            continue
        dest = work / "generated" / t.path.parent.name / t.path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text)
        out.append(Test(dest))
    return out, missing


def pick_kernel(stapvm, which):
    """(release, None), or (None, reason to skip)."""
    listed = subprocess.run([stapvm, "kernels", "--headers"],
                            capture_output=True, text=True).stdout.split()
    if which not in ("newest", "oldest"):
        if which in listed:
            return which, None
        return None, (f"kernel {which} cannot be booted and built for here "
                      "(needs /boot/vmlinuz, /lib/modules/R/kernel and "
                      "/lib/modules/R/build)")
    if not listed:
        return None, ("no kernel with an image, modules and headers "
                      "(install linux-image-amd64 and linux-headers-amd64)")
    if which == "oldest" and len(listed) == 1:
        return None, (f"only one kernel with image and headers ({listed[0]}): "
                      "the oldest is the newest, already tested by run.scripts")
    return (listed[0] if which == "newest" else listed[-1]), None


def print_result(name, problems, note=None):
    """Prints PASS or FAIL with the problems indented; returns whether it
    passed."""
    label = f"{name} ({note})" if note else name
    if problems:
        print(f"FAIL: {label}\n  " + "\n  ".join(
            "\n  ".join(p.splitlines()) for p in problems))
        return False
    print(f"PASS: {label}")
    return True


def runnable_kernel(stapvm, which):
    """pick_kernel's, when the VM can boot it here: (release, None), or
    (None, reason to skip)."""
    release, why = pick_kernel(stapvm, which)
    if not release:
        return None, why
    chk = subprocess.run([stapvm, "check", "--kernel", release],
                         capture_output=True, text=True)
    if chk.returncode != 0:
        return None, (chk.stdout + chk.stderr).strip()
    return release, None


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel",
                    default=os.environ.get("STAP_RUN_KERNEL") or "newest")
    ap.add_argument("stap")
    ap.add_argument("staprun")
    ap.add_argument("stapvm")
    ap.add_argument("work")
    ap.add_argument("filters", nargs="*")
    a = ap.parse_args(argv[1:])
    stap, staprun, stapvm, work = (os.path.abspath(p) for p in
                                   (a.stap, a.staprun, a.stapvm, a.work))
    filters = a.filters
    work = pathlib.Path(work)
    work.mkdir(parents=True, exist_ok=True)
    release, why = runnable_kernel(stapvm, a.kernel)
    if not release:
        print("SKIP: " + why)
        return 77
    print(f"kernel: {release}")
    tests = [Test(p) for p in
             sorted(HERE.glob("*/*.stp")) + generated_scripts(work, release)]
    if filters:
        tests = [t for t in tests if any(f in t.name for f in filters)]
    skipped = 0
    debuginfo = pathlib.Path("/usr/lib/debug/boot/vmlinux-" + release)
    if not debuginfo.is_file():
        for t in tests:
            if "kernel-debuginfo" in t.requires:
                print(f"SKIP: {t.name}: needs the kernel's debuginfo "
                      f"(not found: {debuginfo})")
                skipped += 1
        tests = [t for t in tests if "kernel-debuginfo" not in t.requires]
    tests, missing = with_dwarf_lines(tests, work, debuginfo)
    for name, why in missing:
        print(f"SKIP: {name}: {why}")
    skipped += len(missing)
    cache = work / "stap-home"  # the guest must see it: not under /tmp
    # Empty, so nothing comes from the cache: a compiler warning or a
    # kernel-API breakage shows on every run, not only the first.
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir()
    build_all(stap, release, cache, tests)
    runnable = [t for t in tests if t.ko]
    failed = passed = 0
    for t in tests:
        if t.build_errors and not t.build_error:
            print(f"PASS: {t.name} (build error as expected)")
            passed += 1
        elif t.build_error:
            print(f"FAIL: {t.name}: build failed\n{t.build_error}")
            failed += 1
    results, problems = run_in_vm(stapvm, staprun, release, work, runnable)
    for p in problems:
        print("FAIL: " + p)
        failed += 1
    for i, t in enumerate(runnable):
        problems = t.check(*results[i]) if i in results else \
            ["no result from the VM"]
        if print_result(t.name, problems):
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped "
          f"(kernel {release})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
