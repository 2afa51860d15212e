// SPDX-License-Identifier: GPL-2.0
/*
 * User memory of the current task; see uread.h.  copy_from_user_nofault()
 * runs with page faults disabled and refuses kernel addresses; a kernel
 * thread (no mm) has no user memory at all, even while it borrows the
 * previous task's page tables.  strncpy_from_user_nofault() is not
 * exported, so strings are read page by page.
 */

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "context.h"
#include "privilege.h"
#include "task_info.h"
#include "uread.h"
#include "mem_access.h"

bool stp_user_access_ok(void)
{
	/* Only current's memory is mapped: a probe about another task
	 * (process.begin of a new child) reads none. */
	if (!stp_task_user_mm(current) || stp_subject_task() != current)
		return false;
	return stp_current_is_allowed();
}

int stp_user_read_nofault(void *dst, unsigned long addr, size_t size)
{
	if (!stp_user_access_ok() ||
	    copy_from_user_nofault(dst, (const void __user *)addr, size))
		return -EFAULT;
	return 0;
}

static void stp_user_fault(struct stp_context *c, const char *what,
			   unsigned long addr)
{
	if (stp_subject_task() != current)
		stp_error_fmt(c, "user memory of pid %d is not mapped in this "
			      "probe", task_tgid_nr(stp_subject_task()));
	else if (stp_task_user_mm(current) && !stp_current_is_allowed())
		stp_error_fmt(c, "user memory of pid %d is not the user's own",
			      task_tgid_nr(current));
	else
		stp_error_fmt(c, "%s fault at 0x%lx", what, addr);
}

int stp_user_read(struct stp_context *c, unsigned long addr, void *dst,
		  size_t size)
{
	if (!stp_user_read_nofault(dst, addr, size))
		return 0;
	memset(dst, 0, size);
	stp_user_fault(c, "user read", addr);
	return -EFAULT;
}

s64 stp_user_read_int(struct stp_context *c, unsigned long addr,
		      unsigned int size, bool sign)
{
	u64 v;

	if (!stp_int_size_ok(size)) {
		stp_error_fmt(c, "user read of %u bytes is not supported",
			      size);
		return 0;
	}
	if (stp_user_read(c, addr, &v, size))
		return 0;
	return stp_widen(&v, size, sign);
}

long stp_user_string_nofault(char *dst, unsigned long addr, size_t size)
{
	return stp_string_by_pages(stp_user_read_nofault, dst, addr, size);
}

long stp_user_string(struct stp_context *c, char *dst, unsigned long addr,
		     size_t size)
{
	long len = stp_user_string_nofault(dst, addr, size);

	if (len < 0)
		stp_user_fault(c, "user string copy", addr);
	return len;
}

int stp_user_write(struct stp_context *c, unsigned long addr, const void *src,
		   size_t size)
{
	if (stp_user_access_ok() &&
	    !copy_to_user_nofault((void __user *)addr, src, size))
		return 0;
	stp_user_fault(c, "user write", addr);
	return -EFAULT;
}

int stp_user_write_int(struct stp_context *c, unsigned long addr,
		       unsigned int size, s64 val)
{
	u64 bytes;

	if (!stp_int_size_ok(size)) {
		stp_error_fmt(c, "user write of %u bytes is not supported", size);
		return -EINVAL;
	}
	stp_narrow(&bytes, size, val);
	return stp_user_write(c, addr, &bytes, size);
}
