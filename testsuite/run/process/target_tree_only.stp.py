# With -c (or -x), process probes fire only in the target's process tree
# (stapprobes(3stap)): libc's read() runs in the target shell (its builtin
# `read`), in a child shell doing the same, and all the time in stapio,
# the target's parent, which relays the module's output: only the first
# two count.
print('''# staprun-options: -c "read x < /etc/passwd; /bin/sh -c 'read y < /etc/passwd; exit 0'; exit 0"
# expect-stdout: target yes, child yes, outside the tree 0
global in_target, in_child, outside
probe process("/lib/x86_64-linux-gnu/libc.so.6").function("read") {
  if (pid() == target()) in_target++
  else if (ppid() == target()) in_child++
  else outside++
}
probe end {
  printf("target %s, child %s, outside the tree %d\\n",
         in_target ? "yes" : "no", in_child ? "yes" : "no", outside)
}
''')
