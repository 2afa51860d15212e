/*
 * The target of the target-variable tests at inlined copies, built with
 * gcc -g -O2: record() is inlined into first() and second(), each copy
 * with its own locations for value and scale (scale is a constant in
 * each). main calls first(1), second(10), first(2), second(20).
 */
static volatile long sink;

static inline __attribute__((always_inline)) void record(long value,
							 long scale)
{
	sink = value * scale;
	sink = value + scale;
}

__attribute__((noipa)) void first(long v)
{
	record(v, 2);
}

__attribute__((noipa)) void second(long v)
{
	record(v, 3);
}

int main(void)
{
	for (long i = 1; i <= 2; i++) {
		first(i);
		second(i * 10);
	}
	return 0;
}
