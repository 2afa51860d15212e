# @uregister(N) reads the user register with DWARF number N from the
# probe's registers: at work(i)'s entry, 5 (rdi) is its argument, 0 (rax)
# is the return register read in .return (work(i) = 2i + 1), and 7 (rsp)
# is the stack pointer register("rsp") sees.
from loop_target import programs

P = programs() / "loop"
print(f'''# staprun-options: -c "exec {P} 3"
# expect-stdout: arg 0 rsp 1
# expect-stdout: ret 1
# expect-stdout: arg 1 rsp 1
# expect-stdout: ret 3
# expect-stdout: arg 2 rsp 1
# expect-stdout: ret 5
probe process("{P}").function("work") {{
  if (pid() == target())
    printf("arg %d rsp %d\\n", @uregister(5), @uregister(7) == register("rsp"))
}}
probe process("{P}").function("work").return {{
  if (pid() == target()) printf("ret %d\\n", @uregister(0))
}}
''')
