/*
 * The target of the @var tests, built with gcc -g -O0 (PIE): bump() adds
 * its argument to the global `total` and counts calls in the file-static
 * `calls`; `origin` is a struct global. main writes them all first (so
 * their pages are resident when probed), then calls bump(5) and bump(7).
 */
struct pair {
	int x;
	long y;
};

struct pair origin;
long total;
static int calls;

__attribute__((noinline)) void bump(long by)
{
	total += by;
	calls++;
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	origin.x = 3;
	origin.y = 4;
	total = 100;
	calls = 0;
	bump(5);
	bump(7);
	return total == 0;
}
