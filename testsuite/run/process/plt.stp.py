# process("EXE").plt("PATTERN"): a uprobe on the PLT stub of each matching
# import, with $$name, and .plt(...).return with the untyped $return;
# loop_shared calls work() of its library 4 times through the PLT
# (work(x) = 2x + 1, x = 0..3: the returns add up to 16).
from loop_target import programs

D = programs()
print(f'''# staprun-options: -c "exec {D / 'loop_shared'} 4"
# expect-stdout: work 4 returns 16
global calls, name, returned
probe process("{D / 'loop_shared'}").plt("wo*") {{
  if (pid() == target()) {{ calls++; name = $$name }}
}}
probe process("{D / 'loop_shared'}").plt("work").return {{
  if (pid() == target()) returned += $return
}}
probe end {{ printf("%s %d returns %d\\n", name, calls, returned) }}
''')
