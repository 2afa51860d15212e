/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Script strings: fixed buffers of MAXSTRINGLEN bytes; every operation
 * truncates silently, as SystemTap does, and always NUL-terminates.
 */
#ifndef STP_STRING_H
#define STP_STRING_H

#include <linux/types.h>
#include "config.h"

/* dst = src */
void stp_str_copy(char *dst, const char *src);
/* dst = a . b; dst may alias a or b */
void stp_str_concat(char *dst, const char *a, const char *b);
/* dst .= src */
void stp_str_append(char *dst, const char *src);
/* dst = sprint(v) */
void stp_str_from_long(char *dst, s64 v);
/* <0, 0, >0 like strcmp, for the script's < == > on strings */
int stp_str_cmp(const char *a, const char *b);

#endif /* STP_STRING_H */
