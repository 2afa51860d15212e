#!/usr/bin/env python3
"""The module cache lives only in a directory that is the caller's alone.

A cache directory another user can write to (world-writable, a symbolic
link, someone else's, or a shared /tmp fallback when no home is known)
could hand us a module they built. stap must then cache nothing and say
why (STAP4005), never read or prune such a directory.

Usage: cache_dir_test.py --stap PATH --case NAME  (--list: "name fast")."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ENTRY = "cache/ab/abcd/stap_abcd.ko"  # a module planted in the cache


def plant(root):
    path = os.path.join(root, ENTRY)
    os.makedirs(os.path.dirname(path))
    with open(path, "w") as f:
        f.write("planted")
    return path


def run(stap, args, env, pre=(), timeout=120):
    full = {k: v for k, v in os.environ.items()
            if k not in ("SYSTEMTAP_DIR", "HOME")}
    full.update(env)
    return subprocess.run(list(pre) + [stap] + args, capture_output=True,
                          text=True, env=full, timeout=timeout)


def expect_refused(r, planted, why):
    """--clean-cache -v left the planted module and said why."""
    problems = []
    if r.returncode != 0:
        problems.append(f"exit status {r.returncode}, expected 0")
    want = "stap: warning: no module cache: " + why + "\n"
    if r.stderr != want:
        problems.append(f"stderr differs; expected:\n{want}")
    if planted and not os.path.exists(planted):
        problems.append(f"'{planted}' was removed: the cache was used")
    return problems


def world_writable(stap, tmp):
    shared = os.path.join(tmp, "shared")
    planted = plant(shared)
    os.chmod(shared, 0o777)
    r = run(stap, ["--clean-cache", "-v"], {"SYSTEMTAP_DIR": shared})
    return r, expect_refused(r, planted,
                             f"'{shared}' is writable by other users")


def clean_home(stap, tmp, cache_mode):
    """--clean-cache -v on a private SYSTEMTAP_DIR with a planted module,
    its cache/ directory of `cache_mode`: (result, home, planted)."""
    home = os.path.join(tmp, "home")
    planted = plant(home)
    os.chmod(home, 0o700)
    os.chmod(os.path.join(home, "cache"), cache_mode)
    return run(stap, ["--clean-cache", "-v"], {"SYSTEMTAP_DIR": home}), home, planted


def group_writable_cache(stap, tmp):
    r, home, planted = clean_home(stap, tmp, 0o770)
    return r, expect_refused(r, planted, f"'{home}/cache' is writable by other users")


def symlinked_cache(stap, tmp):
    elsewhere = os.path.join(tmp, "elsewhere")
    planted = plant(elsewhere)
    home = os.path.join(tmp, "home")
    os.makedirs(home, mode=0o700)
    os.symlink(os.path.join(elsewhere, "cache"), os.path.join(home, "cache"))
    r = run(stap, ["--clean-cache", "-v"], {"SYSTEMTAP_DIR": home})
    return r, expect_refused(r, planted, f"'{home}/cache' is a symbolic link")


def other_users_dir(stap, tmp):
    if os.geteuid() != 0:
        return None, None  # only root can make a directory someone else's
    home = os.path.join(tmp, "theirs")
    planted = plant(home)
    for d, _, _ in os.walk(home):
        os.chown(d, 65534, 65534)
    os.chmod(home, 0o755)
    r = run(stap, ["--clean-cache", "-v"], {"SYSTEMTAP_DIR": home})
    return r, expect_refused(r, planted, f"'{home}' belongs to another user")


def no_home(stap, tmp):
    """No SYSTEMTAP_DIR, no HOME, no password entry: no cache at all (the
    old fallback was /tmp/.systemtap, which anyone can create first)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return None, None  # needs a uid without a password entry
    uid = 54321
    while True:
        try:
            import pwd
            pwd.getpwuid(uid)
            uid += 1
        except KeyError:
            break
    r = run(stap, ["--clean-cache", "-v"], {},
            pre=["setpriv", f"--reuid={uid}", f"--regid={uid}",
                 "--clear-groups"])
    return r, expect_refused(
        r, None, "neither SYSTEMTAP_DIR nor HOME names a directory")


