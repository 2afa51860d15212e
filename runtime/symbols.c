// SPDX-License-Identifier: GPL-2.0
/* Kernel symbols through %ps/%pS/%pB; see symbols.h. */

#include <linux/kernel.h>
#include <linux/string.h>
#include "symbols.h"

/* kallsyms prints an address it cannot name as plain hex. */
static bool stp_symbol_known(const char *s)
{
	return !(s[0] == '0' && s[1] == 'x');
}

/*
 * %pS names a module as " [mod]" (or " [mod build-id]"); the core kernel
 * gets no tag, and SystemTap calls it "kernel".
 */
static void stp_symbol_tag_kernel(char *dst, size_t size)
{
	size_t len = strnlen(dst, size);

	if (!stp_symbol_known(dst) || (len && dst[len - 1] == ']'))
		return;
	if (len < size)
		scnprintf(dst + len, size - len, " [kernel]");
}

void stp_symbol_name(char *dst, size_t size, unsigned long addr)
{
	char *tag;

	scnprintf(dst, size, "%ps", (void *)addr);
	/* %ps still names the module ("f [mod]"); symname() is just "f". */
	tag = strstr(dst, " [");
	if (tag)
		*tag = '\0';
}

void stp_symbol_data(char *dst, size_t size, unsigned long addr)
{
	scnprintf(dst, size, "%pS", (void *)addr);
	stp_symbol_tag_kernel(dst, size);
}

void stp_symbol_data_ret(char *dst, size_t size, unsigned long addr)
{
	scnprintf(dst, size, "%pB", (void *)addr);
	stp_symbol_tag_kernel(dst, size);
}

void stp_symbol_module(char *dst, size_t size, unsigned long addr)
{
	const char *open, *end;
	size_t len;

	stp_symbol_data(dst, size, addr);
	open = strrchr(dst, '[');
	if (!stp_symbol_known(dst) || !open) {
		strscpy(dst, "<unknown>", size);
		return;
	}
	open++;
	end = strpbrk(open, " ]");
	len = end ? (size_t)(end - open) : strlen(open);
	memmove(dst, open, len);
	dst[len] = '\0';
}
