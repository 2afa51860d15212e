#!/usr/bin/env python3
"""Tapset functions that unprivileged users may call (embedded C marked
/* unprivileged */ or /* myproc-unprivileged */) call only the runtime
entry points declared in runtime/api/stap_api.h, the emission check's
allow-list: no kernel function reaches a stapusr module except through
the runtime.  Also checks itself on a function that breaks the rule.

usage: unprivileged_calls.py TAPSET_DIR STAP_API_H
"""
import pathlib
import re
import sys

FUNC = re.compile(r"^\s*function\s+([A-Za-z_]\w*)[^%{]*%\{(.*?)%\}",
                  re.M | re.S)
CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "typeof",
            "__typeof__", "do", "else"}


def strip(c):
    """C without comments and string or character literals."""
    c = re.sub(r"/\*.*?\*/", " ", c, flags=re.S)
    c = re.sub(r"//[^\n]*", " ", c)
    return re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', '""', c)


def allowed_names(api_text):
    return set(CALL.findall(strip(api_text))) - KEYWORDS


def violations(path_name, text, allowed):
    """[(function, callee)] for unprivileged functions calling outside."""
    out = []
    for m in FUNC.finditer(text):
        body = m.group(2)
        if "/* unprivileged */" not in body and \
           "/* myproc-unprivileged */" not in body:
            continue
        for callee in CALL.findall(strip(body)):
            if callee not in KEYWORDS and callee not in allowed:
                out.append((f"{path_name}: {m.group(1)}", callee))
    return out


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    allowed = allowed_names(pathlib.Path(argv[2]).read_text())
    # The checker must catch a raw kernel call, or it proves nothing.
    bad = "function f:long ()\n%{ /* unprivileged */\n" \
          "\tSTAP_RETVALUE = copy_from_user(0, 0, 1) + stp_str_len(\"x\");\n%}\n"
    if violations("self-test", bad, allowed) != [("self-test: f", "copy_from_user")]:
        print("FAIL: the checker missed a call outside the allow-list")
        return 1
    found, checked = [], 0
    for path in sorted(pathlib.Path(argv[1]).rglob("*.stp")):
        text = path.read_text()
        checked += sum(1 for m in FUNC.finditer(text)
                       if "unprivileged */" in m.group(2))
        found += violations(str(path.relative_to(argv[1])), text, allowed)
    for where, callee in found:
        print(f"FAIL: {where} calls '{callee}', which runtime/api/stap_api.h "
              "does not declare")
    if not checked:
        print("FAIL: no unprivileged tapset function found")
        return 1
    print(f"{checked} unprivileged tapset functions call only the runtime API"
          if not found else f"{len(found)} calls outside the allow-list")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
