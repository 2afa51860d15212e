/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The string tapset's helpers (strlen, substr, strpos, strtol, text_str).
 * Pure functions of their arguments, so unprivileged code may call them;
 * every result fits a MAXSTRINGLEN buffer.
 */
#ifndef STP_STR_FUNCS_H
#define STP_STR_FUNCS_H

#include <linux/types.h>

struct stp_context;

s64 stp_str_len(const char *s);
/* At most @len bytes of @s from byte @start; "" when out of range. */
void stp_str_substr(char *dst, const char *s, s64 start, s64 len);
/* Offset of the first @needle in @hay, or -1. */
s64 stp_str_find(const char *hay, const char *needle);
/* A number in @base (2 to 36, or 0 for C prefixes); an error otherwise. */
s64 stp_str_to_long(struct stp_context *c, const char *s, s64 base);
/*
 * @src with quotes, backslashes and unprintable bytes written as C
 * escapes (\n, \", \\, \ooo).  With @quote the result is in double quotes.
 * Output that does not fit ends in "..." (after the closing quote).
 */
void stp_str_escape(char *dst, const char *src, bool quote);
/*
 * The same for @srclen bytes of a buffer (NULs escaped as \000), the
 * result at most @outlen bytes (0: MAXSTRINGLEN - 1), "..." included.
 */
void stp_buf_escape(char *dst, const char *src, s64 srclen, s64 outlen,
		    bool quote);
/* Name tables (NULL holes allowed): @table[@num], or @unknown. */
void stp_str_table_name(char *dst, const char *const *table, size_t n,
			s64 num, const char *unknown);
/* The index of @name in @table, or -1. */
s64 stp_str_table_index(const char *const *table, size_t n, const char *name);

#endif /* STP_STR_FUNCS_H */
