# process("EXE").library("LIB") with LIB found as EXE's loader finds it
# (its DT_RUNPATH): a function, its return and its parameter, and the SDT
# mark inside it with $arg1, in the process running EXE (4 calls, x = 0..3).
from loop_target import programs

D = programs()
print(f'''# staprun-options: -c "exec {D / 'loop_shared'} 4"
# expect-stdout: work 4 x 6 returns 4 mark 4 arg 6 work
global calls, xs, returns, marks, args, name
probe process("{D / 'loop_shared'}").library("libloopwork.so").function("work") {{
  if (pid() == target()) {{ calls++; xs += $x }}
}}
probe process("{D / 'loop_shared'}").library("libloopwork.so").function("work").return {{
  if (pid() == target()) returns++
}}
probe process("{D / 'loop_shared'}").library("libloopwork.so").provider("loopwork").mark("work") {{
  if (pid() == target()) {{ marks++; args += $arg1; name = $$name }}
}}
probe end {{
  printf("work %d x %d returns %d mark %d arg %d %s\\n", calls, xs, returns,
         marks, args, name)
}}
''')
