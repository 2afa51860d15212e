# process("EXE").library("LIB").statement("func@file:line"): a source line
# of the library's work() (testsuite/process/loopwork.c, gcc -g -O1) with
# its parameter, in the process running EXE (4 calls, x = 0..3).
from loop_target import programs

D = programs()
print(f'''# staprun-options: -c "exec {D / 'loop_shared'} 4"
# expect-stdout: line 11: 4 hits, x 6
global hits, xs
probe process("{D / 'loop_shared'}").library("libloopwork.so").statement("work@loopwork.c:11") {{
  if (pid() == target()) {{ hits++; xs += $x }}
}}
probe end {{ printf("line 11: %d hits, x %d\\n", hits, xs) }}
''')
