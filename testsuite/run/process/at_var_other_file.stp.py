# @var of another file than the probed one, and @var in return probes
# (testsuite/process/atvar_main.c and atvar_lib.c, gcc -g -O0, PIE and a
# shared library): found at run time from where the process maps the
# file. In the program, drive() reads the library's .bss counter, its
# file static and a .data struct (a member, a string through a pointer);
# drive().return reads the program's own global and the library's. In the
# library, lib_step() reads the program's global and lib_step().return
# the library's own static.
from loop_target import programs

D = programs()
P, L = D / "atvar_main", D / "libatvar.so"
print(f'''# staprun-options: -c "exec {P}"
# expect-stdout: drive 2: counter=0 calls=0 level=7 name=atvar
# expect-stdout: step 1: main_total=1000
# expect-stdout: step returns 1: calls=1
# expect-stdout: step 2: main_total=1000
# expect-stdout: step returns 3: calls=2
# expect-stdout: drive returns 3: main_total=1003 counter=3
# expect-stdout: drive 3: counter=3 calls=2 level=9 name=atvar
# expect-stdout: step 1: main_total=1003
# expect-stdout: step returns 4: calls=3
# expect-stdout: step 2: main_total=1003
# expect-stdout: step returns 6: calls=4
# expect-stdout: step 3: main_total=1003
# expect-stdout: step returns 9: calls=5
# expect-stdout: drive returns 9: main_total=1012 counter=9
probe process("{P}").function("drive") {{
  printf("drive %d: counter=%d calls=%d level=%d name=%s\\n", $n,
         @var("lib_counter@atvar_lib.c", "{L}"),
         @var("lib_calls@atvar_lib.c", "{L}"),
         @var("lib_state", "{L}")->level,
         user_string(@var("lib_state@atvar_lib.c", "{L}")->name))
}}
probe process("{P}").function("drive").return {{
  printf("drive returns %d: main_total=%d counter=%d\\n", $return,
         @var("main_total"), @var("lib_counter", "{L}"))
}}
probe process("{L}").function("lib_step") {{
  printf("step %d: main_total=%d\\n", $by, @var("main_total@atvar_main.c", "{P}"))
}}
probe process("{L}").function("lib_step").return {{
  printf("step returns %d: calls=%d\\n", $return, @var("lib_calls@atvar_lib.c"))
}}
''')