def private_dir_is_used(stap, tmp):
    """The same planted entry in a private directory is pruned as before."""
    r, home, planted = clean_home(stap, tmp, 0o700)
    want = f"Removed 1 module from the cache '{home}/cache'\n"
    problems = [] if r.stderr == want and not os.path.exists(planted) else [
        f"stderr differs or '{planted}' still exists; expected:\n{want}"]
    return r, problems


def created_private(stap, tmp):
    """A missing SYSTEMTAP_DIR is created for the caller alone."""
    home = os.path.join(tmp, "new")
    r = run(stap, ["--clean-cache", "-v"], {"SYSTEMTAP_DIR": home})
    problems = []
    for d in (home, os.path.join(home, "cache")):
        if not os.path.isdir(d) or os.stat(d).st_mode & 0o077:
            problems.append(f"'{d}' missing or open to others")
    if r.stderr != f"Removed 0 modules from the cache '{home}/cache'\n":
        problems.append("stderr does not name the new cache")
    return r, problems


def installed_release():
    """The newest kernel with headers, or None."""
    try:
        have = [n for n in os.listdir("/lib/modules") if os.path.exists(
            os.path.join("/lib/modules", n, "build", "Makefile"))]
    except OSError:
        return None
    return max(have) if have else None


def p4_stores_nothing_shared(stap, tmp):
    """A build with an unfit cache directory warns and writes nothing there."""
    release = installed_release()
    if not release:
        return None, None
    shared = os.path.join(tmp, "shared")
    os.makedirs(shared)
    os.chmod(shared, 0o777)
    r = run(stap, ["-p4", "-r", release, "-e", "probe begin { exit() }"],
            {"SYSTEMTAP_DIR": shared}, timeout=400)
    problems = []
    if r.returncode != 0:
        problems.append(f"exit status {r.returncode}, expected 0")
    want = (f"warning: not using the module cache: '{shared}' is writable "
            "by other users [STAP4005]")
    if want not in r.stderr:
        problems.append(f"stderr lacks: {want}")
    stored = [os.path.join(d, f) for d, _, fs in os.walk(shared) for f in fs]
    if stored:
        problems.append(f"files written to the shared directory: {stored}")
    ko = r.stdout.strip()
    if ko.endswith(".ko"):  # kept in its own build directory: drop it
        shutil.rmtree(os.path.dirname(os.path.dirname(ko)), ignore_errors=True)
    return r, problems


FAST_SCRIPT = "probe begin { exit() }"
PLANTED_HEADER = "#error planted feature header was read\n"


def build(stap, home, release, *extra, script=FAST_SCRIPT):
    """stap -p4 -v of `script` with `home` as SYSTEMTAP_DIR."""
    return run(stap, list(extra) + ["-p4", "-v", "-r", release, "-e", script],
               {"SYSTEMTAP_DIR": home}, timeout=400)


def plant_features(home):
    """Garbage over the cached feature header and runtime object: a build
    that reads them fails (or says "prebuilt")."""
    features = os.path.join(home, "cache", "features")
    names = sorted(os.listdir(features))
    for name in names:
        with open(os.path.join(features, name), "w") as f:
            f.write(PLANTED_HEADER if name.endswith(".h") else "planted\n")
    return names


def rebuilt(r, problems, what):
    """Checks that `r` compiled afresh, reading nothing cached."""
    if r.returncode != 0:
        problems.append(f"{what}: exit status {r.returncode}, expected 0")
    if "Pass 4: compiled C into" not in r.stderr:
        problems.append(f"{what}: no 'Pass 4: compiled C into' line")
    for read in ("using cached", "(kernel features cached)",
                 "(runtime prebuilt)"):
        if read in r.stderr:
            problems.append(f"{what}: it read the cache: '{read}'")


def is_module(path):
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def planted_cache(stap, tmp, release):
    """A private cache filled by a real build of FAST_SCRIPT, then its
    module and feature files overwritten with garbage: (home, the first
    build's result, its cache entry, the planted feature files); the entry
    is None when that build failed or cached nothing."""
    home = os.path.join(tmp, "home")
    os.makedirs(home, mode=0o700)
    r = build(stap, home, release)
    cached = r.stdout.strip()
    if r.returncode != 0 or not cached.startswith(home + "/cache/"):
        return home, r, None, []
    with open(cached, "w") as f:
        f.write("planted module\n")
    return home, r, cached, plant_features(home)


