# process("PATH").syscall and .syscall.return in the -c target: loop 3 - 1000
# sleeps 1000 us three times through clock_nanosleep (x86-64 number 230):
# CLOCK_REALTIME (0), no flags, a timespec of 0 s 1000000 ns read from
# the target's memory through $arg3; each returns 0.
from loop_target import programs

P = programs() / "loop"
print(f'''# staprun-options: -c "exec {P} 3 - 1000"
# expect-stdout: sleeps 3 clock 0 flags 0 sec 0 nsec 1000000
# expect-stdout: returns 3 sum 0 same 1
global sleeps, clock, flags, sec, nsec, returns, sum, same = 1
probe process("{P}").syscall {{
  if ($syscall == 230) {{
    sleeps++; clock += $arg1; flags += $arg2
    sec = user_long($arg3); nsec = user_long($arg3 + 8)
  }}
}}
probe process("{P}").syscall.return {{
  if ($syscall == 230) {{ returns++; sum += $return }}
  if (pid() != target()) same = 0
}}
probe end {{
  printf("sleeps %d clock %d flags %d sec %d nsec %d\\n", sleeps, clock,
         flags, sec, nsec)
  printf("returns %d sum %d same %d\\n", returns, sum, same)
}}
''')
