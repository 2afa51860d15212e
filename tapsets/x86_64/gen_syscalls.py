#!/usr/bin/env python3
"""Writes syscalls.stp (the syscall.* and nd_syscall.* aliases of every
x86-64 system call) from syscalls.table.

usage: gen_syscalls.py [--check]
  --check  exit 1 if syscalls.stp is not what the table gives (a test);
           also prints the documented variables no alias defines.

Each entry alias is a kernel.function probe on __x64_sys_NAME, whose only
parameter is the user's struct pt_regs: the arguments are in di, si, dx,
r10, r8, r9. The parameter is read as pointer_arg(1), since its name in
BTF is not always "regs" ("__unused" where the call ignores it). An argument's variables, by its type and name:
  char string (not ending _uaddr)  NAME (quoted), NAME_unquoted, NAME_uaddr
  other pointer                    NAME (the user address)
  integer                          NAME, sign- or zero-extended to its width
  a name with a decoder (DECODERS) also NAME_str (or the decoder's name:
  flag and value tables, user structures read from the caller's memory);
  where the man page documents BASE_str for a string, NAME is the
  address and BASE_str, BASE_str_unquoted the text (SystemTap's names
  and types: checked against stap 4.8 -p2). EXTRAS adds what no single
  argument gives (a struct's fields, the defaults of a special case).
A call not in every supported kernel is inside a kernel_v condition, so
syscall.* elaborates on each of them and names only the target's calls.
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
REGS = ["di", "si", "dx", "r10", "r8", "r9"]

SIGNED32 = {"int", "pid_t", "key_serial_t", "timer_t", "clockid_t", "mqd_t",
            "rwf_t", "__s32", "key_t", "enum landlock_rule_type"}
UNSIGNED32 = {"unsigned int", "unsigned", "uid_t", "gid_t", "u32", "__u32",
              "uint32_t", "qid_t", "old_uid_t", "old_gid_t"}
UNSIGNED16 = {"umode_t"}

# Bit tables for _bits_str (aux_syscalls.stp): "VALUE:NAME ...".
FD_FLAGS = "02000000:O_CLOEXEC 04000:O_NONBLOCK"
SOCK_FLAGS = "02000000:SOCK_CLOEXEC 04000:SOCK_NONBLOCK"
MSG_FLAGS = ("1:MSG_OOB 2:MSG_PEEK 4:MSG_DONTROUTE 8:MSG_CTRUNC 0x10:MSG_PROBE "
             "0x20:MSG_TRUNC 0x40:MSG_DONTWAIT 0x80:MSG_EOR 0x100:MSG_WAITALL "
             "0x200:MSG_FIN 0x400:MSG_SYN 0x800:MSG_CONFIRM 0x1000:MSG_RST "
             "0x2000:MSG_ERRQUEUE 0x4000:MSG_NOSIGNAL 0x8000:MSG_MORE "
             "0x10000:MSG_WAITFORONE 0x20000000:MSG_FASTOPEN "
             "0x40000000:MSG_CMSG_CLOEXEC")
BIT_TABLES = {
    "fd": FD_FLAGS, "sock": SOCK_FLAGS, "msg": MSG_FLAGS,
    "rename": "1:RENAME_NOREPLACE 2:RENAME_EXCHANGE 4:RENAME_WHITEOUT",
    "msync": "1:MS_ASYNC 2:MS_INVALIDATE 4:MS_SYNC",
    "mlockall": "1:MCL_CURRENT 2:MCL_FUTURE 4:MCL_ONFAULT",
    "mlock2": "1:MLOCK_ONFAULT",
    "umount": "1:MNT_FORCE 2:MNT_DETACH 4:MNT_EXPIRE 8:UMOUNT_NOFOLLOW",
    "getrandom": "1:GRND_NONBLOCK 2:GRND_RANDOM 4:GRND_INSECURE",
    "memfd": ("1:MFD_CLOEXEC 2:MFD_ALLOW_SEALING 4:MFD_HUGETLB "
              "8:MFD_NOEXEC_SEAL 0x10:MFD_EXEC"),
    "xattr": "1:XATTR_CREATE 2:XATTR_REPLACE",
    "abstime": "1:TIMER_ABSTIME",
    "timerfd_set": "1:TFD_TIMER_ABSTIME 2:TFD_TIMER_CANCEL_ON_SET",
    "mremap": "1:MREMAP_MAYMOVE 2:MREMAP_FIXED 4:MREMAP_DONTUNMAP",
    "eventfd": "02000000:EFD_CLOEXEC 04000:EFD_NONBLOCK 1:EFD_SEMAPHORE",
    "mount": ("1:MS_RDONLY 2:MS_NOSUID 4:MS_NODEV 8:MS_NOEXEC "
              "0x10:MS_SYNCHRONOUS 0x20:MS_REMOUNT 0x40:MS_MANDLOCK "
              "0x80:MS_DIRSYNC 0x100:MS_NOSYMFOLLOW 0x400:MS_NOATIME "
              "0x800:MS_NODIRATIME 0x1000:MS_BIND 0x2000:MS_MOVE "
              "0x4000:MS_REC 0x8000:MS_SILENT 0x10000:MS_POSIXACL "
              "0x20000:MS_UNBINDABLE 0x40000:MS_PRIVATE 0x80000:MS_SLAVE "
              "0x100000:MS_SHARED 0x200000:MS_RELATIME 0x800000:MS_I_VERSION "
              "0x1000000:MS_STRICTATIME 0x2000000:MS_LAZYTIME"),
    "swap": ("0x8000:SWAP_FLAG_PREFER 0x10000:SWAP_FLAG_DISCARD "
             "0x20000:SWAP_FLAG_DISCARD_ONCE 0x40000:SWAP_FLAG_DISCARD_PAGES"),
    "delete_module": "04000:O_NONBLOCK 01000:O_TRUNC",
    "splice": ("1:SPLICE_F_MOVE 2:SPLICE_F_NONBLOCK 4:SPLICE_F_MORE "
               "8:SPLICE_F_GIFT"),
    "sync_file_range": ("1:SYNC_FILE_RANGE_WAIT_BEFORE "
                        "2:SYNC_FILE_RANGE_WRITE 4:SYNC_FILE_RANGE_WAIT_AFTER"),
    "mpol_mf": "1:MPOL_MF_STRICT 2:MPOL_MF_MOVE 4:MPOL_MF_MOVE_ALL",
    "mpol_f": "1:MPOL_F_NODE 2:MPOL_F_ADDR 4:MPOL_F_MEMS_ALLOWED",
    "perf": ("1:PERF_FLAG_FD_NO_GROUP 2:PERF_FLAG_FD_OUTPUT "
             "4:PERF_FLAG_PID_CGROUP 8:PERF_FLAG_FD_CLOEXEC"),
    "fan_init": ("1:FAN_CLOEXEC 2:FAN_NONBLOCK 4:FAN_CLASS_CONTENT "
                 "8:FAN_CLASS_PRE_CONTENT 0x10:FAN_UNLIMITED_QUEUE "
                 "0x20:FAN_UNLIMITED_MARKS 0x40:FAN_ENABLE_AUDIT "
                 "0x80:FAN_REPORT_PIDFD 0x100:FAN_REPORT_TID "
                 "0x200:FAN_REPORT_FID 0x400:FAN_REPORT_DIR_FID "
                 "0x800:FAN_REPORT_NAME 0x1000:FAN_REPORT_TARGET_FID"),
    "fan_mark": ("1:FAN_MARK_ADD 2:FAN_MARK_REMOVE 4:FAN_MARK_DONT_FOLLOW "
                 "8:FAN_MARK_ONLYDIR 0x10:FAN_MARK_MOUNT "
                 "0x20:FAN_MARK_IGNORED_MASK "
                 "0x40:FAN_MARK_IGNORED_SURV_MODIFY 0x80:FAN_MARK_FLUSH "
                 "0x100:FAN_MARK_FILESYSTEM 0x200:FAN_MARK_EVICTABLE "
                 "0x400:FAN_MARK_IGNORE"),
    "fan_mask": ("1:FAN_ACCESS 2:FAN_MODIFY 4:FAN_ATTRIB 8:FAN_CLOSE_WRITE "
                 "0x10:FAN_CLOSE_NOWRITE 0x20:FAN_OPEN 0x40:FAN_MOVED_FROM "
                 "0x80:FAN_MOVED_TO 0x100:FAN_CREATE 0x200:FAN_DELETE "
                 "0x400:FAN_DELETE_SELF 0x800:FAN_MOVE_SELF "
                 "0x1000:FAN_OPEN_EXEC 0x4000:FAN_Q_OVERFLOW "
                 "0x8000:FAN_FS_ERROR 0x10000:FAN_OPEN_PERM "
                 "0x20000:FAN_ACCESS_PERM 0x40000:FAN_OPEN_EXEC_PERM "
                 "0x8000000:FAN_EVENT_ON_CHILD 0x10000000:FAN_RENAME "
                 "0x40000000:FAN_ONDIR"),
    "inotify": ("1:IN_ACCESS 2:IN_MODIFY 4:IN_ATTRIB 8:IN_CLOSE_WRITE "
                "0x10:IN_CLOSE_NOWRITE 0x20:IN_OPEN 0x40:IN_MOVED_FROM "
                "0x80:IN_MOVED_TO 0x100:IN_CREATE 0x200:IN_DELETE "
                "0x400:IN_DELETE_SELF 0x800:IN_MOVE_SELF 0x2000:IN_UNMOUNT "
                "0x4000:IN_Q_OVERFLOW 0x8000:IN_IGNORED 0x1000000:IN_ONLYDIR "
                "0x2000000:IN_DONT_FOLLOW 0x4000000:IN_EXCL_UNLINK "
                "0x10000000:IN_MASK_CREATE 0x20000000:IN_MASK_ADD "
                "0x40000000:IN_ISDIR 0x80000000:IN_ONESHOT"),
    "finit_module": ("1:MODULE_INIT_IGNORE_MODVERSIONS "
                     "2:MODULE_INIT_IGNORE_VERMAGIC "
                     "4:MODULE_INIT_COMPRESSED_FILE"),
    "kexec": ("1:KEXEC_ON_CRASH 2:KEXEC_PRESERVE_CONTEXT "
              "4:KEXEC_UPDATE_ELFCOREHDR 8:KEXEC_CRASH_HOTPLUG_SUPPORT"),
    "kexec_file": ("1:KEXEC_FILE_UNLOAD 2:KEXEC_FILE_ON_CRASH "
                   "4:KEXEC_FILE_NO_INITRAMFS 8:KEXEC_FILE_DEBUG"),
    "rwf": ("1:RWF_HIPRI 2:RWF_DSYNC 4:RWF_SYNC 8:RWF_NOWAIT 0x10:RWF_APPEND "
            "0x20:RWF_NOAPPEND 0x40:RWF_ATOMIC"),
    "statx_mask": ("1:STATX_TYPE 2:STATX_MODE 4:STATX_NLINK 8:STATX_UID "
                   "0x10:STATX_GID 0x20:STATX_ATIME 0x40:STATX_MTIME "
                   "0x80:STATX_CTIME 0x100:STATX_INO 0x200:STATX_SIZE "
                   "0x400:STATX_BLOCKS 0x800:STATX_BTIME "
                   "0x1000:STATX_MNT_ID 0x2000:STATX_DIOALIGN "
                   "0x4000:STATX_MNT_ID_UNIQUE 0x8000:STATX_SUBVOL "
                   "0x10000:STATX_WRITE_ATOMIC"),
    "pkey": "1:PKEY_DISABLE_ACCESS 2:PKEY_DISABLE_WRITE",
    "seccomp": ("1:SECCOMP_FILTER_FLAG_TSYNC 2:SECCOMP_FILTER_FLAG_LOG "
                "4:SECCOMP_FILTER_FLAG_SPEC_ALLOW "
                "8:SECCOMP_FILTER_FLAG_NEW_LISTENER "
                "0x10:SECCOMP_FILTER_FLAG_TSYNC_ESRCH "
                "0x20:SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"),
    "setns": ("0x80:CLONE_NEWTIME 0x20000:CLONE_NEWNS "
              "0x2000000:CLONE_NEWCGROUP 0x4000000:CLONE_NEWUTS "
              "0x8000000:CLONE_NEWIPC 0x10000000:CLONE_NEWUSER "
              "0x20000000:CLONE_NEWPID 0x40000000:CLONE_NEWNET"),
    "falloc": ("1:FALLOC_FL_KEEP_SIZE 2:FALLOC_FL_PUNCH_HOLE "
               "4:FALLOC_FL_NO_HIDE_STALE 8:FALLOC_FL_COLLAPSE_RANGE "
               "0x10:FALLOC_FL_ZERO_RANGE 0x20:FALLOC_FL_INSERT_RANGE "
               "0x40:FALLOC_FL_UNSHARE_RANGE"),
    "membarrier_flags": "1:MEMBARRIER_CMD_FLAG_CPU",
}

# Value tables for _enum_str (aux_syscalls.stp): "VALUE:NAME ...".
IPC_CMDS = "0:IPC_RMID 1:IPC_SET 2:IPC_STAT 3:IPC_INFO"
ENUM_TABLES = {
    "madvise": ("0:MADV_NORMAL 1:MADV_RANDOM 2:MADV_SEQUENTIAL "
                "3:MADV_WILLNEED 4:MADV_DONTNEED 8:MADV_FREE 9:MADV_REMOVE "
                "10:MADV_DONTFORK 11:MADV_DOFORK 12:MADV_MERGEABLE "
                "13:MADV_UNMERGEABLE 14:MADV_HUGEPAGE 15:MADV_NOHUGEPAGE "
                "16:MADV_DONTDUMP 17:MADV_DODUMP 18:MADV_WIPEONFORK "
                "19:MADV_KEEPONFORK 20:MADV_COLD 21:MADV_PAGEOUT "
                "22:MADV_POPULATE_READ 23:MADV_POPULATE_WRITE "
                "24:MADV_DONTNEED_LOCKED 25:MADV_COLLAPSE "
                "100:MADV_HWPOISON 101:MADV_SOFT_OFFLINE"),
    "fadvise": ("0:POSIX_FADV_NORMAL 1:POSIX_FADV_RANDOM "
                "2:POSIX_FADV_SEQUENTIAL 3:POSIX_FADV_WILLNEED "
                "4:POSIX_FADV_DONTNEED 5:POSIX_FADV_NOREUSE"),
    "shmctl": (IPC_CMDS + " 11:SHM_LOCK 12:SHM_UNLOCK 13:SHM_STAT "
               "14:SHM_INFO 15:SHM_STAT_ANY"),
    "msgctl": IPC_CMDS + " 11:MSG_STAT 12:MSG_INFO 13:MSG_STAT_ANY",
    "semctl": (IPC_CMDS + " 11:GETPID 12:GETVAL 13:GETALL 14:GETNCNT "
               "15:GETZCNT 16:SETVAL 17:SETALL 18:SEM_STAT 19:SEM_INFO "
               "20:SEM_STAT_ANY"),
    "rusage": "0:RUSAGE_SELF -1:RUSAGE_CHILDREN 1:RUSAGE_THREAD",
    "itimer": "0:ITIMER_REAL 1:ITIMER_VIRTUAL 2:ITIMER_PROF",
    "shutdown": "0:SHUT_RD 1:SHUT_WR 2:SHUT_RDWR",
    "prio": "0:PRIO_PROCESS 1:PRIO_PGRP 2:PRIO_USER",
    "arch_prctl": ("0x1001:ARCH_SET_GS 0x1002:ARCH_SET_FS 0x1003:ARCH_GET_FS "
                   "0x1004:ARCH_GET_GS 0x1011:ARCH_GET_CPUID "
                   "0x1012:ARCH_SET_CPUID 0x1021:ARCH_GET_XCOMP_SUPP "
                   "0x1022:ARCH_GET_XCOMP_PERM 0x1023:ARCH_REQ_XCOMP_PERM "
                   "0x1024:ARCH_GET_XCOMP_GUEST_PERM "
                   "0x1025:ARCH_REQ_XCOMP_GUEST_PERM "
                   "0x2001:ARCH_MAP_VDSO_X32 0x2002:ARCH_MAP_VDSO_32 "
                   "0x2003:ARCH_MAP_VDSO_64 0x4001:ARCH_GET_UNTAG_MASK "
                   "0x4002:ARCH_ENABLE_TAGGED_ADDR "
                   "0x4003:ARCH_GET_MAX_TAG_BITS "
                   "0x4004:ARCH_FORCE_TAGGED_SVA 0x5001:ARCH_SHSTK_ENABLE "
                   "0x5002:ARCH_SHSTK_DISABLE 0x5003:ARCH_SHSTK_LOCK "
                   "0x5004:ARCH_SHSTK_UNLOCK 0x5005:ARCH_SHSTK_STATUS"),
    "rlimit": ("0:RLIMIT_CPU 1:RLIMIT_FSIZE 2:RLIMIT_DATA 3:RLIMIT_STACK "
               "4:RLIMIT_CORE 5:RLIMIT_RSS 6:RLIMIT_NPROC 7:RLIMIT_NOFILE "
               "8:RLIMIT_MEMLOCK 9:RLIMIT_AS 10:RLIMIT_LOCKS "
               "11:RLIMIT_SIGPENDING 12:RLIMIT_MSGQUEUE 13:RLIMIT_NICE "
               "14:RLIMIT_RTPRIO 15:RLIMIT_RTTIME"),
    "epoll_op": "1:EPOLL_CTL_ADD 2:EPOLL_CTL_DEL 3:EPOLL_CTL_MOD",
    "idtype": "0:P_ALL 1:P_PID 2:P_PGID 3:P_PIDFD",
    "ioprio_who": ("1:IOPRIO_WHO_PROCESS 2:IOPRIO_WHO_PGRP "
                   "3:IOPRIO_WHO_USER"),
    "kcmp": ("0:KCMP_FILE 1:KCMP_VM 2:KCMP_FILES 3:KCMP_FS 4:KCMP_SIGHAND "
             "5:KCMP_IO 6:KCMP_SYSVSEM 7:KCMP_EPOLL_TFD"),
    "bpf": ("0:BPF_MAP_CREATE 1:BPF_MAP_LOOKUP_ELEM 2:BPF_MAP_UPDATE_ELEM "
            "3:BPF_MAP_DELETE_ELEM 4:BPF_MAP_GET_NEXT_KEY 5:BPF_PROG_LOAD "
            "6:BPF_OBJ_PIN 7:BPF_OBJ_GET 8:BPF_PROG_ATTACH "
            "9:BPF_PROG_DETACH 10:BPF_PROG_TEST_RUN "
            "11:BPF_PROG_GET_NEXT_ID 12:BPF_MAP_GET_NEXT_ID "
            "13:BPF_PROG_GET_FD_BY_ID 14:BPF_MAP_GET_FD_BY_ID "
            "15:BPF_OBJ_GET_INFO_BY_FD 16:BPF_PROG_QUERY "
            "17:BPF_RAW_TRACEPOINT_OPEN 18:BPF_BTF_LOAD "
            "19:BPF_BTF_GET_FD_BY_ID 20:BPF_TASK_FD_QUERY "
            "21:BPF_MAP_LOOKUP_AND_DELETE_ELEM 22:BPF_MAP_FREEZE "
            "23:BPF_BTF_GET_NEXT_ID 24:BPF_MAP_LOOKUP_BATCH "
            "25:BPF_MAP_LOOKUP_AND_DELETE_BATCH 26:BPF_MAP_UPDATE_BATCH "
            "27:BPF_MAP_DELETE_BATCH 28:BPF_LINK_CREATE 29:BPF_LINK_UPDATE "
            "30:BPF_LINK_GET_FD_BY_ID 31:BPF_LINK_GET_NEXT_ID "
            "32:BPF_ENABLE_STATS 33:BPF_ITER_CREATE 34:BPF_LINK_DETACH "
            "35:BPF_PROG_BIND_MAP 36:BPF_TOKEN_CREATE"),
    "membarrier": ("0:MEMBARRIER_CMD_QUERY 1:MEMBARRIER_CMD_GLOBAL "
                   "2:MEMBARRIER_CMD_GLOBAL_EXPEDITED "
                   "4:MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED "
                   "8:MEMBARRIER_CMD_PRIVATE_EXPEDITED "
                   "16:MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED "
                   "32:MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE "
                   "64:MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE "
                   "128:MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ "
                   "256:MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ "
                   "512:MEMBARRIER_CMD_GET_REGISTRATIONS"),
    "seccomp_op": ("0:SECCOMP_SET_MODE_STRICT 1:SECCOMP_SET_MODE_FILTER "
                   "2:SECCOMP_GET_ACTION_AVAIL 3:SECCOMP_GET_NOTIF_SIZES"),
    "reboot_magic": "0xfee1dead:LINUX_REBOOT_MAGIC1",
    "reboot_magic2": ("672274793:LINUX_REBOOT_MAGIC2 "
                      "85072278:LINUX_REBOOT_MAGIC2A "
                      "369367448:LINUX_REBOOT_MAGIC2B "
                      "537993216:LINUX_REBOOT_MAGIC2C"),
    "reboot_cmd": ("0x01234567:LINUX_REBOOT_CMD_RESTART "
                   "0xCDEF0123:LINUX_REBOOT_CMD_HALT "
                   "0x89ABCDEF:LINUX_REBOOT_CMD_CAD_ON "
                   "0:LINUX_REBOOT_CMD_CAD_OFF "
                   "0x4321FEDC:LINUX_REBOOT_CMD_POWER_OFF "
                   "0xA1B2C3D4:LINUX_REBOOT_CMD_RESTART2 "
                   "0xD000FCE2:LINUX_REBOOT_CMD_SW_SUSPEND "
                   "0x45584543:LINUX_REBOOT_CMD_KEXEC"),
    "ipc_key": "0:IPC_PRIVATE",
}
STRING_MAX = 511  # bytes of a string value, MAXSTRINGLEN - 1
assert all(len(t) <= STRING_MAX for t in BIT_TABLES.values())
IPC_GET_FLAGS = "01000:IPC_CREAT 02000:IPC_EXCL"

BIT_TABLES.update({
    "shmat": "010000:SHM_RDONLY 020000:SHM_RND 040000:SHM_REMAP 0100000:SHM_EXEC",
    "msgflg": ("04000:IPC_NOWAIT 010000:MSG_NOERROR 020000:MSG_EXCEPT "
               "040000:MSG_COPY"),
})


def timespecs(n):
    return f"_struct_timespec_u({{}}, {n})"


def timevals(n):
    return f"_struct_timeval_u({{}}, {n})"


# (argument name, aliases it applies to or None for all) -> (variable
# suffix, or a whole name when it does not start with one "_"; decoder: a
# function in aux_syscalls.stp or aux_syscall_structs.stp, an expression
# with {} for the argument, "bits:TABLE" for _bits_str, "enum:TABLE" for
# _enum_str, or "ipc:TABLE" for _ipc_flags_str). An argument may have
# several; argstr shows the first.
AT_FLAG_CALLS = {"fstatat", "faccessat2", "fchownat", "linkat", "unlinkat",
                 "utimensat", "name_to_handle_at", "statx", "execveat",
                 "open_tree", "fchmodat2"}
SOCKOPT = {"setsockopt", "getsockopt"}
DECODERS = [
    ("flags", {"open", "openat", "open_by_handle_at"}, "_str",
     "_sys_open_flag_str"),
    ("argv_uaddr", {"execve", "execveat"}, "args", "_sys_argv_str"),
    ("envp_uaddr", {"execve", "execveat"}, "env_str", "_sys_argv_str"),
    ("oflag", {"mq_open"}, "_str", "_sys_open_flag_str"),
    ("dfd", None, "_str", "_dfd_str"),
    ("dirfd", None, "_str", "_dfd_str"),
    ("olddirfd", None, "_str", "_dfd_str"),
    ("newdirfd", None, "_str", "_dfd_str"),
    ("olddfd", None, "_str", "_dfd_str"),
    ("newdfd", None, "_str", "_dfd_str"),
    ("mount_dfd", None, "_str", "_dfd_str"),
    ("whence", {"lseek"}, "_str", "_seek_whence_str"),
    ("prot", None, "_str", "_mprotect_prot_str"),
    ("flags", {"mmap2", "remap_file_pages"}, "_str", "_mmap_flags_str"),
    ("sig", {"kill", "tkill", "tgkill", "rt_sigqueueinfo"}, "_name",
     "signal_str"),
    ("sig", {"tkill", "tgkill", "rt_tgsigqueueinfo", "pidfd_send_signal",
             "rt_sigaction"}, "_str", "signal_str"),
    ("mode", {"access", "faccessat", "faccessat2"}, "_str", "_access_mode_str"),
    ("family", None, "_str", "_sock_family_str"),
    ("type", {"socket", "socketpair"}, "_str", "_sock_type_str"),
    ("protocol", {"socket", "socketpair"}, "_str", "_sock_protocol_str"),
    ("options", {"wait4", "waitid"}, "_str", "_wait4_opt_str"),
    ("clk_id", None, "_str", "_clockid_str"),
    ("which_clock", None, "_str", "_clockid_str"),
    ("clockid", None, "_str", "_clockid_str"),
    ("flags", AT_FLAG_CALLS, "_str", "_at_flag_str"),
    ("cmd", {"fcntl"}, "_str", "_fcntl_cmd_str"),
    ("how", {"rt_sigprocmask"}, "_str", "_sigprocmask_how_str"),
    ("flags", {"dup3", "timerfd_create", "userfaultfd", "inotify_init1",
               "epoll_create1", "signalfd4", "memfd_secret"}, "_str",
     "bits:fd"),
    ("flags", {"pipe2"}, "flag_str", "bits:fd"),
    ("flags", {"accept4"}, "_str", "bits:sock"),
    ("flags", {"sendto", "recvfrom", "sendmsg", "recvmsg", "recvmmsg",
               "sendmmsg"}, "_str", "bits:msg"),
    ("flags", {"renameat2"}, "_str", "bits:rename"),
    ("flags", {"msync"}, "_str", "bits:msync"),
    ("flags", {"mlockall"}, "_str", "bits:mlockall"),
    ("flags", {"mlock2"}, "_str", "bits:mlock2"),
    ("flags", {"umount"}, "_str", "bits:umount"),
    ("flags", {"getrandom"}, "_str", "bits:getrandom"),
    ("flags", {"memfd_create"}, "_str", "bits:memfd"),
    ("flags", {"setxattr", "lsetxattr", "fsetxattr"}, "_str", "bits:xattr"),
    ("flags", {"clock_nanosleep"}, "_str", "bits:abstime"),
    ("flags", {"timerfd_settime"}, "_str", "bits:timerfd_set"),
    ("flags", {"mremap"}, "_str", "bits:mremap"),
    ("flags", {"eventfd2"}, "_str", "bits:eventfd"),
    ("flag", {"unlinkat"}, "_str", "_at_flag_str"),
    ("mode", {"mknod", "mknodat"}, "_str", "_mknod_mode_str"),
    ("buf_uaddr", {"write", "pwrite"}, "buf_str",
     "_user_buffer_quoted({}, count)"),
    ("buf_uaddr", {"sendto"}, "buf", "_user_buffer_quoted({}, len)"),
    ("to_uaddr", {"sendto"}, "to_str", "_struct_sockaddr_u({}, tolen)"),
    ("serv_addr_uaddr", {"connect"}, "__sockaddr_str",
     "_struct_sockaddr_u({}, addrlen)"),
    ("my_addr_uaddr", {"bind"}, "__sockaddr_str",
     "_struct_sockaddr_u({}, addrlen)"),
    ("value_uaddr", {"setxattr", "lsetxattr", "fsetxattr"}, "value_str",
     "_user_buffer_quoted({}, size)"),
    ("act_uaddr", {"rt_sigaction"}, "act_str", "_struct_sigaction_u"),
    ("set_uaddr", {"rt_sigprocmask", "rt_sigsuspend"}, "set_str",
     "_sigset_u"),
    ("uthese_uaddr", {"rt_sigtimedwait"}, "uthese_str", "_sigset_u"),
    ("uinfo_uaddr", {"rt_sigtimedwait", "rt_tgsigqueueinfo"}, "uinfo_str",
     "_siginfo_u"),
    ("uinfo_uaddr", {"rt_sigqueueinfo"}, "siginfo_str", "_siginfo_u"),
    ("uts_uaddr", {"rt_sigtimedwait"}, "uts_str", timespecs(1)),
    ("uss_uaddr", {"sigaltstack"}, "uss_str", "_stack_t_u"),
    ("advice", {"madvise"}, "_str", "enum:madvise"),
    ("advice", {"fadvise64"}, "_str", "enum:fadvise"),
    ("shmflg", {"shmget"}, "_str",
     "ipc:" + IPC_GET_FLAGS + " 04000:SHM_HUGETLB 010000:SHM_NORESERVE"),
    ("shmflg", {"shmat"}, "_str", "bits:shmat"),
    ("semflg", {"semget"}, "_str", "ipc:" + IPC_GET_FLAGS),
    ("msgflg", {"msgget"}, "_str", "ipc:" + IPC_GET_FLAGS),
    ("msgflg", {"msgsnd", "msgrcv"}, "_str", "bits:msgflg"),
    ("key", {"semget", "msgget"}, "_str", "enum:ipc_key"),
    ("cmd", {"shmctl"}, "_str", "enum:shmctl"),
    ("cmd", {"msgctl"}, "_str", "enum:msgctl"),
    ("cmd", {"semctl"}, "cmdstr", "enum:semctl"),
    ("how", {"shutdown"}, "_str", "enum:shutdown"),
    ("which", {"setitimer", "getitimer"}, "_str", "enum:itimer"),
    ("value_uaddr", {"setitimer"}, "value_str", timevals(2)),
    ("level", SOCKOPT, "_str", "_sockopt_level_str"),
    ("optname", SOCKOPT, "_str", "_sockopt_optname_str(level, {})"),
    ("who", {"getrusage"}, "_str", "enum:rusage"),
    ("info_uaddr", {"sysinfo"}, "info_str", "_struct_sysinfo_u"),
    ("buf_uaddr", {"times"}, "buf_str", "_struct_tms_u"),
    ("which", {"setpriority", "getpriority"}, "_str", "enum:prio"),
    ("policy", {"sched_setscheduler", "sched_get_priority_max",
                "sched_get_priority_min"}, "_str", "_sched_policy_str"),
    ("code", {"arch_prctl"}, "_str", "enum:arch_prctl"),
    ("buf_uaddr", {"adjtimex"}, "buf_str", "_struct_timex_u"),
    ("tx_uaddr", {"clock_adjtime"}, "tx_uaddr_str", "_struct_timex_u"),
    ("resource", {"setrlimit", "getrlimit", "prlimit64"}, "_str",
     "enum:rlimit"),
    ("rlim_uaddr", {"setrlimit"}, "rlim_str", "_struct_rlimit_u"),
    ("new_rlim_uaddr", {"prlimit64"}, "new_rlim_str", "_struct_rlimit_u"),
    ("tv_uaddr", {"settimeofday"}, "tv_str", timevals(1)),
    ("tz_uaddr", {"settimeofday"}, "tz_str", "_struct_timezone_u"),
    ("mountflags", {"mount"}, "_str", "bits:mount"),
    ("swapflags", {"swapon"}, "_str", "bits:swap"),
    ("magic", {"reboot"}, "_str", "enum:reboot_magic"),
    ("magic2", {"reboot"}, "_str", "enum:reboot_magic2"),
    ("flag", {"reboot"}, "_str", "enum:reboot_cmd"),
    ("flags", {"delete_module"}, "_str", "bits:delete_module"),
    ("cmd", {"quotactl"}, "_str", "_quotactl_cmd_str"),
    ("timeout_uaddr", {"io_getevents"}, "timestr", timespecs(1)),
    ("timeout_uaddr", {"semtimedop", "recvmmsg", "pselect6"}, "timeout_str",
     timespecs(1)),
    ("timeout_uaddr", {"select"}, "timeout_str", timevals(1)),
    ("value_uaddr", {"timer_settime", "timerfd_settime"}, "value_str",
     timespecs(2)),
    ("tp_uaddr", {"clock_settime"}, "tp_uaddr_str", timespecs(1)),
    ("req_uaddr", {"nanosleep", "clock_nanosleep"}, "req_str", timespecs(1)),
    ("tsp_uaddr", {"ppoll"}, "tsp_str", timespecs(1)),
    ("tsp_uaddr", {"utimensat"}, "tsp_str", timespecs(2)),
    ("tvp_uaddr", {"utimes"}, "tvp_uaddr_str", timevals(2)),
    ("tvp_uaddr", {"futimesat"}, "tvp_str", timevals(2)),
    ("op", {"epoll_ctl"}, "_str", "enum:epoll_op"),
    ("mode", {"mbind", "set_mempolicy"}, "_str", "_mempolicy_mode_str"),
    ("flags", {"mbind", "move_pages"}, "_str", "bits:mpol_mf"),
    ("flags", {"get_mempolicy"}, "_str", "bits:mpol_f"),
    ("flags", {"kexec_load"}, "_str", "bits:kexec"),
    ("flags", {"kexec_file_load"}, "_str", "bits:kexec_file"),
    ("which", {"waitid"}, "_str", "enum:idtype"),
    ("which", {"ioprio_set", "ioprio_get"}, "_str", "enum:ioprio_who"),
    ("ioprio", {"ioprio_set"}, "_str", "_ioprio_str"),
    ("mask", {"inotify_add_watch"}, "_str", "bits:inotify"),
    ("unshare_flags", {"unshare"}, "_str", "_clone_flags_str"),
    ("flags", {"splice", "vmsplice", "tee"}, "_str", "bits:splice"),
    ("flags", {"sync_file_range"}, "_str", "bits:sync_file_range"),
    ("mode", {"fallocate"}, "_str", "bits:falloc"),
    ("flags", {"perf_event_open"}, "_str", "bits:perf"),
    ("flags", {"fanotify_init"}, "_str", "bits:fan_init"),
    ("event_f_flags", {"fanotify_init"}, "_str", "_sys_open_flag_str"),
    ("flags", {"fanotify_mark"}, "_str", "bits:fan_mark"),
    ("mask", {"fanotify_mark"}, "_str", "bits:fan_mask"),
    ("nstype", {"setns"}, "_str", "bits:setns"),
    ("type", {"kcmp"}, "_str", "enum:kcmp"),
    ("flags", {"finit_module"}, "_str", "bits:finit_module"),
    ("sched_attr_uaddr", {"sched_setattr", "sched_getattr"},
     "sched_attr_str", "_struct_sched_attr_u"),
    ("op", {"seccomp"}, "_str", "enum:seccomp_op"),
    ("flags", {"seccomp"}, "_str", "bits:seccomp"),
    ("cmd", {"bpf"}, "_str", "enum:bpf"),
    ("cmd", {"membarrier"}, "_str", "enum:membarrier"),
    ("flags", {"preadv2", "pwritev2"}, "_str", "bits:rwf"),
    ("init_val", {"pkey_alloc"}, "_str", "bits:pkey"),
    ("mask", {"statx"}, "_str", "bits:statx_mask"),
]

# A char pointer that is a string although its C type says void.
STRING_ARGS = {("mount", "data")}
# The string variables of a NAME_uaddr argument are BASE_str and
# BASE_str_unquoted where the man page documents BASE_str; BASE is NAME
# without _uaddr unless named here.
STRING_BASES = {("sethostname", "hostname_uaddr"): "name"}


def sockaddr_vars(arg):
    return [("uaddr_af", f"_sockaddr_family_u({arg})"),
            ("uaddr_ip", f"_sockaddr_ip_u({arg})"),
            ("uaddr_ip_port", f"_sockaddr_field_u({arg}, 0)"),
            ("uaddr_ipv6_flowinfo", f"_sockaddr_field_u({arg}, 1)"),
            ("uaddr_ipv6_scope_id", f"_sockaddr_field_u({arg}, 2)")]


# Variables no single argument gives, by alias: (name, expression over
# the argument variables). Calls that are another's special case (dup2 of
# dup3, pipe of pipe2, ...) carry that one's variables with its defaults;
# a structure the call takes by pointer gives its fields.
EXTRAS = {
    "connect": sockaddr_vars("serv_addr_uaddr"),
    "bind": sockaddr_vars("my_addr_uaddr"),
    "pipe": [("flags", "0"), ("flag_str", '"0"'),
             ("pipe0", "_user_int32_or0(fildes_uaddr)"),
             ("pipe1", "_user_int32_or0(fildes_uaddr + 4)")],
    "pipe2": [("pipe0", "_user_int32_or0(fildes_uaddr)"),
              ("pipe1", "_user_int32_or0(fildes_uaddr + 4)")],
    "dup2": [("flags", "0"), ("flags_str", '"0"')],
    "eventfd": [("flags", "0"), ("flags_str", '"0"')],
    "epoll_create": [("flags", "0")],
    "epoll_create1": [("size", "0")],
    "inotify_init": [("flags", "0")],
    "signalfd": [("flags", "0")],
    "utime": [("actime", "_user_int64_or0(buf_uaddr)"),
              ("modtime", "_user_int64_or0(buf_uaddr ? buf_uaddr + 8 : 0)")],
    "mkdirat": [("pahtname_unquoted", "pathname_unquoted")],
    "mq_open": [("name_uaddr", "filename_uaddr")],
    "pselect6": [("readfds", "readfds_uaddr"), ("writefds", "writefds_uaddr"),
                 ("exceptfds", "exceptfds_uaddr"),
                 ("timeout", "timeout_uaddr"), ("sigmask", "sigmask_uaddr")],
    "ppoll": [("tsp", "tsp_uaddr"), ("sigmask", "sigmask_uaddr")],
    "openat2": [("flags", "_user_int64_or0(how_uaddr)"),
                ("flags_str", "_sys_open_flag_str(flags)"),
                ("mode", "_user_int64_or0(how_uaddr ? how_uaddr + 8 : 0)")],
    "clone3": [("clone_flags", "_user_int64_or0(uargs_uaddr)"),
               ("child_tid_uaddr",
                "_user_int64_or0(uargs_uaddr ? uargs_uaddr + 16 : 0)"),
               ("parent_tid_uaddr",
                "_user_int64_or0(uargs_uaddr ? uargs_uaddr + 24 : 0)"),
               ("stack_start",
                "_user_int64_or0(uargs_uaddr ? uargs_uaddr + 40 : 0)")],
}

# Names the man page lists that are no variables (its generator took
# them from a C prototype): not counted as missing.
NOT_VARIABLES = {"$id", "$regs", "int", "pt_regs*"}


def table_parts(table):
    """The table in at most two strings that fit a string value (511
    bytes), split between entries."""
    if len(table) <= STRING_MAX:
        return [table]
    cut = table.rindex(" ", 0, STRING_MAX)
    assert len(table) - cut - 1 <= STRING_MAX, table
    return [table[:cut], table[cut + 1:]]


class Arg:
    def __init__(self, text, index, alias, documented):
        ctype, _, name = text.strip().rpartition(" ")
        self.ctype, self.name, self.alias = ctype.strip(), name, alias
        self.documented = documented
        self.reg = f'@cast(__sys_regs, "pt_regs", "kernel")->{REGS[index]}'

    def is_char_pointer(self):
        return (self.ctype.replace("const ", "").replace(" ", "") ==
                "char__user*" or (self.alias, self.name) in STRING_ARGS)

    def is_string(self):
        return self.is_char_pointer() and not self.name.endswith("_uaddr")

    def string_base(self):
        """BASE when the string's text is in BASE_str (the man page's
        convention for some calls; the argument's own name is then its
        address), else None."""
        if not self.is_char_pointer():
            return None
        base = STRING_BASES.get((self.alias, self.name),
                                self.name.removesuffix("_uaddr"))
        return base if base + "_str" in self.documented else None

    def is_pointer(self):
        return "*" in self.ctype or self.ctype.startswith("cap_user_")

    def value(self):
        """The argument as a number, at its C type's width and sign."""
        if self.is_pointer():
            return self.reg
        if self.ctype in SIGNED32:
            return f"_sys_int32({self.reg})"
        if self.ctype in UNSIGNED32:
            return f"_sys_uint32({self.reg})"
        if self.ctype in UNSIGNED16:
            return f"_sys_uint16({self.reg})"
        return self.reg

    def decoders(self):
        """(variable name, its value) of the argument's text forms."""
        found = []
        for name, calls, suffix, func in DECODERS:
            if name != self.name or (calls is not None and
                                     self.alias not in calls):
                continue
            own = suffix.startswith("_") and not suffix.startswith("__")
            var = self.name + suffix if own else suffix
            kind, _, table = func.partition(":")
            if kind == "bits":
                found.append((var, f'_bits_str({self.name}, '
                                   f'"{BIT_TABLES[table]}")'))
            elif kind == "enum":
                parts = '", "'.join(table_parts(ENUM_TABLES[table]))
                found.append((var, f'_enum_str({self.name}, "{parts}")'))
            elif kind == "ipc":
                found.append((var, f'_ipc_flags_str({self.name}, "{table}")'))
            elif "(" in func:
                found.append((var, func.format(self.name)))
            else:
                found.append((var, f"{func}({self.name})"))
        return found

    def variables(self):
        """[(name, value)] of the argument, and the name argstr shows."""
        v = self.value()
        base = self.string_base()
        if base:
            return ([(self.name, v), (base + "_str", f"user_string_quoted({v})"),
                     (base + "_str_unquoted", f'user_string({v}, "<unknown>")')],
                    base + "_str")
        if self.is_string():
            return ([(self.name + "_uaddr", v),
                     (self.name, f"user_string_quoted({v})"),
                     (self.name + "_unquoted", f'user_string({v}, "<unknown>")')],
                    self.name)
        return [(self.name, v)], None

    def argstr_format(self):
        if self.is_pointer() or self.name.endswith("_uaddr"):
            return "%p"
        if self.name.endswith("mode"):
            return "%#o"
        if self.ctype in UNSIGNED32 or self.ctype.startswith("unsigned") \
                or self.ctype == "size_t":
            return "%u"
        return "%d"


