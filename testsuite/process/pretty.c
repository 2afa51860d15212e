/*
 * The target of the pretty-printing and autocast tests: show() takes a
 * pointer to a struct holding a nested struct, arrays, a string and a null
 * pointer, and an int; it returns 7 + 2 = 9.
 */
struct inner {
	short a;
	int pair[2];
};

struct outer {
	int id;
	struct inner in;
	long vals[3];
	char name[8];
	struct outer *next;
};

__attribute__((noinline)) int show(struct outer *o, int depth)
{
	__asm__ volatile("" ::: "memory"); /* not folded into main */
	return o->id + depth;
}

int main(void)
{
	struct outer o = { 7, { -2, { 1, 2 } }, { 10, 20, 30 }, "node", 0 };

	return show(&o, 2) != 9;
}
