/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Regular-expression matching for =~ and !~.  The translator compiles each
 * pattern into a DFA (codegen/regex_dfa.cc); the module carries only the
 * tables, and matching is one table lookup per byte: no backtracking, no
 * allocation, time linear in the (bounded) string.
 */
#ifndef STP_REGEX_H
#define STP_REGEX_H

#include <linux/types.h>

struct stp_dfa {
	const u8 *byte_class;	/* [256] */
	unsigned int classes;
	const u16 *next;	/* [states][classes] */
	const u8 *accept;	/* bit 0: matched; bit 1: matched if at end */
};

/* 1 when @s (at most MAXSTRINGLEN bytes) contains a match, else 0. */
int stp_dfa_match(const struct stp_dfa *d, const char *s);

#include "regex_capture.h"
#include "regex_last.h"

#endif /* STP_REGEX_H */
