/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A byte ring with all-or-nothing writes, safe from any context but NMI.
 * Readers copy out under the lock into their own buffer, never to user
 * space, so the lock is never held across a fault.
 */
#ifndef STP_RING_H
#define STP_RING_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct stp_ring {
	char *buf;
	size_t size;		/* power of two */
	u64 head;		/* total bytes written */
	u64 tail;		/* total bytes read */
	u64 dropped;		/* bytes refused because the ring was full */
	raw_spinlock_t lock;
};

int stp_ring_init(struct stp_ring *r, size_t size);
void stp_ring_free(struct stp_ring *r);
bool stp_ring_write(struct stp_ring *r, const char *p, size_t n);
/*
 * One record: @hdr (framing) then @p, both or neither.  A refused record
 * counts only its @n payload bytes as dropped.
 */
bool stp_ring_write_record(struct stp_ring *r, const void *hdr,
			   size_t hdr_len, const char *p, size_t n);
size_t stp_ring_read(struct stp_ring *r, char *dst, size_t n);
bool stp_ring_empty(struct stp_ring *r);

#endif /* STP_RING_H */
