/* work() of loop.c as a shared library (libloopwork.so). */
__attribute__((noinline)) long work(long x)
{
	__asm__ volatile("" ::: "memory");
	return 2 * x + 1;
}
