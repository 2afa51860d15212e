# Bare process.function("work") with -c: the probes go into the command's
# program, as process("PATH") would put them (translated with the same -c).
# loop 5 calls work(i) = 2i + 1 for i in 0..4: 5 entries, 5 returns, and
# the $return values add up to 25.
from loop_target import programs

P = programs() / "loop"
print(f'''# stap-options: -c "exec {P} 5"
# staprun-options: -c "exec {P} 5"
# expect-stdout: entries 5 returns 5 sum 25
global entries, returns, sum
probe process.function("work") {{
  if (pid() == target()) entries++
}}
probe process.function("work").return {{
  if (pid() == target()) {{ returns++; sum += $return }}
}}
probe end {{ printf("entries %d returns %d sum %d\\n", entries, returns, sum) }}
''')
