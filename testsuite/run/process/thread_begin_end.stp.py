# process("PATH").thread.begin/.end: the target starts and joins 3
# threads; each is reported at clone in its own context (its tid, the
# process's pid) and at its exit; the process ends once.
from loop_target import programs

P = programs() / "threads"
print(f'''# staprun-options: -c "exec {P} 3"
# expect-stdout: threads 3/3 begun, 3/3 ended, process ends 1
global begun, begun_own, ended, ended_own, pends
probe process("{P}").thread.begin {{
  begun++
  if (pid() == target() && tid() != pid()) begun_own++
}}
probe process("{P}").thread.end {{
  ended++
  if (pid() == target() && tid() != pid()) ended_own++
}}
probe process("{P}").end {{ if (pid() == target()) pends++ }}
probe end {{
  printf("threads %d/%d begun, %d/%d ended, process ends %d\\n",
         begun_own, begun, ended_own, ended, pends)
}}
''')
