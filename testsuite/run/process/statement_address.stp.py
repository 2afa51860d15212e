# process("PATH").statement(ADDR): a uprobe at the address work() has in
# the executable's symbol table (nm), hit once per call, with $1 (the
# first argument's register) as work's argument.
import subprocess

from loop_target import programs

P = programs() / "loop"
addr = next(l.split()[0] for l in subprocess.run(
    ["nm", str(P)], capture_output=True, text=True, check=True).stdout.splitlines()
    if l.endswith(" work"))
print(f'''# staprun-options: -c "exec {P} 3"
# expect-stdout: at 0x{int(addr, 16):x}: 0
# expect-stdout: at 0x{int(addr, 16):x}: 1
# expect-stdout: at 0x{int(addr, 16):x}: 2
probe process("{P}").statement(0x{int(addr, 16):x}) {{
  if (pid() == target()) printf("at 0x%x: %d\\n", {int(addr, 16)}, register("rdi"))
}}
''')
