/*
 * The target of the user-symbol and backtrace tests: main -> outer ->
 * middle -> inner, N times (argv[1], default 1).  Built with -O2, so
 * without frame pointers: a backtrace through it needs the .eh_frame
 * unwind data.  Each function does work after its call, so no call is a
 * tail call.
 */
#include <stdlib.h>

__attribute__((noinline)) long inner(long x)
{
	__asm__ volatile("" ::: "memory");
	return x * 3 + 1;
}

__attribute__((noinline)) long middle(long x)
{
	long v[4] = { x, x + 1, x + 2, x + 3 };	/* a frame of its own */

	__asm__ volatile("" : : "r"(v) : "memory");
	return inner(v[x & 3]) + v[(x + 1) & 3];
}

__attribute__((noinline)) long outer(long x)
{
	return middle(x + 1) * 2 + x;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1, sum = 0;

	for (long i = 0; i < n; i++)
		sum += outer(i);
	return sum == -1;
}
