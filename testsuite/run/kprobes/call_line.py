"""The source line of a call in a debuginfo binary, for the VM tests that
probe a kernel line: found at test time from the kernel's own DWARF, so a
Debian kernel update that moves the line does not break them."""
import pathlib
import re
import subprocess

DEBUG = pathlib.Path("/usr/lib/debug")


def debuginfo(release, module_path=None):
    """vmlinux's debuginfo of `release`, or that of the module whose file is
    kernel/`module_path` (without .xz); None when not installed."""
    f = (DEBUG / "boot" / f"vmlinux-{release}" if module_path is None else
         DEBUG / "lib/modules" / release / "kernel" / module_path)
    return f if f.is_file() else None


def call_line(binary, function, callee):
    """(file, line) of the first call from `function` to `callee` in
    `binary` (vmlinux, or a .ko whose calls are relocations)."""
    return _line_at(binary, _first_call(binary, function, callee))


def line_after_call(binary, function, callee):
    """(file, line): the first line of `function`'s file, other than the
    call's, that the code after that call belongs to (where the callee's
    result is used)."""
    _, stop = _extent(binary, function)
    call = _first_call(binary, function, callee)
    path, line = _line_at(binary, call)
    asm = subprocess.run(["objdump", "-dl", "--no-show-raw-insn",
                          f"--start-address=0x{call}",
                          f"--stop-address={stop}", str(binary)],
                         check=True, capture_output=True, text=True).stdout
    for where in re.findall(r"^(\S+):(\d+)", asm, re.M):
        if where[0].endswith(path.split("/")[-1]) and int(where[1]) != line:
            return path, int(where[1])
    raise SystemExit(f"no line after the call to {callee} in {function}")


def _extent(binary, function):
    """[start, stop) of `function`'s code."""
    syms = subprocess.run(["readelf", "-sW", str(binary)], check=True,
                          capture_output=True, text=True).stdout
    found = next(((int(f[1], 16), int(f[2], 0)) for f in
                  (line.split() for line in syms.splitlines())
                  if len(f) >= 8 and f[3] == "FUNC" and f[7] == function),
                 None)
    if not found:
        raise SystemExit(f"no function {function} in {binary}")
    return found[0], found[0] + found[1]


def _first_call(binary, function, callee):
    """The hex address of `function`'s first call to `callee`."""
    start, stop = _extent(binary, function)
    asm = subprocess.run(["objdump", "-dr", "--no-show-raw-insn",
                          f"--start-address={start}",
                          f"--stop-address={stop}", str(binary)],
                         check=True, capture_output=True, text=True).stdout
    # A call names its target, or (in a module) the relocation on the
    # line after it does.
    call = last = None
    for line in asm.splitlines():
        insn = re.match(r"\s*([0-9a-f]+):\s+(\S+)", line)
        if insn and not insn.group(2).startswith("R_X86_64"):
            last = insn.group(1) if insn.group(2) == "call" else None
            if last and f"<{callee}>" in line:
                call = last
        elif last and re.search(rf"R_X86_64_PLT32\s+{callee}-", line):
            call = last
        if call:
            break
    if not call:
        raise SystemExit(f"no call to {callee} in {function} of {binary}")
    return call


def _line_at(binary, address):
    """(file, line) of the hex `address`."""
    where = subprocess.run(["addr2line", "-e", str(binary), "0x" + address],
                           check=True, capture_output=True,
                           text=True).stdout.strip()
    path, line = where.rsplit(":", 1)
    return path, int(line.split()[0])
