/*
 * The target of the .inline tests, built with gcc -g -O2: twice() is
 * inlined into both once() and thrice(), which main calls three times
 * each, so its inlined copies run six times.
 */
static inline __attribute__((always_inline)) long twice(long x)
{
	__asm__ volatile("" ::: "memory"); /* a copy of its own */
	return 2 * x;
}

__attribute__((noinline)) long once(long x)
{
	return twice(x) + 1;
}

__attribute__((noinline)) long thrice(long x)
{
	return twice(x + 3) - 1;
}

int main(void)
{
	long sum = 0;

	for (long i = 0; i < 3; i++)
		sum += once(i) + thrice(i);
	return sum == 0;
}
