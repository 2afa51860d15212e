// SPDX-License-Identifier: GPL-2.0
/* Bounded lock acquisition for script globals; see lock.h. */

#include <linux/delay.h>
#include "config.h"
#include "context.h"
#include "lock.h"
#include "skip_reasons.h"

static bool stp_try_one(const struct stp_lock_req *r)
{
	int tries;

	for (tries = 0; tries < MAXTRYLOCK; tries++) {
		if (r->write ? write_trylock(r->lock) : read_trylock(r->lock))
			return true;
		ndelay(TRYLOCKDELAY);
	}
	return false;
}

static void stp_release_one(const struct stp_lock_req *r)
{
	if (r->write)
		write_unlock(r->lock);
	else
		read_unlock(r->lock);
}

int stp_lock_acquire(struct stp_context *c, const struct stp_lock_req *reqs,
		     unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!stp_try_one(&reqs[i])) {
			stp_skip_lock_timeout(reqs[i].name);
			while (i > 0)
				stp_release_one(&reqs[--i]);
			c->skipped = true;
			return -1;
		}
	}
	return 0;
}

void stp_lock_release(const struct stp_lock_req *reqs, unsigned int n)
{
	while (n > 0)
		stp_release_one(&reqs[--n]);
}
