// SPDX-License-Identifier: GPL-2.0
/* Preloaded through staprun by the setuid test: records the ids of every
 * process it gets into, so the test can prove it never ran privileged. */
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void evil(void)
{
	FILE *f = fopen("/tmp/evil.log", "a");

	if (f) {
		fprintf(f, "preloaded uid=%d euid=%d\n", (int)getuid(),
			(int)geteuid());
		fclose(f);
	}
}
