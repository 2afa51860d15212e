/*
 * The target of the $$vars, $$locals, $$parms and .nearest tests (gcc -g
 * -O0) and, built -O2, of the entry-value tests:
 *   mix(3, 100, FAST)  no locals at its entry (its loop's `step` is in a
 *                      block), adds 3 * step for step 1 and 2: returns 111;
 *   shape(&{4, 5}, 2)  a struct pointer and a local: returns 13;
 *   twice(20)          calls keep(60), which clobbers the register n came
 *                      in, then keep(61), and returns 61: at -O2 only n's
 *                      value at entry is known after the first call.
 * The "no code" line of mix() is what .nearest tests name: keep it blank
 * of code, one line above the return.
 */
enum mode { SLOW = 1, FAST = 2 };

struct pt {
	int x;
	long y;
};

__attribute__((noinline)) long mix(int a, long b, enum mode m)
{
	for (int step = 1; step <= 2; step++) {
		b += a * step; /* the loop line */
	}

	/* no code on this line */
	return b + m;
}

__attribute__((noinline)) int shape(struct pt *p, int k)
{
	int area = p->x * k;

	area += (int)p->y; /* the shape line */
	return area;
}

__attribute__((noinline)) long keep(long v)
{
	__asm__ volatile("" : "+r"(v)); /* opaque to the caller */
	return v;
}

__attribute__((noinline)) long twice(long n)
{
	long r = keep(n * 3);

	r = keep(r + 1); /* the after-call line: n is in no register now */
	return r;
}

int main(void)
{
	struct pt p = { 4, 5 };

	return mix(3, 100, FAST) + shape(&p, 2) + twice(20) != 111 + 13 + 61;
}
