/*
 * The target of the process-probe tests and the benchmark:
 *   loop N [WAITFILE|-] [SLEEP_US] [time]
 * waits until WAITFILE exists (if given), then calls work(i) for i in
 * 0..N-1 (sleeping SLEEP_US between calls) and exits with status 0;
 * "time" prints the loop's duration (benchmarks; bench/chunk_timer.h).
 * work() lives in libloopwork.so when built with -DSHARED_WORK.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../bench/chunk_timer.h"

#ifdef SHARED_WORK
long work(long x);
#else
__attribute__((noinline)) long work(long x)
{
	__asm__ volatile("" ::: "memory"); /* not folded into the loop */
	return 2 * x + 1;
}
#endif

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 3, sum = 0;
	const char *wait = argc > 2 && strcmp(argv[2], "-") ? argv[2] : NULL;
	long sleep_us = argc > 3 ? atol(argv[3]) : 0;
	int timed = argc > 4 && !strcmp(argv[4], "time");
	struct chunk_timer t;

	while (wait && access(wait, F_OK))
		usleep(10000);
	chunk_timer_start(&t, 100);
	for (long i = 0; i < n; i++) {
		sum += work(i);
		if (sleep_us)
			usleep(sleep_us);
		chunk_timer_tick(&t);
	}
	if (timed)
		chunk_timer_print(&t);
	return sum == -1;
}
