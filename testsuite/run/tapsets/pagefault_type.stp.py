# vm.pagefault.return's fault_type as vm.pagefault.return(3stap) numbers
# it, from the kernel's VM_FAULT_* bits: testsuite/process/faults.c
# writes a fresh anonymous page (minor: 2), then reads past the end of a
# one-byte file's mapping (SIGBUS: 1), at fixed addresses.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "process"))
from build_targets import build  # noqa: E402

P = build(pathlib.Path(sys.argv[1]) / "bin", "faults")
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: anonymous write: fault_type 2 minor 1
# expect-stdout: past the end of a file: fault_type 1 sigbus 1
# No global: every page fault of the guest runs these handlers, and a
# global's lock would make them wait on each other. $address in a return
# probe is its value at entry.
probe vm.pagefault.return {{
  if (pid() != target()) next
  if ($address == 0x600000000000)
    printf("anonymous write: fault_type %d minor %d\\n", fault_type,
           vm_fault_contains(fault_type, VM_FAULT_MINOR))
  if ($address == 0x610000001000)
    printf("past the end of a file: fault_type %d sigbus %d\\n", fault_type,
           vm_fault_contains(fault_type, VM_FAULT_SIGBUS))
}}
''')
