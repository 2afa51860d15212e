// SPDX-License-Identifier: GPL-2.0
/*
 * Floating point on the CPU's own units; see fp.h.  The kernel is built
 * without SSE code generation, so every operation is inline assembly on
 * memory operands between kernel_fpu_begin() (which also loads the
 * default MXCSR: round to nearest even, exceptions masked) and
 * kernel_fpu_end().
 */

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>
#include "context.h"
#include "fp.h"

#ifdef CONFIG_X86_64
#include <asm/fpu/api.h>

static bool stp_fp_begin(struct stp_context *c)
{
	if (!irq_fpu_usable()) {
		stp_error(c, "floating point is not usable in this context");
		return false;
	}
	kernel_fpu_begin();
	return true;
}

/* x87 FPREM1 (the IEEE remainder) until the reduction is complete. */
static s64 stp_fp_rem(s64 a, s64 b)
{
	s64 r;

	asm volatile("fldl %[b]\n\t"
		     "fldl %[a]\n"
		     "1:\tfprem1\n\t"
		     "fnstsw %%ax\n\t"
		     "testw $0x400, %%ax\n\t"
		     "jnz 1b\n\t"
		     "fstp %%st(1)\n\t"
		     "fstpl %[r]"
		     : [r] "=m"(r)
		     : [a] "m"(a), [b] "m"(b)
		     : "ax", "cc");
	return r;
}

static s64 stp_fp_compare(enum stp_fp_op op, s64 a, s64 b)
{
	u8 zf, cf, pf;

	asm volatile("movsd %[a], %%xmm0\n\t"
		     "ucomisd %[b], %%xmm0\n\t"
		     "setz %[zf]\n\t"
		     "setb %[cf]\n\t"
		     "setp %[pf]"
		     : [zf] "=qm"(zf), [cf] "=qm"(cf), [pf] "=qm"(pf)
		     : [a] "m"(a), [b] "m"(b)
		     : "cc");
	if (pf)		/* unordered: a NaN equals nothing */
		return 0;
	return op == STP_FP_EQ ? zf : op == STP_FP_LT ? cf : (zf | cf);
}

#define STP_FP_BINARY(insn, r, a, b)                                       \
	asm volatile("movsd %[x], %%xmm0\n\t" insn " %[y], %%xmm0\n\t"    \
		     "movsd %%xmm0, %[out]"                                \
		     : [out] "=m"(r) : [x] "m"(a), [y] "m"(b))

/* @r = the double nearest the long @v. */
#define STP_FP_FROM_LONG(r, v)                                             \
	asm volatile("cvtsi2sdq %[x], %%xmm0\n\tmovsd %%xmm0, %[out]"     \
		     : [out] "=m"(r) : [x] "r"((s64)(v)))

s64 stp_fp_op(struct stp_context *c, enum stp_fp_op op, s64 a, s64 b)
{
	s64 r = 0;

	if (!stp_fp_begin(c))
		return 0;
	switch (op) {
	case STP_FP_ADD:
		STP_FP_BINARY("addsd", r, a, b);
		break;
	case STP_FP_SUB:
		STP_FP_BINARY("subsd", r, a, b);
		break;
	case STP_FP_MUL:
		STP_FP_BINARY("mulsd", r, a, b);
		break;
	case STP_FP_DIV:
		STP_FP_BINARY("divsd", r, a, b);
		break;
	case STP_FP_SQRT:
		asm volatile("sqrtsd %[x], %%xmm0\n\tmovsd %%xmm0, %[out]"
			     : [out] "=m"(r) : [x] "m"(a));
		break;
	case STP_FP_REM:
		r = stp_fp_rem(a, b);
		break;
	case STP_FP_EQ:
	case STP_FP_LE:
	case STP_FP_LT:
		r = stp_fp_compare(op, a, b);
		break;
	}
	kernel_fpu_end();
	return r;
}

s64 stp_fp_from_long(struct stp_context *c, s64 v)
{
	s64 r = 0;

	if (!stp_fp_begin(c))
		return 0;
	STP_FP_FROM_LONG(r, v);
	kernel_fpu_end();
	return r;
}

s64 stp_fp_from_fp32(struct stp_context *c, s64 v)
{
	u32 f = v;
	s64 r = 0;

	if (!stp_fp_begin(c))
		return 0;
	asm volatile("cvtss2sd %[f], %%xmm0\n\tmovsd %%xmm0, %[out]"
		     : [out] "=m"(r) : [f] "m"(f));
	kernel_fpu_end();
	return r;
}

#define STP_FP_HALF 0x3fe0000000000000LL	/* 0.5 */
#define STP_FP_MINUS_HALF ((s64)0xbfe0000000000000ULL)	/* -0.5 */

s64 stp_fp_to_long(struct stp_context *c, s64 v, s64 mode)
{
	s64 t, e, back, d;
	int above, below, half_up, half_down;

	if (!stp_fp_begin(c))
		return 0;
	asm volatile("cvttsd2siq %[v], %[t]" : [t] "=r"(t) : [v] "m"(v));
	asm volatile("cvtsd2siq %[v], %[e]" : [e] "=r"(e) : [v] "m"(v));
	STP_FP_FROM_LONG(back, t);
	STP_FP_BINARY("subsd", d, v, back);	/* the fraction, exactly */
	above = stp_fp_compare(STP_FP_LT, 0, d);
	below = stp_fp_compare(STP_FP_LT, d, 0);
	half_up = stp_fp_compare(STP_FP_LE, STP_FP_HALF, d);
	half_down = stp_fp_compare(STP_FP_LE, d, STP_FP_MINUS_HALF);
	kernel_fpu_end();
	if (t == LLONG_MIN || e == LLONG_MIN)	/* NaN or out of range */
		return LLONG_MIN;
	switch (mode) {
	case 1:
		return t;
	case 2:
		return t - below;
	case 3:
		return t + above;
	case 4:
		return t + half_up - half_down;
	case 6:
		return (t & 1) ? t : t + above - below;
	default:
		return e;
	}
}

