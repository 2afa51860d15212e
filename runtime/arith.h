/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checked integer arithmetic.  Script integers are 64 bits and wrap, as
 * in SystemTap, except where C would trap or be undefined: division and
 * modulo by zero and LLONG_MIN / -1 are run-time errors; shifts are
 * masked to 0..63.
 */
#ifndef STP_ARITH_H
#define STP_ARITH_H

#include <linux/limits.h>
#include <linux/math64.h>
#include "context.h"

/* Each returns 0, or -1 with the context's error set. */
static inline int stp_div(struct stp_context *c, s64 a, s64 b, s64 *out)
{
	if (unlikely(b == 0)) {
		stp_error(c, "division by 0");  /* SystemTap's words */
		return -1;
	}
	if (unlikely(a == S64_MIN && b == -1)) {
		stp_error(c, "integer overflow in division");
		return -1;
	}
	*out = div64_s64(a, b);
	return 0;
}

static inline int stp_mod(struct stp_context *c, s64 a, s64 b, s64 *out)
{
	s64 q;

	if (unlikely(b == 0)) {
		stp_error(c, "division by 0");  /* SystemTap's words */
		return -1;
	}
	if (unlikely(a == S64_MIN && b == -1)) {
		*out = 0;
		return 0;
	}
	q = div64_s64(a, b);
	*out = a - q * b;
	return 0;
}

static inline s64 stp_shl(s64 a, s64 b)
{
	return (s64)((u64)a << (b & 63));
}

static inline s64 stp_shr(s64 a, s64 b)
{
	return a >> (b & 63);
}

/* Wrapping + - * without C's signed-overflow undefined behaviour. */
static inline s64 stp_add(s64 a, s64 b)
{
	return (s64)((u64)a + (u64)b);
}

static inline s64 stp_sub(s64 a, s64 b)
{
	return (s64)((u64)a - (u64)b);
}

static inline s64 stp_mul(s64 a, s64 b)
{
	return (s64)((u64)a * (u64)b);
}

#endif /* STP_ARITH_H */
