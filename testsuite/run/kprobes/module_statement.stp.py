# module("9p").statement("v9fs_file_read_iter@fs/9p/vfs_file.c:N"): a kprobe
# at 9p:v9fs_file_read_iter+offset, placed through the 9p module's own
# debuginfo, where N is the line of its call to p9_client_read (377 in
# 6.1), read here from that debuginfo. The guest's / is 9p under an
# overlay, so dd's reads of its own file go through it: three reads of
# 1234 bytes from offsets 0, 1234 and 2468, seen in the parameters $iocb
# and $to at that line, with the local fid, set from the file's
# private_data (the loader's reads of dd and its libraries are other
# sizes). module("9p").function("v9fs_file_read_iter@
# fs/9p/vfs_file.c") fires at the entry of the same calls, where the locals
# fid and ret are not set yet and err is known to be 0 ($$locals).
import sys

from call_line import call_line, debuginfo

ko = debuginfo(sys.argv[2], "fs/9p/9p.ko")
# Without the debuginfo the test is skipped (requires:), its line unused.
line = (call_line(ko, "v9fs_file_read_iter", "p9_client_read")[1]
        if ko else 0)
print(f'''# requires: kernel-debuginfo
# staprun-options: -c "exec dd if=/usr/bin/dd of=/dev/null bs=1234 count=3 status=none"
# expect-stdout: entry fid=? ret=? err=0x0
# expect-stdout: line {line}: pos 0 count 1234 fid is the file's 1
# expect-stdout: line {line}: pos 1234 count 1234 fid is the file's 1
# expect-stdout: line {line}: pos 2468 count 1234 fid is the file's 1
# No global: every file read of the guest runs these handlers. dd's reads
# are told from the loader's (of dd and its libraries) by their size.
probe module("9p").function("v9fs_file_read_iter@fs/9p/vfs_file.c") {{
  if (pid() == target() && $to->count == 1234 && $iocb->ki_pos == 0)
    printf("entry %s\\n", $$locals)
}}
probe module("9p").statement("v9fs_file_read_iter@fs/9p/vfs_file.c:{line}") {{
  if (pid() == target() && $to->count == 1234)
    printf("line {line}: pos %d count %d fid is the file's %d\\n",
           $iocb->ki_pos, $to->count, $fid == $iocb->ki_filp->private_data)
}}''')
