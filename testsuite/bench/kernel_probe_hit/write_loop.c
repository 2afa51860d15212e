/* N write() calls of 64 bytes to /dev/null; prints the nanoseconds they
 * took (the syscall.write tapset probe decodes that buffer when asked). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  static const char buf[64] = "0123456789abcdef0123456789abcdef"
                              "0123456789abcdef0123456789abcde";
  struct timespec a, b;
  int fd = open("/dev/null", O_WRONLY);

  if (fd < 0) return 1;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++)
    if (write(fd, buf, sizeof(buf)) != sizeof(buf)) return 1;
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("loop_ns %lld calls %ld\n",
         (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec), n);
  return 0;
}
