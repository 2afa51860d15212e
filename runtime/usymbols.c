// SPDX-License-Identifier: GPL-2.0
/* User-space symbol fallbacks; see usymbols.h. */

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "kread.h"
#include "task_info.h"
#include "usymbols.h"

void stp_usymbol_name(char *dst, size_t size, unsigned long addr)
{
	scnprintf(dst, size, "0x%lx", addr);
}

/*
 * The executable's dentry name, read fault-safe under RCU: d_path()
 * would take seqlocks the probed code may hold.
 */
void stp_umodule_name(char *dst, size_t size, unsigned long addr)
{
	struct mm_struct *mm = stp_task_user_mm(current);
	const unsigned char *name = NULL;
	struct file *exe;
	long len = -1;

	if (mm && addr >= mm->start_code &&
	    addr < mm->end_code) {
		rcu_read_lock();
		exe = rcu_dereference(mm->exe_file);
		if (exe) {
			struct dentry *d = exe->f_path.dentry;

			if (copy_from_kernel_nofault(&name, &d->d_name.name,
						     sizeof(name)))
				name = NULL;
		}
		if (name)
			len = stp_kernel_string_nofault(dst, (unsigned long)name,
							size);
		rcu_read_unlock();
	}
	if (len <= 0)
		strscpy(dst, "<unknown>", size);
}

void stp_usymbol_data(char *dst, size_t size, unsigned long addr)
{
	size_t len = scnprintf(dst, size, "0x%lx [", addr);

	if (len + 2 >= size)
		return;
	stp_umodule_name(dst + len, size - len - 1, addr);
	len += strlen(dst + len);
	dst[len++] = ']';
	dst[len] = '\0';
}
