"""The declaration lines of kernel functions and of their C labels, read at
test time from the DWARF of the compile unit that holds a function, so the
tests that name them in a probe point's expected name survive a Debian
kernel update that moves the lines. A test script declares each line it
needs in a header and writes @NAME@ where the number goes:

  # dwarf-line: NAME decl FUNCTION [UNIT_FUNCTION]
  # dwarf-line: NAME label FUNCTION LABEL UNIT_FUNCTION

UNIT_FUNCTION, a function with a symbol in the same compile unit, finds
the unit of a FUNCTION that has none (inlined everywhere)."""
import re
import subprocess


class Missing(Exception):
    """What the kernel's DWARF lacks: the test cannot run there."""


def _unit_dies(binary, function):
    """[(depth, tag, {attribute: value})] of the compile unit holding
    `function`'s code (found by its symbol's address), in DIE order."""
    syms = subprocess.run(["readelf", "-sW", str(binary)], check=True,
                          capture_output=True, text=True).stdout
    addr = next((f[1] for f in (line.split() for line in syms.splitlines())
                 if len(f) >= 8 and f[3] == "FUNC" and f[7] == function),
                None)
    if addr is None:
        raise Missing(f"no function {function} in {binary}")
    lookup = subprocess.run(["llvm-dwarfdump", f"--lookup=0x{addr}",
                             str(binary)], check=True, capture_output=True,
                            text=True).stdout
    unit = re.search(r"^(0x[0-9a-f]+): DW_TAG_compile_unit", lookup, re.M)
    if not unit:
        raise Missing(f"no compile unit holds {function} in {binary}")
    dump = subprocess.run(["llvm-dwarfdump", f"--debug-info={unit.group(1)}",
                           "-c", str(binary)], check=True,
                          capture_output=True, text=True).stdout
    dies = []
    for line in dump.splitlines():
        die = re.match(r"0x[0-9a-f]+:( +)(DW_TAG_\w+)", line)
        attr = re.match(r"\s+(DW_AT_\w+)\s+\((.*)\)$", line)
        if die:
            dies.append(((len(die.group(1)) - 1) // 2, die.group(2), {}))
        elif attr and dies:
            dies[-1][2][attr.group(1)] = attr.group(2).strip('"')
    return dies


def _named(dies, function):
    """The index of the subprogram DIE that defines `function` (a mere
    declaration may name a header's line)."""
    i = next((i for i, (_, tag, a) in enumerate(dies)
              if tag == "DW_TAG_subprogram" and a.get("DW_AT_name") == function
              and "DW_AT_decl_line" in a and "DW_AT_declaration" not in a),
             None)
    if i is None:
        raise Missing(f"no declaration of {function} in the DWARF of its "
                      "compile unit")
    return i


def decl_line(binary, function, unit_of=None):
    """The line that declares `function` (its DW_AT_decl_line), looked up
    in the unit of `unit_of` (default: `function` itself, which then needs
    a symbol; an inline-only function is found through its caller)."""
    dies = _unit_dies(binary, unit_of or function)
    return int(dies[_named(dies, function)][2]["DW_AT_decl_line"])


def label_lines(binary, function, unit_of):
    """{label: line} of the C labels declared in `function`, whose code is
    in `unit_of`'s unit."""
    dies = _unit_dies(binary, unit_of)
    at = _named(dies, function)
    depth = dies[at][0]
    out = {}
    for d, tag, a in dies[at + 1:]:
        if d <= depth:
            break
        if tag == "DW_TAG_label" and "DW_AT_name" in a:
            out[a["DW_AT_name"]] = int(a["DW_AT_decl_line"])
    return out


def resolve(text, binary):
    """`text` with each declared @NAME@ replaced by its line in `binary`;
    raises Missing naming what is not there."""
    for m in re.finditer(r"^#\s*dwarf-line:\s*(.*)$", text, re.M):
        words = m.group(1).split()
        if len(words) >= 3 and words[1] == "decl":
            line = decl_line(binary, words[2], *words[3:4])
        elif len(words) == 5 and words[1] == "label":
            line = label_lines(binary, words[2], words[4]).get(words[3])
            if line is None:
                raise Missing(f"no label {words[3]} in {words[2]} in the "
                              f"DWARF of {binary}")
        else:
            raise SystemExit(f"bad dwarf-line header: {m.group(0)}")
        text = text.replace(f"@{words[0]}@", str(line))
    return text
