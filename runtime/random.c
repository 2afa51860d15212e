// SPDX-License-Identifier: GPL-2.0
/* randint(); see random.h. */

#include <linux/random.h>
#include "compat.h"
#include "context.h"
#include "random.h"

#define STP_RANDINT_MAX (1 << 20)

s64 stp_random_int(struct stp_context *c, s64 n)
{
	if (n < 1 || n > STP_RANDINT_MAX) {
		stp_error_fmt(c, "randint: bound %lld is not 1 to %d", n,
			      STP_RANDINT_MAX);
		return 0;
	}
	/* The bound is small, so the modulo bias is below 2^-12. */
	return stp_random_u32() % (u32)n;
}
