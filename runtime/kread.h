/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault-safe access to kernel memory for tapset functions (kernel_long,
 * kernel_string, set_kernel_*, task_* ...).  Probe handlers run with
 * interrupts off: nothing here sleeps or takes a lock, and a bad address
 * sets the run-time error "kernel read fault at 0x..." (or "kernel string
 * copy fault", "kernel write fault") instead of oopsing.  Each function
 * returns 0 (or a length) on success and a negative errno on a fault, so
 * tapset code may also test the result for fallbacks.
 */
#ifndef STP_KREAD_H
#define STP_KREAD_H

#include <linux/types.h>

struct stp_context;

/* Copies @size bytes at @addr into @dst; on a fault @dst is zeroed. */
int stp_kernel_read(struct stp_context *c, unsigned long addr, void *dst,
		    size_t size);
/* An integer of @size bytes (1, 2, 4 or 8), sign- or zero-extended. */
s64 stp_kernel_read_int(struct stp_context *c, unsigned long addr,
			unsigned int size, bool sign);
/*
 * A NUL-terminated string of at most @size - 1 bytes (longer strings are
 * truncated).  Returns its length, or -EFAULT with an error set.
 */
long stp_kernel_string(struct stp_context *c, char *dst, unsigned long addr,
		       size_t size);
/* The same without setting an error: for the *_string2 fallbacks. */
long stp_kernel_string_nofault(char *dst, unsigned long addr, size_t size);
/* Guru mode: stores @size bytes, or an integer, or a string with its NUL. */
int stp_kernel_write(struct stp_context *c, unsigned long addr,
		     const void *src, size_t size);
int stp_kernel_write_int(struct stp_context *c, unsigned long addr,
			 unsigned int size, s64 val);
int stp_kernel_write_string(struct stp_context *c, unsigned long addr,
			    const char *s);

/*
 * A field of a kernel object behind a pointer that may be bad:
 * stp_kderef(c, task, real_parent).  Zero (NULL) with an error set on a
 * fault.  Only computes &ptr->field, never dereferences ptr itself.
 */
#define stp_kderef(c, ptr, field)                                           \
	({                                                                  \
		/* The union drops the const a field of a const struct has. */ \
		union {                                                     \
			__typeof__((ptr)->field) v;                         \
			char bytes[sizeof((ptr)->field)];                   \
		} stp_kderef_u_;                                            \
		stp_kernel_read((c), (unsigned long)&(ptr)->field,          \
				stp_kderef_u_.bytes,                        \
				sizeof(stp_kderef_u_.bytes));               \
		stp_kderef_u_.v;                                            \
	})

#endif /* STP_KREAD_H */
