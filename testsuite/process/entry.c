/*
 * The target of the @entry tests (return probes reading entry values):
 *   fact(n)    recursive: fact(4) has four frames of itself pending;
 *   bump(p, k) adds k to p->a, so p->a at entry and after differ;
 *   pair(id)   called by two threads at once (a barrier holds both
 *              inside), returns id * 100;
 *   leap(n)    recurses to 0, then longjmp()s back to main, abandoning
 *              every frame; main does that 3000 times, then calls
 *              leap(-1), which returns -1.
 */
#include <pthread.h>
#include <setjmp.h>

struct pair {
	long a;
	long b;
};

static pthread_barrier_t both_inside;
static jmp_buf back;

__attribute__((noinline)) long fact(long n)
{
	if (n <= 1)
		return 1;
	return n * fact(n - 1);
}

__attribute__((noinline)) long bump(struct pair *p, long k)
{
	p->a += k;
	return p->a;
}

__attribute__((noinline)) long pair(long id)
{
	pthread_barrier_wait(&both_inside);
	return id * 100;
}

static void *run(void *arg)
{
	pair((long)arg);
	return 0;
}

__attribute__((noinline)) long leap(long n)
{
	if (n == 0)
		longjmp(back, 1);
	if (n < 0)
		return n;
	return leap(n - 1) + 1;
}

int main(void)
{
	struct pair p = { 3, 4 };
	pthread_t t1, t2;
	volatile int jumps = 0;

	fact(4);
	bump(&p, 5);
	pthread_barrier_init(&both_inside, 0, 2);
	if (pthread_create(&t1, 0, run, (void *)1) ||
	    pthread_create(&t2, 0, run, (void *)2))
		return 1;
	pthread_join(t1, 0);
	pthread_join(t2, 0);
	setjmp(back);
	if (jumps++ < 3000)
		leap(3);
	return leap(-1) != -1;
}
