# process("EXE").function(ADDR) and .function(ADDR).return: work() of
# testsuite/process/loop.c named by its address (from nm), 4 calls, the
# returns (2x + 1 for x = 0..3) adding up to 16.
import subprocess

from loop_target import programs

D = programs()
nm = subprocess.run(["nm", str(D / "loop")], capture_output=True, text=True,
                    check=True).stdout
addr = next("0x" + line.split()[0] for line in nm.splitlines()
            if line.split()[-1] == "work")
print(f'''# staprun-options: -c "exec {D / 'loop'} 4"
# expect-stdout: calls 4 returns 16
global calls, returned
probe process("{D / 'loop'}").function({addr}) {{
  if (pid() == target()) calls++
}}
probe process("{D / 'loop'}").function({addr}).return {{
  if (pid() == target()) returned += $return
}}
probe end {{ printf("calls %d returns %d\\n", calls, returned) }}
''')
