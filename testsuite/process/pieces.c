/*
 * The target of the DW_OP_piece test, built with gcc -O2: use() takes a
 * 16-byte struct by value, which the psABI passes in two registers (lo and
 * hi share rdi, big is rsi), so its DWARF location is in pieces. main()
 * passes { 3 + argc, 4, 50 } and k = 2: use() returns 4 + 8 + 50 = 62.
 */
struct pair {
	int lo;
	int hi;
	long big;
};

__attribute__((noinline)) long use(struct pair s, int k)
{
	__asm__ volatile("" ::"r"(s.lo), "r"(s.hi), "r"(s.big));
	return s.lo + s.hi * k + s.big;
}

int main(int argc, char **argv)
{
	struct pair s = { 3, 4, 50 };

	(void)argv;
	s.lo += argc;
	return use(s, 2) != 62;
}
