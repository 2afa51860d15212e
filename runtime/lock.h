/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Locks on script globals.  The generated prologue of a probe takes, in
 * one fixed order (the globals' declaration order), a read or write lock
 * for each global it uses; it tries MAXTRYLOCK times, TRYLOCKDELAY ns
 * apart, and skips the probe rather than spin forever.  Since every probe
 * locks in the same order and never waits indefinitely, no deadlock.
 */
#ifndef STP_LOCK_H
#define STP_LOCK_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct stp_context;

struct stp_lock_req {
	rwlock_t *lock;
	bool write;
	const char *name;	/* the global's, for the skip summary */
};

/* 0 with all locks held, or -1 with none held and c->skipped set. */
int stp_lock_acquire(struct stp_context *c, const struct stp_lock_req *reqs,
		     unsigned int n);
void stp_lock_release(const struct stp_lock_req *reqs, unsigned int n);

#endif /* STP_LOCK_H */
