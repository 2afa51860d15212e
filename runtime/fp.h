/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The floating-point tapset (fp_add ... string_to_fp): IEEE-754 doubles
 * carried in script longs as their bit patterns.  The arithmetic is the
 * CPU's own (SSE2 and x87 on x86_64, between kernel_fpu_begin() and
 * kernel_fpu_end()), rounding to nearest even; where the FPU may not be
 * used (some interrupt contexts) it is the run-time error "floating
 * point is not usable in this context".
 */
#ifndef STP_FP_H
#define STP_FP_H

#include <linux/types.h>

struct stp_context;

enum stp_fp_op {
	STP_FP_ADD, STP_FP_SUB, STP_FP_MUL, STP_FP_DIV, STP_FP_REM,
	STP_FP_SQRT, STP_FP_EQ, STP_FP_LE, STP_FP_LT,
};

/* @op applied to @a and @b (@b unused by STP_FP_SQRT); 0/1 for tests. */
s64 stp_fp_op(struct stp_context *c, enum stp_fp_op op, s64 a, s64 b);
s64 stp_fp_from_long(struct stp_context *c, s64 v);
/* The float whose bits are the low 32 of @v, widened. */
s64 stp_fp_from_fp32(struct stp_context *c, s64 v);
/*
 * @mode: 0 nearest even, 1 toward zero, 2 down, 3 up, 4 nearest with
 * ties away from zero, 6 to odd (5 is also nearest even).  Out of range
 * or NaN gives LLONG_MIN.
 */
s64 stp_fp_to_long(struct stp_context *c, s64 v, s64 mode);
/* Decimal with @digits (0 to 18) after the point: "-3.14", "inf", "nan". */
void stp_fp_to_string(struct stp_context *c, char *dst, s64 v, s64 digits);
/* "-12.5", "1e-3", ".5": an error for anything else. */
s64 stp_fp_from_string(struct stp_context *c, const char *s);

#endif /* STP_FP_H */
