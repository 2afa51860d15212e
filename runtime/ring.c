// SPDX-License-Identifier: GPL-2.0
/* Byte ring used by the transport; see ring.h. */

#include <linux/vmalloc.h>
#include <linux/log2.h>
#include <linux/string.h>
#include <linux/minmax.h>
#include "ring.h"

int stp_ring_init(struct stp_ring *r, size_t size)
{
	r->size = roundup_pow_of_two(size);
	r->buf = vzalloc(r->size);
	if (!r->buf)
		return -ENOMEM;
	r->head = 0;
	r->tail = 0;
	r->dropped = 0;
	raw_spin_lock_init(&r->lock);
	return 0;
}

void stp_ring_free(struct stp_ring *r)
{
	vfree(r->buf);
	r->buf = NULL;
}

/* Copies @n bytes in at the head; the caller checked the room. */
static void stp_ring_put(struct stp_ring *r, const char *p, size_t n)
{
	size_t off = r->head & (r->size - 1);
	size_t first = min(n, r->size - off);

	memcpy(r->buf + off, p, first);
	memcpy(r->buf, p + first, n - first);
	r->head += n;
}

bool stp_ring_write_record(struct stp_ring *r, const void *hdr,
			   size_t hdr_len, const char *p, size_t n)
{
	unsigned long flags;
	bool ok = false;

	raw_spin_lock_irqsave(&r->lock, flags);
	if (r->size - (size_t)(r->head - r->tail) >= hdr_len + n) {
		if (hdr_len)
			stp_ring_put(r, hdr, hdr_len);
		stp_ring_put(r, p, n);
		ok = true;
	} else {
		r->dropped += n;
	}
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return ok;
}

bool stp_ring_write(struct stp_ring *r, const char *p, size_t n)
{
	return stp_ring_write_record(r, NULL, 0, p, n);
}

size_t stp_ring_read(struct stp_ring *r, char *dst, size_t n)
{
	unsigned long flags;
	size_t off, first;

	raw_spin_lock_irqsave(&r->lock, flags);
	n = min(n, (size_t)(r->head - r->tail));
	off = r->tail & (r->size - 1);
	first = min(n, r->size - off);
	memcpy(dst, r->buf + off, first);
	memcpy(dst + first, r->buf, n - first);
	r->tail += n;
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return n;
}

bool stp_ring_empty(struct stp_ring *r)
{
	return READ_ONCE(r->head) == READ_ONCE(r->tail);
}
