/*
 * The target of the process target-variable tests: visit() takes a struct
 * pointer, a string and an int, and is called twice (scale 1 and 2), so
 * it returns 3 * 1 + 40 = 43, then 46 (statement tests name lines).
 */
struct point {
	int x;
	long y;
	char name[8];
};

__attribute__((noinline)) long visit(struct point *p, const char *label,
				     int scale)
{
	__asm__ volatile("" ::: "memory"); /* not folded into main */
	return p->x * scale + p->y + (label[0] == 0);
}

int main(void)
{
	struct point pt = { 3, 40, "pt" };
	char label[8] = "hello"; /* on the stack: resident when probed */
	long sum = 0;

	for (int i = 1; i <= 2; i++)
		sum += visit(&pt, label, i);
done:	return sum == -1; /* the .label("done") tests */
}
