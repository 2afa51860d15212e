// SPDX-License-Identifier: GPL-2.0
/* Kernel symbol addresses for the module; see kernel_symbols.h. */

#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include "kernel_symbols.h"

#define KSYM_PARM "parm=stp_ksym_"

/* NAME's address in /proc/kallsyms, 0 when absent or hidden. */
static unsigned long long kallsyms_address(const char *name)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	unsigned long long addr, found = 0;
	char line[512], sym[256], type;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		/* vmlinux's lines have no "[module]" after the name. */
		if (sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 &&
		    !strchr(line, '[') && strcmp(sym, name) == 0)
			found = addr;
	}
	fclose(f);
	return found;
}

void stap_kernel_symbol_params(const char *image, size_t len, char *buf,
			       size_t size)
{
	const char *p = image, *end = image + len;
	size_t used = strlen(buf);

	while ((p = memmem(p, (size_t)(end - p), KSYM_PARM,
			   strlen(KSYM_PARM)))) {
		const char *name = p + strlen(KSYM_PARM);
		const char *colon = memchr(name, ':', (size_t)(end - name));
		char sym[128], one[192];
		size_t n = colon ? (size_t)(colon - name) : 0;
		unsigned long long addr;

		p = name;
		if (!n || n >= sizeof(sym) ||
		    strspn(name, "abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") < n)
			continue;
		memcpy(sym, name, n);
		sym[n] = '\0';
		addr = kallsyms_address(sym);
		/* Whole or not at all: a cut address would be another. */
		if (addr && snprintf(one, sizeof(one), " stp_ksym_%s=0x%llx",
				     sym, addr) < (int)sizeof(one) &&
		    used + strlen(one) < size) {
			strcpy(buf + used, one);
			used += strlen(one);
		}
	}
}
