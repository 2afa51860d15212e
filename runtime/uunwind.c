// SPDX-License-Identifier: GPL-2.0
/* User stacks from the module's unwind rows; see uunwind.h. */

#include <linux/mm_types.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/uprobes.h>
#include "usymbols.h"
#include "uunwind.h"

static int stp_uword(unsigned long *v, unsigned long addr)
{
	return copy_from_user_nofault(v, (const void __user *)addr,
				      sizeof(*v)) ? -EFAULT : 0;
}

/*
 * A return address stored at @slot that a uretprobe replaced with its
 * trampoline: the original one, from the task's return instances (each
 * remembers the stack slot it hijacked).  Only the task itself changes
 * that list and this runs in the task, but perhaps in a kernel probe
 * inside that change: each instance is read fault-safe.
 */
static unsigned long stp_uret_original(unsigned long slot, unsigned long ra)
{
#ifdef CONFIG_UPROBES
	const struct uprobe_task *ut = current->utask;
	const struct return_instance *p;
	struct return_instance ri;
	unsigned int n = 0;

	if (!ut)
		return ra;
	for (p = READ_ONCE(ut->return_instances); p && n < 64;
	     p = ri.next, n++) {
		if (copy_from_kernel_nofault(&ri, p, sizeof(ri)))
			break;
		if (ri.stack == slot)
			return ri.orig_ret_vaddr;
	}
#endif
	return ra;
}

/* The row covering file offset @off of @m, or NULL. */
static const struct stp_ucfi *stp_ucfi_at(const struct stp_umodule *m,
					  unsigned long off)
{
	unsigned int n = stp_ucount_at_or_below(m->cfi, m->ncfi, off);

	return n ? &m->cfi[n - 1] : NULL;
}

/* The frame-pointer chain: [fp] the caller's fp, [fp + 8] the return. */
static unsigned int stp_uunwind_fp(unsigned long fp, unsigned long sp,
				   unsigned long *frames, unsigned int n,
				   unsigned int max)
{
	unsigned long frame[2];

	while (n < max && fp >= sp && !(fp & 7)) {
		if (copy_from_user_nofault(frame, (const void __user *)fp,
					   sizeof(frame)) || !frame[1])
			break;
		frames[n++] = frame[1];
		if (frame[0] <= fp)
			break;
		sp = fp;
		fp = frame[0];
	}
	return n;
}

unsigned int stp_uunwind(struct pt_regs *regs, unsigned long *frames,
			 unsigned int max)
{
	unsigned long ip = instruction_pointer(regs), sp = 0, fp = 0;
	struct mm_struct *mm;
	unsigned int n = 0;

	if (!max)
		return 0;
	frames[n++] = ip;
#ifdef CONFIG_X86_64
	sp = regs->sp;
	fp = regs->bp;
	if (!stp_usymbols_loaded())
		return stp_uunwind_fp(fp, sp, frames, n, max);
	mm = stp_umap_lock();
	if (!mm)
		return n;	/* the map is busy: only the pc is sure */
	while (n < max) {
		const struct stp_ucfi *row;
		struct stp_uaddr w;
		unsigned long cfa, ra;

		/* A return address points after its call: look up the call. */
		if (!stp_uaddr_find_locked(mm, n == 1 ? ip : ip - 1, &w))
			break;
		row = stp_ucfi_at(w.mod, w.offset);
		if (!row || row->cfa == STP_CFA_NONE)
			break;
		cfa = (row->cfa == STP_CFA_SP ? sp : fp) + row->cfa_offset;
		if (cfa <= sp || stp_uword(&ra, cfa - 8) || !ra)
			break;
		if (row->fp_slot && stp_uword(&fp, cfa + row->fp_slot))
			break;
		sp = cfa;
		ip = stp_uret_original(cfa - 8, ra);
		frames[n++] = ip;
	}
	stp_umap_unlock(mm);
#endif
	return n;
}