/* 10^n for n <= 18. */
static s64 stp_pow10(unsigned int n)
{
	s64 p = 1;

	while (n--)
		p *= 10;
	return p;
}

void stp_fp_to_string(struct stp_context *c, char *dst, s64 v, s64 digits)
{
	const u64 exp_bits = ((u64)v >> 52) & 0x7ff;
	const bool negative = v < 0;
	s64 mag = v & LLONG_MAX, scaled, f_scale, product;
	char num[48];
	int n, zeros = 0, point;

	if (exp_bits == 0x7ff) {
		strscpy(dst, (v & ((1LL << 52) - 1)) ? "nan" :
			     negative ? "-inf" : "inf", MAXSTRINGLEN);
		return;
	}
	digits = clamp_t(s64, digits, 0, 18);
	if (!stp_fp_begin(c)) {
		dst[0] = '\0';
		return;
	}
	/* |v| * 10^digits, rounded; when that is too big for a long, the
	 * low digits are dropped (counted in zeros) until it fits. */
	STP_FP_FROM_LONG(f_scale, stp_pow10(digits));
	for (;;) {
		STP_FP_BINARY("mulsd", product, mag, f_scale);
		asm volatile("cvtsd2siq %[p], %[r]" : [r] "=r"(scaled)
			     : [p] "m"(product));
		if (scaled != LLONG_MIN || zeros > 330)
			break;
		STP_FP_FROM_LONG(product, 10);
		STP_FP_BINARY("divsd", mag, mag, product);
		zeros++;
	}
	kernel_fpu_end();
	/* The digits of |v| * 10^digits, the point put in before the last
	 * 'digits' of them. */
	n = scnprintf(num, sizeof(num), "%0*lld", (int)digits + 1, scaled);
	point = n + zeros - digits;
	n = scnprintf(dst, MAXSTRINGLEN, "%s", negative ? "-" : "");
	for (int i = 0; i < point + (int)digits && n < MAXSTRINGLEN - 2; i++) {
		if (i == point)
			dst[n++] = '.';
		dst[n++] = i < (int)strlen(num) ? num[i] : '0';
	}
	dst[n] = '\0';
}

s64 stp_fp_from_string(struct stp_context *c, const char *s)
{
	const char *p = s;
	bool negative = false, any = false, exp_negative = false;
	u64 mantissa = 0;
	s64 exp10 = 0, e = 0, r, f_ten, power;

	if (*p == '-' || *p == '+')
		negative = *p++ == '-';
	for (; isdigit(*p); p++, any = true) {
		if (mantissa < 100000000000000000ULL)
			mantissa = mantissa * 10 + (*p - '0');
		else
			exp10++;
	}
	if (*p == '.')
		for (p++; isdigit(*p); p++, any = true)
			if (mantissa < 100000000000000000ULL) {
				mantissa = mantissa * 10 + (*p - '0');
				exp10--;
			}
	if (any && (*p == 'e' || *p == 'E')) {
		p++;
		if (*p == '-' || *p == '+')
			exp_negative = *p++ == '-';
		if (!isdigit(*p))
			any = false;
		for (; isdigit(*p); p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
	}
	if (!any || *p) {
		stp_error_fmt(c, "string_to_fp: '%s' is not a decimal number", s);
		return 0;
	}
	exp10 += exp_negative ? -e : e;
	if (!stp_fp_begin(c))
		return 0;
	STP_FP_FROM_LONG(r, mantissa);
	STP_FP_FROM_LONG(f_ten, 10);
	STP_FP_FROM_LONG(power, 1);
	/* 10^|exp10| (exact up to 10^22), then one multiply or divide. */
	for (e = min_t(s64, exp10 < 0 ? -exp10 : exp10, 400); e > 0; e--)
		STP_FP_BINARY("mulsd", power, power, f_ten);
	if (exp10 < 0)
		STP_FP_BINARY("divsd", r, r, power);
	else
		STP_FP_BINARY("mulsd", r, r, power);
	kernel_fpu_end();
	return negative ? r ^ LLONG_MIN : r;
}

#else /* !CONFIG_X86_64 */

static s64 stp_fp_unsupported(struct stp_context *c)
{
	stp_error(c, "floating point is not supported on this architecture");
	return 0;
}

s64 stp_fp_op(struct stp_context *c, enum stp_fp_op op, s64 a, s64 b)
{
	return stp_fp_unsupported(c);
}

s64 stp_fp_from_long(struct stp_context *c, s64 v)
{
	return stp_fp_unsupported(c);
}

s64 stp_fp_from_fp32(struct stp_context *c, s64 v)
{
	return stp_fp_unsupported(c);
}

s64 stp_fp_to_long(struct stp_context *c, s64 v, s64 mode)
{
	return stp_fp_unsupported(c);
}

void stp_fp_to_string(struct stp_context *c, char *dst, s64 v, s64 digits)
{
	dst[0] = '\0';
	stp_fp_unsupported(c);
}

s64 stp_fp_from_string(struct stp_context *c, const char *s)
{
	return stp_fp_unsupported(c);
}

#endif /* CONFIG_X86_64 */
