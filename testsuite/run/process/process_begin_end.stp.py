# process("PATH").begin and .end through the task finder: the -c target
# execs the probed file (begin, in the new image: pid() is the target's,
# execname() the file's name) and exits (end, after its mm is gone).
from loop_target import programs

P = programs() / "loop"
print(f'''# staprun-options: -c "exec {P} 2"
# expect-stdout: begin loop target 1
# expect-stdout: end loop target 1
probe process("{P}").begin {{
  printf("begin %s target %d\\n", execname(), pid() == target())
}}
probe process("{P}").end {{
  printf("end %s target %d\\n", execname(), pid() == target())
}}
''')
