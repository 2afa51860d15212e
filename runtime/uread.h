/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault-safe reads of the current process's user memory (user_string,
 * user_long ...).  Handlers run with interrupts off, so pages are never
 * faulted in: memory that is not resident reads as a fault, as in
 * SystemTap.  A module loaded for an unprivileged user reads only the
 * user's own processes (stp_is_myproc()); anything else is an error.
 * Same return convention as kread.h.
 */
#ifndef STP_UREAD_H
#define STP_UREAD_H

#include <linux/types.h>

struct stp_context;

int stp_user_read(struct stp_context *c, unsigned long addr, void *dst,
		  size_t size);
/* An integer of @size bytes (1, 2, 4 or 8), sign- or zero-extended. */
s64 stp_user_read_int(struct stp_context *c, unsigned long addr,
		      unsigned int size, bool sign);
/* "user string copy fault at 0x..." on a fault. */
long stp_user_string(struct stp_context *c, char *dst, unsigned long addr,
		     size_t size);
/* Without an error, for the fallbacks; -EFAULT also for others' memory. */
long stp_user_string_nofault(char *dst, unsigned long addr, size_t size);
/* A copy that sets no error: 0 or -EFAULT (also for others' memory). */
int stp_user_read_nofault(void *dst, unsigned long addr, size_t size);
/*
 * Guru mode: stores @size bytes, or an integer of 1, 2, 4 or 8 bytes;
 * "user write fault at 0x..." on a fault.
 */
int stp_user_write(struct stp_context *c, unsigned long addr, const void *src,
		   size_t size);
int stp_user_write_int(struct stp_context *c, unsigned long addr,
		       unsigned int size, s64 val);
/* Whether this module may read the current task's user memory. */
bool stp_user_access_ok(void);

#endif /* STP_UREAD_H */
