"""The shared part of the layers checks: scan files line by line for code
that must not be there, and report like a compiler."""
import os


def scan(root, paths, offends, minimum, ok, hint):
    """Prints each line of `paths` for which offends(path, line) holds as
    FILE:LINE: TEXT, then `hint`; returns the exit status (1 when a line
    offends or fewer than `minimum` files were read: a wrong root)."""
    offending, files = [], 0
    for path in paths:
        files += 1
        with open(path, errors="replace") as f:
            for i, line in enumerate(f, 1):
                if offends(path, line):
                    offending.append(f"{os.path.relpath(path, root)}:{i}: "
                                     f"{line.strip()}")
    if files < minimum:
        print(f"only {files} files read under {root}: wrong root?")
        return 1
    for o in offending:
        print(o)
    if offending:
        print(hint)
        return 1
    print(f"ok: {files} files {ok}")
    return 0
