# A library the process dlopen()s after it started (testsuite/process/
# late_library.c): the probes of its file arm in that later mapping too.
# work() runs 6 times: x = 0..3, then work_twice(4) calls work(4) and
# work(9) through the library's own PLT ($x sum 19, $return sum
# 1+3+5+7+9+19 = 44), each with its SDT mark; .library(LIB) of the
# executable sees the same 6 calls, and .library(LIB).plt("work") the 2
# through the PLT, named by $$name.
from loop_target import programs

D = programs()
lib, exe = D / "libloopwork.so", D / "late_library"
print(f'''# staprun-options: -c "exec {exe} {lib} 4"
# expect-stdout: work 6 (x sum 19) returns 6 (sum 44) mark 6 library 6
# expect-stdout: plt work 2
global w, wx, r, rs, m, l, plt
probe process("{lib}").function("work") {{ w++; wx += $x }}
probe process("{lib}").function("work").return {{ r++; rs += $return }}
probe process("{lib}").mark("work") {{ m++ }}
probe process("{exe}").library("{lib}").function("work") {{ l++ }}
probe process("{exe}").library("{lib}").plt("w*") {{ plt[$$name]++ }}
probe end {{
  printf("work %d (x sum %d) returns %d (sum %d) mark %d library %d\\n",
         w, wx, r, rs, m, l)
  foreach (n in plt) printf("plt %s %d\\n", n, plt[n])
}}
''')
