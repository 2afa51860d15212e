# process("PATH").function("work") and .return in the -c target: loop 5
# calls work(i) = 2i + 1 for i in 0..4, so 5 entries, 5 returns, and the
# untyped $return values add up to 25.
from loop_target import programs

P = programs() / "loop"
print(f'''# staprun-options: -c "exec {P} 5"
# expect-stdout: entries 5 returns 5 sum 25
global entries, returns, sum
probe process("{P}").function("work") {{
  if (pid() == target()) entries++
}}
probe process("{P}").function("work").return {{
  if (pid() == target()) {{ returns++; sum += $return }}
}}
probe end {{ printf("entries %d returns %d sum %d\\n", entries, returns, sum) }}
''')
