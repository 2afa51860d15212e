// SPDX-License-Identifier: GPL-2.0
/* String tapset helpers; see str_funcs.h. */

#include <linux/kernel.h>
#include <linux/string.h>
#include "config.h"
#include "context.h"
#include "str_funcs.h"

s64 stp_str_len(const char *s)
{
	return strnlen(s, MAXSTRINGLEN);
}

void stp_str_substr(char *dst, const char *s, s64 start, s64 len)
{
	s64 have = strnlen(s, MAXSTRINGLEN - 1);

	if (start < 0 || len <= 0 || start >= have) {
		dst[0] = '\0';
		return;
	}
	len = min(len, have - start);
	memmove(dst, s + start, len);
	dst[len] = '\0';
}

s64 stp_str_find(const char *hay, const char *needle)
{
	const char *hit = strstr(hay, needle);

	return hit ? hit - hay : -1;
}

s64 stp_str_to_long(struct stp_context *c, const char *s, s64 base)
{
	if (base != 0 && (base < 2 || base > 36)) {
		stp_error_fmt(c, "strtol: base %lld is not 0 or 2 to 36", base);
		return 0;
	}
	return simple_strtoll(s, NULL, base);
}

/* The escape for one byte, in @out (at most 5 bytes with its NUL). */
static size_t stp_escape_byte(char *out, unsigned char ch)
{
	static const char plain[] = "\a\b\f\n\r\t\v\"\\";
	static const char named[] = "abfnrtv\"\\";
	const char *p = ch ? strchr(plain, ch) : NULL;

	if (p) {
		out[0] = '\\';
		out[1] = named[p - plain];
		return 2;
	}
	if (ch < 0x20 || ch >= 0x7f)
		return scnprintf(out, 5, "\\%03o", ch);
	out[0] = ch;
	return 1;
}

void stp_str_escape(char *dst, const char *src, bool quote)
{
	stp_buf_escape(dst, src, strnlen(src, MAXSTRINGLEN), 0, quote);
}

void stp_buf_escape(char *dst, const char *src, s64 srclen, s64 outlen,
		    bool quote)
{
	const size_t quotes = quote ? 2 : 0;
	size_t max = MAXSTRINGLEN - 1, budget, need = 0, used = 0, len = 0;
	size_t i, n;
	char esc[5];

	if (outlen > 0 && (u64)outlen < max)
		max = outlen;
	if (srclen < 0)
		srclen = 0;
	for (i = 0; i < srclen && need + quotes <= max; i++)
		need += stp_escape_byte(esc, src[i]);
	/* Too long: keep what fits before the closing quote and "...". */
	budget = need + quotes <= max ? need :
		 max > quotes + 3 ? max - quotes - 3 : 0;
	if (quote)
		dst[len++] = '"';
	for (i = 0; i < srclen; i++) {
		n = stp_escape_byte(esc, src[i]);
		if (used + n > budget)
			break;
		memcpy(dst + len, esc, n);
		len += n;
		used += n;
	}
	if (quote)
		dst[len++] = '"';
	if (i < srclen) {
		memcpy(dst + len, "...", 3);
		len += 3;
	}
	dst[len] = '\0';
}

void stp_str_table_name(char *dst, const char *const *table, size_t n,
			s64 num, const char *unknown)
{
	strscpy(dst, num >= 0 && num < (s64)n && table[num] ? table[num] :
		unknown, MAXSTRINGLEN);
}

s64 stp_str_table_index(const char *const *table, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i] && !strcmp(table[i], name))
			return i;
	return -1;
}
