/* A program with its own DWARF for the privilege corpus: scripts probe
 * process("priv_true").function("main") (found through PATH, which
 * the tests point at this build directory) and use $argc and $argv; an
 * SDT mark (priv:start) and a PLT call (getenv) for .mark and .plt. */
#include <stdlib.h>
#include <sys/sdt.h>

int main(int argc, char **argv)
{
	STAP_PROBE1(priv, start, argc);
	return argc > 1 && argv[1][0] == 'x' && getenv("PRIV_TRUE");
}
