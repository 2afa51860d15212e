/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UTF-16 and UTF-32 strings in kernel or current-process memory, as
 * UTF-8 script strings (kernel_string_utf16, user_string_utf32 ...).
 * Units are read one at a time through the fault-safe accessors, so a
 * fault sets their error ("kernel read fault at 0x...", "user read fault
 * at 0x..."); an unpaired surrogate or a code point above U+10FFFF is
 * the error "invalid UTF-16 string at 0x..." (or UTF-32).  A result
 * that does not fit MAXSTRINGLEN stops before the first character that
 * does not fit whole.
 */
#ifndef STP_UTF_STRING_H
#define STP_UTF_STRING_H

#include <linux/types.h>

struct stp_context;

/* @width is 2 (UTF-16) or 4 (UTF-32); returns 0, or -EFAULT/-EILSEQ. */
int stp_utf_string(struct stp_context *c, char *dst, unsigned long addr,
		   unsigned int width, bool user);

#endif /* STP_UTF_STRING_H */
