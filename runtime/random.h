/* SPDX-License-Identifier: GPL-2.0 */
/* Random numbers for sampling decisions (not for cryptography). */
#ifndef STP_RANDOM_H
#define STP_RANDOM_H

#include <linux/types.h>

struct stp_context;

/* Uniform in [0, n) for 1 <= n <= 2^20; an error for other bounds. */
s64 stp_random_int(struct stp_context *c, s64 n);

#endif /* STP_RANDOM_H */
