# Bare process.begin/.end: the -c target already exists when the probes
# are armed (forked by stapio, waiting to exec), so it is found by the
# scan at start, still named "stapio"; the shell it becomes then forks two
# children, reported at fork in the child's own context (its pid, the
# target as parent, the shell's name before the child execs), and their
# ends and the shell's own follow.
print('''# staprun-options: -c "/bin/true; /bin/true; exit 0"
# expect-stdout: found at start: stapio
# expect-stdout: child of the target: sh (own pid 1)
# expect-stdout: child of the target: sh (own pid 1)
# expect-stdout: ends: children 2 target 1
global children, target_ended
probe process.begin {
  if (pid() == target()) printf("found at start: %s\\n", execname())
  if (ppid() == target())
    printf("child of the target: %s (own pid %d)\\n", execname(),
           pid() != target() && tid() == pid())
}
probe process.end {
  if (ppid() == target()) children++
  if (pid() == target()) target_ended++
}
probe end { printf("ends: children %d target %d\\n", children, target_ended) }
''')
