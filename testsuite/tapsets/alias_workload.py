#!/usr/bin/env python3
"""What documented_aliases_run.py runs in the guest while a module of all
the documented aliases is armed: a little of everything the kernel
families see (file I/O, fork/exec, signals, loopback TCP and UDP, page
faults, a pty, a loop device, a POSIX timer, ptrace), so that each family it asserts has hits. Prints nothing;
exits 0 when every step did what it should.
"""
import ctypes
import fcntl
import mmap
import os
import pty
import select
import signal
import socket
import struct
import subprocess
import tempfile
import termios
import threading

LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p,
                        ctypes.c_void_p]
SYS_TKILL = 200  # x86_64
PTRACE_PEEKUSER, PTRACE_ATTACH, PTRACE_DETACH = 3, 16, 17


def file_io():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "data")
        with open(path, "wb") as f:
            f.write(b"x" * 65536)
            f.flush()
            os.fsync(f.fileno())
        with open(path, "rb") as f:
            assert len(f.read()) == 65536
        os.rename(path, path + ".old")
        os.unlink(path + ".old")


def fork_exec():
    for _ in range(3):
        assert subprocess.run(["/bin/true"]).returncode == 0
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 7


def signals():
    got = []
    signal.signal(signal.SIGUSR1, lambda *_: got.append(1))
    os.kill(os.getpid(), signal.SIGUSR1)
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
    os.kill(os.getpid(), signal.SIGUSR2)
    assert signal.sigpending() == {signal.SIGUSR2}
    signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR2])
    child = subprocess.Popen(["/bin/sleep", "30"])
    child.kill()
    assert child.wait() == -signal.SIGKILL and got == [1]
    # To one thread: tgkill, then the old tkill.
    signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
    assert LIBC.syscall(SYS_TKILL, threading.get_native_id(),
                        signal.SIGUSR1) == 0
    assert got == [1, 1, 1]


def tcp_loopback():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname())
    peer = server.accept()[0]
    client.sendall(b"y" * 4000)
    got = b""
    while len(got) < 4000:
        got += peer.recv(4096)
    peer.sendall(b"ok")
    assert client.recv(2) == b"ok"
    address = server.getsockname()
    for s in (client, peer, server):
        s.close()
    # A port nobody listens on any more: the kernel answers with a reset.
    assert socket.socket().connect_ex(address) != 0


def posix_timer():
    """A POSIX timer's expiry: its signal is queued by send_sigqueue."""
    class SigEvent(ctypes.Structure):
        _fields_ = [("value", ctypes.c_void_p), ("signo", ctypes.c_int),
                    ("notify", ctypes.c_int), ("pad", ctypes.c_byte * 48)]
    got = []
    signal.signal(signal.SIGUSR2, lambda *_: got.append(1))
    sev = SigEvent(None, signal.SIGUSR2, 0)  # SIGEV_SIGNAL
    timer = ctypes.c_void_p()
    assert LIBC.timer_create(1, ctypes.byref(sev), ctypes.byref(timer)) == 0
    spec = (ctypes.c_long * 4)(0, 0, 0, 1000000)  # once, in 1 ms
    assert LIBC.timer_settime(timer, 0, spec, None) == 0
    select.select([], [], [], 0.5)
    LIBC.timer_delete(timer)
    assert got


