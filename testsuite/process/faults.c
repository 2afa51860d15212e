// Page faults of known outcome at fixed addresses, for vm.pagefault.return:
// a write to a fresh anonymous page at 0x600000000000 (a minor fault),
// then a read of 0x610000001000, the second page of a one-byte file's
// mapping, beyond its end (SIGBUS, caught).
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf after_bus;

static void on_bus(int sig) {
  (void)sig;
  siglongjmp(after_bus, 1);
}

static void *map_at(unsigned long addr, size_t len, int flags, int fd) {
  void *p = mmap((void *)addr, len, PROT_READ | PROT_WRITE,
                 flags | MAP_FIXED_NOREPLACE, fd, 0);
  if (p != (void *)addr) {
    perror("mmap");
    exit(1);
  }
  return p;
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  volatile char *anon = map_at(0x600000000000UL, page,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1);
  anon[0] = 1;

  char path[] = "/tmp/faultsXXXXXX";
  int fd = mkstemp(path);
  if (fd < 0 || write(fd, "x", 1) != 1) {
    perror(path);
    return 1;
  }
  unlink(path);
  volatile char *file = map_at(0x610000000000UL, 2 * page, MAP_SHARED, fd);
  signal(SIGBUS, on_bus);
  if (!sigsetjmp(after_bus, 1)) (void)file[page];
  return 0;
}
