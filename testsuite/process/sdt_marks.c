/*
 * The target of the SDT mark tests (<sys/sdt.h>): provider "staptest",
 * marks with arguments of every size and signedness, in registers, in
 * memory, as constants and %rip-relative globals, a string argument, a
 * mark with no arguments, and a mark behind its semaphore that fires only
 * when a probe incremented the semaphore (what *_ENABLED() reads).
 * usage: sdt_marks [N]: N loop rounds (default 2).
 */
#define _SDT_HAS_SEMAPHORES 1
#include <stdlib.h>
#include <sys/sdt.h>

/* _SDT_HAS_SEMAPHORES: every mark of this file names its semaphore. */
#define SEMAPHORE(name)                                                   \
	unsigned short staptest_##name##_semaphore                       \
		__attribute__((unused)) __attribute__((section(".probes")))
SEMAPHORE(start);
SEMAPHORE(args);
SEMAPHORE(global);
SEMAPHORE(guarded);
#define STAPTEST_GUARDED_ENABLED()                                        \
	__builtin_expect(staptest_guarded_semaphore, 0)

long total = -7; /* a global: its argument is %rip-relative */

__attribute__((noinline)) static long square(long v)
{
	__asm__ volatile("" ::: "memory");
	return v * v;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 2;
	char word[8] = "hello"; /* on the stack: resident when probed */

	STAP_PROBE(staptest, start);
	for (int i = 1; i <= rounds; i++) {
		signed char c = (signed char)-i;
		unsigned short s = (unsigned short)(60000 + i);
		long big = -100000000000L * i;

		STAP_PROBE5(staptest, args, c, s, big, word, 42);
		STAP_PROBE1(staptest, global, total);
		total += i;
		if (STAPTEST_GUARDED_ENABLED())
			STAP_PROBE1(staptest, guarded, square(i));
	}
	return 0;
}
