// SPDX-License-Identifier: GPL-2.0
/* Bounded string operations; see stp_string.h. */

#include <linux/kernel.h>
#include <linux/string.h>
#include "stp_string.h"

void stp_str_copy(char *dst, const char *src)
{
	if (dst != src)
		strscpy(dst, src, MAXSTRINGLEN);
}

void stp_str_append(char *dst, const char *src)
{
	size_t len = strnlen(dst, MAXSTRINGLEN - 1);
	size_t n = strnlen(src, MAXSTRINGLEN - 1 - len);

	/* memmove: src may point into dst. */
	memmove(dst + len, src, n);
	dst[len + n] = '\0';
}

void stp_str_concat(char *dst, const char *a, const char *b)
{
	size_t la, lb;

	if (dst == b && dst != a) {
		/* Shift b right to make room for a in front of it. */
		la = strnlen(a, MAXSTRINGLEN - 1);
		lb = strnlen(b, MAXSTRINGLEN - 1 - la);
		memmove(dst + la, b, lb);
		memcpy(dst, a, la);
		dst[la + lb] = '\0';
		return;
	}
	stp_str_copy(dst, a);
	stp_str_append(dst, b);
}

void stp_str_from_long(char *dst, s64 v)
{
	scnprintf(dst, MAXSTRINGLEN, "%lld", (long long)v);
}

int stp_str_cmp(const char *a, const char *b)
{
	return strncmp(a, b, MAXSTRINGLEN);
}
