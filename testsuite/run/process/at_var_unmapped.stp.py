# @var of a file the probed process does not map (libatvar.so, read from a
# probe in loop, which never loads it): a run-time error naming the file,
# not a read of some other address.
from loop_target import programs

D = programs()
print(f'''# staprun-options: -c "exec {D / 'loop'} 1"
# expect-exit: 1
# expect-stderr: ERROR: '{D / 'libatvar.so'}' is not mapped in pid
# allow-stderr: WARNING: Number of errors: 1
probe process("{D / 'loop'}").function("work") {{
  println(@var("lib_counter@atvar_lib.c", "{D / 'libatvar.so'}"))
}}
''')
