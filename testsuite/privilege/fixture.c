/* A program with its own DWARF for the privilege corpus: scripts probe
 * process("priv_true").function("main") (found through PATH, which
 * the tests point at this build directory) and use $argc and $argv. */
int main(int argc, char **argv)
{
	return argc > 1 && argv[1][0] == 'x';
}
