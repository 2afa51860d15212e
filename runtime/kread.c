// SPDX-License-Identifier: GPL-2.0
/*
 * Fault-safe kernel memory access; see kread.h.  Reads go through
 * copy_from_kernel_nofault(), which also refuses user and non-canonical
 * addresses.  strncpy_from_kernel_nofault() and copy_to_kernel_nofault()
 * are not exported to modules, so strings are read page by page and
 * writes use the architecture's __put_kernel_nofault() directly.
 */

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "context.h"
#include "kread.h"
#include "mem_access.h"

int stp_kernel_read(struct stp_context *c, unsigned long addr, void *dst,
		    size_t size)
{
	if (!copy_from_kernel_nofault(dst, (const void *)addr, size))
		return 0;
	memset(dst, 0, size);
	stp_error_fmt(c, "kernel read fault at 0x%lx", addr);
	return -EFAULT;
}

s64 stp_kernel_read_int(struct stp_context *c, unsigned long addr,
			unsigned int size, bool sign)
{
	u64 v;

	if (!stp_int_size_ok(size)) {
		stp_error_fmt(c, "kernel read of %u bytes is not supported",
			      size);
		return 0;
	}
	if (stp_kernel_read(c, addr, &v, size))
		return 0;
	return stp_widen(&v, size, sign);
}

static int stp_kernel_read_nofault(void *dst, unsigned long addr, size_t size)
{
	return copy_from_kernel_nofault(dst, (const void *)addr, size) ?
		       -EFAULT : 0;
}

long stp_kernel_string_nofault(char *dst, unsigned long addr, size_t size)
{
	return stp_string_by_pages(stp_kernel_read_nofault, dst, addr, size);
}

long stp_kernel_string(struct stp_context *c, char *dst, unsigned long addr,
		       size_t size)
{
	long len = stp_kernel_string_nofault(dst, addr, size);

	if (len < 0)
		stp_error_fmt(c, "kernel string copy fault at 0x%lx", addr);
	return len;
}

/*
 * Both ends readable means the range is canonical kernel memory, so a
 * store can only take a page fault (say, on read-only data), which the
 * exception table turns into -EFAULT.
 */
static bool stp_kernel_range_ok(unsigned long addr, size_t size)
{
	u8 probe;

	if (!size)
		return true;
	return !copy_from_kernel_nofault(&probe, (const void *)addr, 1) &&
	       !copy_from_kernel_nofault(&probe,
					 (const void *)(addr + size - 1), 1);
}

int stp_kernel_write(struct stp_context *c, unsigned long addr,
		     const void *src, size_t size)
{
	const u8 *from = src;
	size_t i;

	if (!stp_kernel_range_ok(addr, size))
		goto fault;
	pagefault_disable();
	for (i = 0; i < size; i++)
		__put_kernel_nofault((u8 *)(addr + i), from + i, u8, efault);
	pagefault_enable();
	return 0;
efault:
	pagefault_enable();
fault:
	stp_error_fmt(c, "kernel write fault at 0x%lx", addr);
	return -EFAULT;
}

int stp_kernel_write_int(struct stp_context *c, unsigned long addr,
			 unsigned int size, s64 val)
{
	u64 bytes;

	if (!stp_int_size_ok(size)) {
		stp_error_fmt(c, "kernel write of %u bytes is not supported",
			      size);
		return -EINVAL;
	}
	stp_narrow(&bytes, size, val);
	return stp_kernel_write(c, addr, &bytes, size);
}

int stp_kernel_write_string(struct stp_context *c, unsigned long addr,
			    const char *s)
{
	return stp_kernel_write(c, addr, s, strnlen(s, MAXSTRINGLEN - 1) + 1);
}