def poison_cache_rebuilds(stap, tmp):
    """stap(1): --poison-cache reads nothing from the cache (module,
    feature header, runtime object) but still writes the module there."""
    release = installed_release()
    if not release:
        return None, None
    home, r, cached, _ = planted_cache(stap, tmp, release)
    if not cached:
        return r, ["the first build failed or cached nothing"]
    problems = []
    r = build(stap, home, release, "--poison-cache")
    rebuilt(r, problems, "--poison-cache")
    if r.stdout.strip() != cached:
        problems.append(f"--poison-cache printed '{r.stdout.strip()}', not "
                        f"the cache entry '{cached}'")
    elif not is_module(cached):
        problems.append("--poison-cache did not write its module to the cache")
    if problems:
        return r, problems
    # Without it, the entry it wrote is what the next run uses.
    r = build(stap, home, release)
    if f"Pass 4: using cached {cached}\n" not in r.stderr:
        problems.append("the next run did not use the module --poison-cache "
                        "cached")
    return r, problems


def privilege_reads_no_cache(stap, tmp):
    """A --privilege=stapusr build reads nothing a cache holds: not the
    feature header or runtime object an unrestricted build left there (it
    builds them afresh), nor a module (its cache key is its own, and it
    looks none up); it writes nothing there either."""
    release = installed_release()
    if not release:
        return None, None
    home, r, cached, planted = planted_cache(stap, tmp, release)
    if not cached:
        return r, ["the first build failed or cached nothing"]
    before = sorted(os.path.join(d, f) for d, _, fs in os.walk(home) for f in fs)
    problems = []
    r = build(stap, home, release, "--privilege=stapusr")
    rebuilt(r, problems, "--privilege=stapusr")
    ko = r.stdout.strip()
    if ko.startswith(home) or not ko.endswith(".ko") or not is_module(ko):
        problems.append(f"--privilege=stapusr module '{ko}' is not one it "
                        "built in its own directory")
    if ko.endswith(".ko"):  # kept in its own build directory: drop it
        shutil.rmtree(os.path.dirname(os.path.dirname(ko)), ignore_errors=True)
    after = sorted(os.path.join(d, f) for d, _, fs in os.walk(home) for f in fs)
    if after != before:
        problems.append(f"the cache changed: {before} -> {after}")
    if problems:
        return r, problems
    # The control: an unrestricted build of another script reads the
    # planted header, so the run above would have failed had it read it.
    control = build(stap, home, release,
                    script="probe begin { println(1) exit() }")
    if control.returncode == 0 or "planted feature header" not in control.stderr:
        problems.append(f"an unrestricted build did not read the planted "
                        f"{planted}: the check above proves nothing")
        r = control
    return r, problems


SPEED = {"p4_stores_nothing_shared": "kbuild", "poison_cache_rebuilds": "kbuild",
         "privilege_reads_no_cache": "kbuild"}
CASES = {f.__name__: f for f in (p4_stores_nothing_shared, world_writable, group_writable_cache,
                                 symlinked_cache, other_users_dir, no_home,
                                 private_dir_is_used, created_private,
                                 poison_cache_rebuilds, privilege_reads_no_cache)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stap")
    ap.add_argument("--case")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--kbuild-cache")  # cli_test.py's; nothing here builds
    a = ap.parse_args()
    if a.list:
        print("\n".join(f"{name} {SPEED.get(name, 'fast')}" for name in CASES))
        return 0
    tmp = tempfile.mkdtemp(prefix="stap-cache-dir-")
    os.chmod(tmp, 0o755)  # the uid of no_home must reach stap's output
    try:
        r, problems = CASES[a.case](os.path.abspath(a.stap), tmp)
    finally:
        shutil.rmtree(tmp)
    if r is None:
        print(f"SKIP: {a.case}: needs root (or kernel headers)")
        return 77
    for p in problems:
        print("FAIL: " + p)
    if problems:
        print(f"--- stdout ---\n{r.stdout}--- stderr ---\n{r.stderr}")
        return 1
    print("ok   " + a.case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
