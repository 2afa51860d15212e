/* N write() calls of 64 bytes to /dev/null; prints their time
 * (chunk_timer.h).  The syscall.write tapset probe decodes that buffer
 * when asked. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "../chunk_timer.h"

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  static const char buf[64] = "0123456789abcdef0123456789abcdef"
                              "0123456789abcdef0123456789abcde";
  struct chunk_timer t;
  int fd = open("/dev/null", O_WRONLY);

  if (fd < 0) return 1;
  chunk_timer_start(&t, 1000);
  for (long i = 0; i < n; i++) {
    if (write(fd, buf, sizeof(buf)) != sizeof(buf)) return 1;
    chunk_timer_tick(&t);
  }
  chunk_timer_print(&t);
  return 0;
}
