/*
 * The program of the @var tests of another file (gcc -g -O0, linked with
 * libatvar.so): main sets main_total to 1000, then drive(2) and drive(3)
 * call lib_step(1..n) and add its last result to main_total: drive(2)
 * returns 3 (main_total 1003), drive(3) returns 9 (main_total 1012).
 */
long lib_step(long by);

long main_total;

__attribute__((noinline)) long drive(long n)
{
	long r = 0;

	for (long i = 1; i <= n; i++)
		r = lib_step(i);
	main_total += r;
	return r;
}

int main(void)
{
	main_total = 1000;
	drive(2);
	drive(3);
	return main_total != 1012;
}
