/*
 * work() of loop.c as a shared library (libloopwork.so), with an SDT mark
 * for the .library(...).mark tests.
 */
#include <sys/sdt.h>

__attribute__((noinline)) long work(long x)
{
	__asm__ volatile("" ::: "memory");
	STAP_PROBE1(loopwork, work, x);
	return 2 * x + 1;
}

/*
 * work(work(x)): both calls go through the library's own PLT (work()
 * may be interposed), for the .library("LIB").plt test.
 */
long work_twice(long x)
{
	return work(work(x));
}
