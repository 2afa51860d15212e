/* N getppid() system calls; prints their time (chunk_timer.h). */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../chunk_timer.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	struct chunk_timer t;

	chunk_timer_start(&t, 1000);
	for (long i = 0; i < n; i++) {
		syscall(SYS_getppid);
		chunk_timer_tick(&t);
	}
	chunk_timer_print(&t);
	return 0;
}
