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
  a name with a decoder (DECODERS) also NAME_str (or the decoder's name).
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
}

# (argument name, aliases it applies to or None for all) -> (variable
# suffix, or a whole name when it does not start with "_"; decoder: a
# function in aux_syscalls.stp, or "bits:TABLE" for _bits_str).
AT_FLAG_CALLS = {"fstatat", "faccessat2", "fchownat", "linkat", "unlinkat",
                 "utimensat", "name_to_handle_at", "statx", "execveat",
                 "open_tree", "fchmodat2"}
DECODERS = [
    ("flags", {"open", "openat"}, "_str", "_sys_open_flag_str"),
    ("argv_uaddr", {"execve", "execveat"}, "args", "_sys_argv_str"),
    ("envp_uaddr", {"execve", "execveat"}, "env_str", "_sys_argv_str"),
    ("oflag", {"mq_open"}, "_str", "_sys_open_flag_str"),
    ("dfd", None, "_str", "_dfd_str"),
    ("dirfd", None, "_str", "_dfd_str"),
    ("olddirfd", None, "_str", "_dfd_str"),
    ("newdirfd", None, "_str", "_dfd_str"),
    ("whence", {"lseek"}, "_str", "_seek_whence_str"),
    ("prot", None, "_str", "_mprotect_prot_str"),
    ("flags", {"mmap2"}, "_str", "_mmap_flags_str"),
    ("sig", {"kill", "tkill", "tgkill"}, "_name", "signal_str"),
    ("sig", {"rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_send_signal",
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
               "epoll_create1", "signalfd4"}, "_str", "bits:fd"),
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
]


class Arg:
    def __init__(self, text, index):
        ctype, _, name = text.strip().rpartition(" ")
        self.ctype, self.name = ctype.strip(), name
        self.reg = f'@cast(__sys_regs, "pt_regs", "kernel")->{REGS[index]}'

    def is_string(self):
        return (self.ctype.replace("const ", "").replace(" ", "") ==
                "char__user*" and not self.name.endswith("_uaddr"))

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

    def decoder(self, alias):
        """(variable name, its value) of the argument's text form, or None."""
        for name, calls, suffix, func in DECODERS:
            if name == self.name and (calls is None or alias in calls):
                var = self.name + suffix if suffix.startswith("_") else suffix
                if func.startswith("bits:"):
                    table = BIT_TABLES[func[5:]]
                    return var, f'_bits_str({self.name}, "{table}")'
                return var, f"{func}({self.name})"
        return None


class Call:
    def __init__(self, line):
        head, args, documented = line.split("|")
        self.alias, self.kernel_name, self.kernels = head.split()
        self.args = [Arg(a, i) for i, a in enumerate(args.split(","))
                     if a.strip()]
        self.documented = documented.split()

    def point(self, suffix):
        return f'kernel.function("__x64_sys_{self.kernel_name}").{suffix}'

    def guarded(self, text):
        """text, for only the kernels that have the call."""
        if self.kernels == "all":
            return text
        op = self.kernels.rstrip("0123456789.")
        return f'%( kernel_v {op} "{self.kernels[len(op):]}" %?\n{text}%)\n'

    def entry_body(self):
        lines, fmt, values = [f'\tname = "{self.alias}"'], [], []
        if self.args:
            lines.append("\t__sys_regs = pointer_arg(1)")
        for a in self.args:
            v = a.value()
            if a.is_string():
                lines += [f"\t{a.name}_uaddr = {v}",
                          f"\t{a.name} = user_string_quoted({v})",
                          f'\t{a.name}_unquoted = user_string({v}, "<unknown>")']
                fmt.append("%s")
                values.append(a.name)
                continue
            lines.append(f"\t{a.name} = {v}")
            dec = a.decoder(self.alias)
            if dec:
                var, value = dec
                lines.append(f"\t{var} = {value}")
                fmt.append("%s")
                values.append(var)
            elif a.is_pointer() or a.name.endswith("_uaddr"):
                fmt.append("%p")
                values.append(a.name)
            elif a.name.endswith("mode"):
                fmt.append("%#o")
                values.append(a.name)
            elif a.ctype in UNSIGNED32 or a.ctype.startswith("unsigned") \
                    or a.ctype == "size_t":
                fmt.append("%u")
                values.append(a.name)
            else:
                fmt.append("%d")
                values.append(a.name)
        if values:
            lines.append(f'\targstr = sprintf("{", ".join(fmt)}", '
                         f'{", ".join(values)})')
        else:
            lines.append('\targstr = ""')
        return "\n".join(lines)

    def defined(self):
        names = {"name", "argstr"}
        for a in self.args:
            names.add(a.name)
            if a.is_string():
                names |= {a.name + "_uaddr", a.name + "_unquoted"}
            dec = a.decoder(self.alias)
            if dec:
                names.add(dec[0])
        return names

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
        missing = sum(len(set(c.documented) - c.defined()) for c in calls)
        print(f"{len(calls)} calls; {missing} documented variables not defined")
        if out.read_text() != text:
            print(f"{out} is stale: run {sys.argv[0]}")
            return 1
        return 0
    out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
