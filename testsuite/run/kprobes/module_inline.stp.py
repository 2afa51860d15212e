# A module's inlined copies, labels and callees through the module's own
# debuginfo (9pnet: the guest's / is 9p). dd reads its own file 1234
# bytes at a time, three times; 9pnet's p9_client_read calls
# p9_client_read_once for each (out of line: a kprobe at its entry and a
# kretprobe, run only when the return address is in p9_client_read), and
# over 1024 bytes the read is a zero-copy request: 9pnet_virtio's
# p9_virtio_zc_request passes its label req_retry_pinned once as it queues
# it. (9pnet's own labels are on error paths: the code of a success falls
# through a copy of theirs.) Inside those reads the copies of
# iov_iter_count inlined into 9pnet run too, one of them in p9_client_read
# itself. Each point is named by its declaration's line (a label by its
# own), read here from the modules' DWARF with readelf.
import subprocess
import sys

from call_line import debuginfo

ko = debuginfo(sys.argv[2], "net/9p/9pnet.ko")
virtio = debuginfo(sys.argv[2], "net/9p/9pnet_virtio.ko")


def decl_lines(binary):
    """{name: decl_line} of binary's functions, and {(function, label):
    decl_line} of the labels in them (the first definition of each)."""
    info = subprocess.run(["readelf", "--debug-dump=info", str(binary)],
                          check=True, capture_output=True, text=True).stdout
    lines, tag, name, function = {}, None, None, None
    for line in info.splitlines():
        if "Abbrev Number" in line:
            tag = line.split("(")[-1].rstrip(")") if "(" in line else None
            depth = line.split(">")[0].strip(" <")
            name = None
        elif "DW_AT_name" in line:
            name = line.rsplit(": ", 1)[-1].strip()
            if tag == "DW_TAG_subprogram" and depth == "1":
                function = name
        elif "DW_AT_decl_line" in line and name:
            key = ((function, name) if tag == "DW_TAG_label" else
                   name if tag == "DW_TAG_subprogram" else None)
            if key and key not in lines:
                lines[key] = int(line.rsplit(": ", 1)[-1], 0)
    return lines


# Without the debuginfo the test is skipped (requires:), its lines unused.
at = decl_lines(ko) if ko else {}
at_virtio = decl_lines(virtio) if virtio else {}
read = f'p9_client_read@net/9p/client.c:{at.get("p9_client_read")}'
once = f'p9_client_read_once@net/9p/client.c:{at.get("p9_client_read_once")}'
count = f'iov_iter_count@include/linux/uio.h:{at.get("iov_iter_count")}'
label = ('p9_virtio_zc_request@net/9p/trans_virtio.c:'
         f'{at_virtio.get(("p9_virtio_zc_request", "req_retry_pinned"))}')
print(f'''# requires: kernel-debuginfo
# staprun-options: -c "exec dd if=/usr/bin/dd of=/dev/null bs=1234 count=3 status=none"
# expect-stdout: module("9pnet").function("{read}").callee("{once}"): 3 calls, 3 returns
# expect-stdout: module("9pnet_virtio").function("{label}").label("req_retry_pinned"): 3
# expect-stdout: module("9pnet").function("{count}").inline ran in the reads: yes
# expect-stdout: module("9pnet").function("{read}").callee("{count}") ran in the reads: yes
global reading, calls, returns, labels, inlined, inlined_callee, names
probe module("9pnet").function("p9_client_read").callee("p9_client_read_once") {{
  if (pid() == target() && $to->count == 1234) {{
    reading[tid()] = 1
    calls++
    names["callee"] = pp()
  }}
}}
probe module("9pnet").function("p9_client_read").callee("p9_client_read_once").return {{
  if (reading[tid()]) {{
    delete reading[tid()]
    returns++
  }}
}}
probe module("9pnet_virtio").function("p9_virtio_zc_request").label("req_retry_pinned") {{
  if (reading[tid()]) {{
    labels++
    names["label"] = pp()
  }}
}}
probe module("9pnet").function("iov_iter_count").inline {{
  if (reading[tid()]) {{
    inlined++
    names["inline"] = pp()
  }}
}}
probe module("9pnet").function("p9_client_read").callee("iov_iter_count") {{
  if (pid() == target()) {{
    inlined_callee++
    names["inlined callee"] = pp()
  }}
}}
probe end {{
  printf("%s: %d calls, %d returns\\n", names["callee"], calls, returns)
  printf("%s: %d\\n", names["label"], labels)
  printf("%s ran in the reads: %s\\n", names["inline"], inlined ? "yes" : "no")
  printf("%s ran in the reads: %s\\n", names["inlined callee"],
         inlined_callee ? "yes" : "no")
}}''')
