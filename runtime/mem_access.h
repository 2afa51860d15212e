/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What kernel reads (kread.c) and user reads (uread.c) share: the integer
 * sizes a read may have, widening the bytes read to s64 (and narrowing
 * what guru mode writes), and copying a
 * string a page at a time.  A string may end anywhere, so each copy stops
 * at the end of its page: a string that ends just before an unmapped page
 * still reads cleanly.  @read is one of the two _nofault readers; the
 * helper is inlined into each file, so no indirect call remains.
 */
#ifndef STP_MEM_ACCESS_H
#define STP_MEM_ACCESS_H

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/types.h>

static inline bool stp_int_size_ok(unsigned int size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/* @p holds an integer of @size bytes: sign- or zero-extend it. */
static inline s64 stp_widen(const void *p, unsigned int size, bool sign)
{
	switch (size) {
	case 1:
		return sign ? (s64)*(const s8 *)p : (s64)*(const u8 *)p;
	case 2:
		return sign ? (s64)*(const s16 *)p : (s64)*(const u16 *)p;
	case 4:
		return sign ? (s64)*(const s32 *)p : (s64)*(const u32 *)p;
	default:
		return *(const s64 *)p;
	}
}

/* @val cut to @size bytes (1, 2, 4 or 8, checked by the caller) in @p. */
static inline void stp_narrow(void *p, unsigned int size, s64 val)
{
	switch (size) {
	case 1:
		*(u8 *)p = val;
		break;
	case 2:
		*(u16 *)p = val;
		break;
	case 4:
		*(u32 *)p = val;
		break;
	default:
		*(u64 *)p = val;
	}
}

/* Length of the string copied into @dst (at most @size - 1), or -EFAULT. */
static __always_inline long
stp_string_by_pages(int (*read)(void *dst, unsigned long addr, size_t size),
		    char *dst, unsigned long addr, size_t size)
{
	size_t done = 0;

	if (!size)
		return 0;
	while (done < size - 1) {
		unsigned long at = addr + done;
		size_t chunk = min_t(size_t, size - 1 - done,
				     PAGE_SIZE - offset_in_page(at));
		const char *nul;

		if (read(dst + done, at, chunk)) {
			dst[0] = '\0';
			return -EFAULT;
		}
		nul = memchr(dst + done, '\0', chunk);
		if (nul)
			return nul - dst;
		done += chunk;
	}
	dst[size - 1] = '\0';
	return size - 1;
}

#endif /* STP_MEM_ACCESS_H */
