# kernel.statement("vfs_read@fs/read_write.c:N"): a kprobe at that line's
# offset in vfs_read, found in the kernel's DWARF, where N is the line of
# vfs_read's call to rw_verify_area (461 in 6.1), read here from the
# debuginfo of the kernel under test: every read that passes the mode
# checks reaches it, as all of dd's do. kernel.function("vfs_read@
# fs/read_write.c"): one at vfs_read's entry. The line fires once per call
# of vfs_read in dd, and there are at least the three reads of /dev/zero.
import sys

from call_line import call_line, debuginfo

vmlinux = debuginfo(sys.argv[2])
# Without the debuginfo the test is skipped (requires:), its line unused.
line = call_line(vmlinux, "vfs_read", "rw_verify_area")[1] if vmlinux else 0
print(f'''# requires: kernel-debuginfo
# staprun-options: -c "exec dd if=/dev/zero of=/dev/null bs=1234 count=3 status=none"
# expect-stdout: kernel.function("vfs_read@fs/read_write.c")
# expect-stdout: kernel.statement("vfs_read@fs/read_write.c:{line}")
# expect-stdout: every call reached the line: yes
global calls, hits, entry, line
probe kernel.function("vfs_read@fs/read_write.c") {{
  if (pid() == target()) {{
    calls++
    entry = pp()
  }}
}}
probe kernel.statement("vfs_read@fs/read_write.c:{line}") {{
  if (pid() == target()) {{
    hits++
    line = pp()
  }}
}}
probe end {{
  printf("%s\\n%s\\n", entry, line)
  printf("every call reached the line: %s\\n",
         calls == hits && hits >= 3 ? "yes" : "no")
}}''')
