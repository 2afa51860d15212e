/*
 * The target of the thread tests:  threads N
 * starts N threads one after another, each of which returns at once,
 * joins each before starting the next, and exits with status 0.
 */
#include <pthread.h>
#include <stdlib.h>

static void *run(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2;

	for (long i = 0; i < n; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, run, NULL) || pthread_join(t, NULL))
			return 1;
	}
	return 0;
}
