/*
 * The target of the .callee tests, built with gcc -g -O2 (noipa: no
 * clones, no inlining): each of 3 rounds calls caller_a(i), which calls
 * leaf(i), leaf(i + 10) and mid(i), and caller_b(i), which calls
 * leaf(2 * i); mid(x) calls leaf(x) too. So leaf runs 12 times: 6 from
 * caller_a, 3 from caller_b, 3 from mid. No call is a tail call.
 */
__attribute__((noipa)) long leaf(long x)
{
	return x + 1;
}

__attribute__((noipa)) long mid(long x)
{
	return leaf(x) * 2 + x;
}

__attribute__((noipa)) long caller_a(long x)
{
	return leaf(x) * leaf(x + 10) + mid(x);
}

__attribute__((noipa)) long caller_b(long x)
{
	return leaf(2 * x) - 1;
}

int main(void)
{
	long sum = 0;

	for (long i = 0; i < 3; i++)
		sum += caller_a(i) + caller_b(i);
	return sum == 0;
}
