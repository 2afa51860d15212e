#!/usr/bin/env python3
"""README.md begins with exactly two commands: `.ci/setup`, which takes a
fresh Debian 12 to a built tree (as root, where no sudo is installed, or
as a user with sudo), and the ctest line that runs every test, which is
also what .ci/run runs after setup. Checked without running them (setup
installs packages): the files exist and are executable, the second
command is .ci/run's, and setup calls sudo only once it knows sudo exists.

usage: first_commands.py SOURCE_DIR
"""
import os
import re
import shutil
import sys


def first_block_commands(readme):
    """The commands of README's first fenced block, comments dropped."""
    m = re.search(r"^```\w*\n(.*?)^```", readme, re.S | re.M)
    if not m:
        return None
    lines = [re.sub(r"\s+#.*$", "", line).strip()
             for line in m.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def shell_code(path):
    """The script's lines without comments and blank lines."""
    with open(path) as f:
        lines = [re.sub(r"(^|\s)#.*$", "", line).rstrip()
                 for line in f.read().splitlines()[1:]]
    return [line for line in lines if line.strip()]


# How .ci/setup may name sudo: the empty array, the guard, the array set
# after the guard, and its expansion in front of a command.
SUDO_USES = [r'sudo=\(\)', r'command -v sudo >/dev/null',
             r'sudo=\(sudo\)', r'"\$\{sudo\[@\]\}"']
# Not root: no sudo is a clear error before anything runs, else sudo.
SUDO_GUARD = re.compile(
    r'if \[ "\$\(id -u\)" -ne 0 \]; then\n'
    r'\s*if ! command -v sudo >/dev/null; then\n'
    r'\s*echo "[^"\n]*" >&2\n'
    r'\s*exit 1\n'
    r'\s*fi\n'
    r'\s*sudo=\(sudo\)\n'
    r'\s*fi\n')


def main(src):
    problems = []
    with open(os.path.join(src, "README.md")) as f:
        readme = f.read()
    commands = first_block_commands(readme)
    if commands is None or len(commands) != 2:
        return [f"README.md's first code block holds {commands!r}, not "
                "exactly two commands"]
    setup, test = commands
    if setup != "./.ci/setup":
        problems.append(f"first command is {setup!r}, not './.ci/setup'")
    if test != "ctest --test-dir build --output-on-failure -j2":
        problems.append(f"second command is {test!r}")
    if readme.find("```") > readme.find("\n##"):
        problems.append("README.md has a section before its first commands")

    for script in (".ci/setup", ".ci/run"):
        path = os.path.join(src, script)
        if not os.path.isfile(path) or not os.access(path, os.X_OK):
            problems.append(f"{script} is not an executable file")
            continue
        with open(path) as f:
            if f.readline() != "#!/bin/bash\n":
                problems.append(f"{script} does not start with #!/bin/bash")
    if problems:
        return problems
    # ctest comes with cmake, which setup installs: it must be a program
    # here, where the tests run.
    if not shutil.which(test.split()[0]):
        problems.append(f"'{test.split()[0]}' is not a program on PATH")

    run = shell_code(os.path.join(src, ".ci/run"))
    if run[-2:] != [".ci/setup", test]:
        problems.append(f".ci/run does not end with .ci/setup, then {test!r}: "
                        f"{run[-2:]!r}")
    setup_code = shell_code(os.path.join(src, ".ci/setup"))
    if "cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo" not in setup_code:
        problems.append(".ci/setup does not configure ./build, which the "
                        "second command tests")
    for n, line in enumerate(setup_code, 1):
        rest = line
        for use in SUDO_USES:
            rest = re.sub(use, "", rest)
        rest = re.sub(r'"[^"]*"', '""', rest)  # words in a message
        if re.search(r"\bsudo\b", rest):
            problems.append(f".ci/setup calls sudo outside its guard: {line!r}")
    if not SUDO_GUARD.search("\n".join(setup_code) + "\n"):
        problems.append(".ci/setup does not check that sudo exists before "
                        "setting sudo=(sudo) for a user who is not root")
    if sum("sudo=(sudo)" in line for line in setup_code) != 1:
        problems.append(".ci/setup sets sudo=(sudo) other than once, after "
                        "its guard")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    found = main(sys.argv[1])
    for p in found:
        print("FAIL: " + p)
    print("ok" if not found else f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