class Call:
    def __init__(self, line):
        head, args, documented = line.split("|")
        self.alias, self.kernel_name, self.kernels = head.split()
        self.documented = documented.split()
        self.args = [Arg(a, i, self.alias, self.documented)
                     for i, a in enumerate(args.split(",")) if a.strip()]

    def point(self, suffix):
        return f'kernel.function("__x64_sys_{self.kernel_name}").{suffix}'

    def guarded(self, text):
        """text, for only the kernels that have the call."""
        if self.kernels == "all":
            return text
        op = self.kernels.rstrip("0123456789.")
        return f'%( kernel_v {op} "{self.kernels[len(op):]}" %?\n{text}%)\n'

    def variables(self):
        """[(name, value)] of the entry probe in assignment order (the
        arguments first: a decoder may read another argument), and the
        argstr format and its values."""
        raw, decoded, fmt, values = [], [], [], []
        for a in self.args:
            own, shown = a.variables()
            raw += own
            decs = a.decoders()
            decoded += decs
            if shown:
                fmt.append("%s")
                values.append(shown)
            elif decs:
                fmt.append("%s")
                values.append(decs[0][0])
            else:
                fmt.append(a.argstr_format())
                values.append(a.name)
        return raw + decoded + EXTRAS.get(self.alias, []), fmt, values

    def entry_body(self):
        variables, fmt, values = self.variables()
        lines = [f'\tname = "{self.alias}"']
        if self.args:
            lines.append("\t__sys_regs = pointer_arg(1)")
        lines += [f"\t{name} = {value}" for name, value in variables]
        if values:
            lines.append(f'\targstr = sprintf("{", ".join(fmt)}", '
                         f'{", ".join(values)})')
        else:
            lines.append('\targstr = ""')
        return "\n".join(lines)

    def defined(self):
        return {"name", "argstr"} | {n for n, _ in self.variables()[0]}

    def missing(self):
        return set(self.documented) - self.defined() - NOT_VARIABLES

    def render(self):
        ret_kind = 2 if self.alias in ("mmap2", "brk", "mremap", "shmat") else 1
        desc = ", ".join(a.name for a in self.args) or "no arguments"
        return self.guarded(
            f"/**\n * probe syscall.{self.alias} - The {self.kernel_name}"
            f" system call ({desc})\n */\n"
            f"probe syscall.{self.alias} = {self.point('call')}\n"
            f"{{\n{self.entry_body()}\n}}\n"
            f"probe syscall.{self.alias}.return = {self.point('return')}\n"
            f'{{\n\tname = "{self.alias}"\n\tretval = returnval()\n'
            f"\tretstr = return_str({ret_kind}, retval)\n}}\n"
            f"probe nd_syscall.{self.alias} = syscall.{self.alias} {{ }}\n"
            f"probe nd_syscall.{self.alias}.return = "
            f"syscall.{self.alias}.return {{ }}\n")


def main():
    calls = [Call(line) for line in
             (HERE / "syscalls.table").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    text = ("// Generated by gen_syscalls.py from syscalls.table: edit those.\n"
            "// syscall.NAME and nd_syscall.NAME for every x86-64 system call\n"
            "// (see tapset::syscalls(3stap)); arguments from the user's\n"
            "// registers in the struct pt_regs of the __x64_sys_ wrapper.\n\n"
            + "\n".join(c.render() for c in calls))
    out = HERE / "syscalls.stp"
    if "--check" in sys.argv:
        missing = sum(len(c.missing()) for c in calls)
        print(f"{len(calls)} calls; {missing} documented variables not defined")
        if out.read_text() != text:
            print(f"{out} is stale: run {sys.argv[0]}")
            return 1
        return 0
    out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
