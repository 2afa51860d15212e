# A function of a shared library, named by the library's path (and by a
# wildcard): probed in the process that maps it, 4 calls each.
from loop_target import programs

D = programs()
print(f'''# staprun-options: -c "exec {D / 'loop_shared'} 4"
# expect-stdout: work 4 w*k 4 returns 4
global named, glob, returns
probe process("{D / 'libloopwork.so'}").function("work") {{
  if (pid() == target()) named++
}}
probe process("{D / 'libloopwork.so'}").function("w*k") {{
  if (pid() == target()) glob++
}}
probe process("{D / 'libloopwork.so'}").function("work").return {{
  if (pid() == target()) returns++
}}
probe end {{ printf("work %d w*k %d returns %d\\n", named, glob, returns) }}
''')
