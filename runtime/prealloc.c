// SPDX-License-Identifier: GPL-2.0
/* The preallocation bound; see prealloc.h. */

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>
#include "config.h"
#include "prealloc.h"

static u64 stp_prealloc_used;
static bool stp_prealloc_over;

int stp_prealloc_charge(const char *what, u64 bytes)
{
	if (bytes > STP_MAX_PREALLOC - stp_prealloc_used) {
		pr_err("stap: %s: '%s' needs %llu bytes, %llu already taken, over STP_MAX_PREALLOC (%llu bytes)\n",
		       THIS_MODULE->name, what, bytes, stp_prealloc_used,
		       (u64)STP_MAX_PREALLOC);
		stp_prealloc_over = true;
		return -E2BIG;
	}
	stp_prealloc_used += bytes;
	return 0;
}

bool stp_prealloc_refused(void)
{
	return stp_prealloc_over;
}
