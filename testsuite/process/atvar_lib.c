/*
 * The library of the @var tests of another file (libatvar.so, gcc -g -O0
 * -fPIC): lib_step(by) adds `by` to the .bss global lib_counter, counts
 * calls in the file-static lib_calls and raises lib_state.level (a .data
 * struct). A constructor writes them all first and reads lib_state.name,
 * so their pages are resident when a probe in the program reads them.
 */
struct lib_state {
	int level;
	const char *name;
};

struct lib_state lib_state = { 0, "atvar" };
long lib_counter;
static int lib_calls;

__attribute__((constructor)) static void lib_touch(void)
{
	__asm__ volatile("" ::"r"(*(volatile const char *)lib_state.name));
	lib_state.level = 7;
	lib_counter = 0;
	lib_calls = 0;
}

__attribute__((noinline)) long lib_step(long by)
{
	lib_counter += by;
	lib_calls++;
	lib_state.level++;
	return lib_counter;
}
