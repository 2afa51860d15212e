# process("EXE").plt("PATTERN"): a uprobe on the PLT stub of each matching
# import, with $$name, and .plt(...).return with the untyped $return;
# loop_shared calls work() of its library 4 times through the PLT
# (work(x) = 2x + 1, x = 0..3: the returns add up to 16). A bare .plt
# probes every import: clock_gettime is called once (the loop's start,
# bench/chunk_timer.h; the end is read only when timing).
from loop_target import programs

D = programs()
print(f'''# staprun-options: -c "exec {D / 'loop_shared'} 4"
# expect-stdout: work 4 returns 16
# expect-stdout: bare: work 4 clock_gettime 1
global calls, name, returned, bare
probe process("{D / 'loop_shared'}").plt("wo*") {{
  if (pid() == target()) {{ calls++; name = $$name }}
}}
probe process("{D / 'loop_shared'}").plt("work").return {{
  if (pid() == target()) returned += $return
}}
probe process("{D / 'loop_shared'}").plt {{
  if (pid() == target()) bare[$$name]++
}}
probe end {{
  printf("%s %d returns %d\\n", name, calls, returned)
  printf("bare: work %d clock_gettime %d\\n", bare["work"], bare["clock_gettime"])
}}
''')