def ptrace_child():
    """A tracer attaches to a child and reads its registers: the kernel
    waits for the stopped child to be off its CPU (sched_wait_task)."""
    pid = os.fork()
    if pid == 0:
        select.select([], [], [], 30)
        os._exit(0)
    assert LIBC.ptrace(PTRACE_ATTACH, pid, None, None) == 0
    os.waitpid(pid, 0)
    LIBC.ptrace(PTRACE_PEEKUSER, pid, None, None)
    assert LIBC.ptrace(PTRACE_DETACH, pid, None, None) == 0
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def socket_calls():
    """readv, writev and options on a connected pair; fragments: lo's MTU
    lowered so a big datagram is split and reassembled."""
    a, b = socket.socketpair()
    os.writev(a.fileno(), [b"ab", b"cd"])
    buf = bytearray(4)
    assert os.readv(b.fileno(), [buf]) == 4
    a.close()
    b.close()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname())
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    peer = server.accept()[0]
    os.writev(client.fileno(), [b"x" * 10, b"y" * 10])
    got = b""
    while len(got) < 20:
        got += os.read(peer.fileno(), 100)
    # Data the peer does not answer: its ACK waits for the delayed-ACK
    # timer.
    client.sendall(b"z")
    select.select([], [], [], 0.3)
    # An abortive close (linger 0) resets the established connection.
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                      struct.pack("ii", 1, 0))
    for s in (client, peer, server):
        s.close()
    # A backlog of one: the next connections overflow the accept queue.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    waiting = [socket.socket() for _ in range(4)]
    for c in waiting:
        c.setblocking(False)
        c.connect_ex(server.getsockname())
    select.select([], [], [], 0.3)
    for c in waiting + [server]:
        c.close()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.connect(("127.0.0.1", 9))
    # connect(AF_UNSPEC) dissolves the association: udp_disconnect.
    unspec = bytes(16)
    assert LIBC.connect(udp.fileno(), unspec, len(unspec)) == 0
    udp.close()
    subprocess.run(["ip", "link", "set", "lo", "mtu", "1500"], check=True)
    try:
        rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rx.bind(("127.0.0.1", 0))
        tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        tx.sendto(b"f" * 4000, rx.getsockname())
        assert len(rx.recv(8000)) == 4000
        rx.close()
        tx.close()
    finally:
        subprocess.run(["ip", "link", "set", "lo", "mtu", "65536"],
                       check=True)


def netdev_config():
    """A dummy device registered, renamed in MAC and MTU, brought up,
    made promiscuous, asked its index by ioctl, and unregistered."""
    ip = lambda *args: subprocess.run(["ip"] + list(args), check=True)
    ip("link", "add", "stapdummy0", "type", "dummy")
    try:
        ip("link", "set", "stapdummy0", "address", "02:00:00:00:00:01")
        ip("link", "set", "stapdummy0", "mtu", "1400")
        ip("link", "set", "stapdummy0", "up")
        ip("link", "set", "stapdummy0", "promisc", "on")
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        ifreq = struct.pack("16si12x", b"stapdummy0", 0)
        index = struct.unpack("16si12x", fcntl.ioctl(s, 0x8933, ifreq))[1]
        assert index > 0
        s.close()
        ip("link", "set", "stapdummy0", "promisc", "off")
        ip("link", "set", "stapdummy0", "down")
    finally:
        ip("link", "del", "stapdummy0")


def udp_loopback():
    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rx.bind(("127.0.0.1", 0))
    tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(3):
        tx.sendto(b"datagram", rx.getsockname())
        assert rx.recvfrom(100)[0] == b"datagram"
    rx.close()
    tx.close()


def page_faults():
    m = mmap.mmap(-1, 64 * 4096)
    for page in range(64):
        m[page * 4096] = 1
    m.close()


def read_until(fd, wanted):
    """Whether fd gives wanted within 10 s (a pty may hand it in pieces)."""
    got = b""
    while wanted not in got and select.select([fd], [], [], 10)[0]:
        got += os.read(fd, 100)
    return wanted in got


def block_io():
    """Direct I/O on a loop device over a file: requests through the block
    layer and its scheduler."""
    with tempfile.TemporaryDirectory() as d:
        image = os.path.join(d, "image")
        with open(image, "wb") as f:
            f.truncate(1 << 20)
        dev = subprocess.run(["losetup", "--find", "--show", image],
                             check=True, capture_output=True,
                             text=True).stdout.strip()
        try:
            for io in ("of=" + dev + " if=/dev/zero oflag=direct",
                       "if=" + dev + " of=/dev/null iflag=direct"):
                subprocess.run(["dd", "bs=4096", "count=16", "status=none"]
                               + io.split(), check=True)
        finally:
            subprocess.run(["losetup", "-d", dev], check=True)


def tty():
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.write(slave, b"to-master\n")
    assert read_until(master, b"to-master\r\n")
    os.write(master, b"typed\n")
    assert read_until(slave, b"typed\n")
    os.close(slave)
    os.close(master)


def main():
    # The guest's lo starts down.
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    for step in (file_io, fork_exec, signals, tcp_loopback, udp_loopback,
                 page_faults, tty, block_io, socket_calls,
                 netdev_config, posix_timer, ptrace_child):
        step()


if __name__ == "__main__":
    main()
