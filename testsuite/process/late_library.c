/*
 * The target of the "library loaded later" test:
 *   late_library LIB N
 * maps nothing of LIB at start; after its first system calls it
 * dlopen()s LIB (libloopwork.so) and calls its work(i) for i in 0..N-1,
 * then work_twice(N), so probes of LIB arm in a mapping made after the
 * process started.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long (*work)(long), (*work_twice)(long);
	long n = argc > 2 ? atol(argv[2]) : 3, sum = 0;
	void *lib;

	if (argc < 2)
		return 2;
	usleep(100000); /* the library is surely mapped after the start */
	lib = dlopen(argv[1], RTLD_NOW);
	if (!lib) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	work = (long (*)(long))dlsym(lib, "work");
	work_twice = (long (*)(long))dlsym(lib, "work_twice");
	if (!work || !work_twice)
		return 1;
	for (long i = 0; i < n; i++)
		sum += work(i);
	sum += work_twice(n);
	dlclose(lib);
	return sum == -1;
}
