// SPDX-License-Identifier: GPL-2.0
/* User-space symbols from the module's tables; see usymbols.h. */

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "context.h"
#include "probe.h"
#include "task_info.h"
#include "transport.h"
#include "uread.h"
#include "user_build_id.h"
#include "usymbols.h"

/* The armed tables; NULL before arm and after disarm. */
static struct stp_umodule *stp_umods;
static unsigned int stp_umod_count;

static int stp_usymbols_arm(void *probes, unsigned int count)
{
	struct stp_umodule *mods = probes;
	char why[400];
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct stp_umodule *m = &mods[i];

		m->inode = NULL;
		if (stp_hold_checked_file(m->path, m->build_id, &m->file, why,
					  sizeof(why))) {
			strlcat(why, ": its addresses are shown in hex",
				sizeof(why));
			stp_transport_msg("warning", why, NULL);
			continue;
		}
		/* Overlay files are mapped through the inode underneath. */
		m->inode = d_real_inode(m->file.dentry);
	}
	stp_umod_count = count;
	smp_store_release(&stp_umods, mods);
	return 0;
}

/*
 * First disarmed (armed last): handlers may still run, but a lookup only
 * compares a VMA's inode with ours, never dereferences ours, so putting
 * the paths here is safe; such a handler shows hex.
 */
static void stp_usymbols_disarm(void *probes, unsigned int count)
{
	struct stp_umodule *mods = probes;
	unsigned int i;

	WRITE_ONCE(stp_umods, NULL);
	for (i = 0; i < count; i++)
		if (mods[i].inode) {
			WRITE_ONCE(mods[i].inode, NULL);
			path_put(&mods[i].file);
		}
}

const struct stp_provider stp_provider_usymbols = {
	.name = "usymbols",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_usymbols_arm,
	.disarm = stp_usymbols_disarm,
};

bool stp_usymbols_loaded(void)
{
	return READ_ONCE(stp_umods) != NULL;
}

struct mm_struct *stp_umap_lock(void)
{
	struct mm_struct *mm = stp_task_user_mm(current);

	/* The lock is a sleeping one: only ever tried, and only where the
	 * task itself runs (not in an interrupt that stopped it). */
	if (!mm || !in_task() || !READ_ONCE(stp_umods))
		return NULL;
	return mmap_read_trylock(mm) ? mm : NULL;
}

void stp_umap_unlock(struct mm_struct *mm)
{
	if (mm)
		mmap_read_unlock(mm);
}

static const struct stp_usym *stp_usym_at(const struct stp_umodule *m,
					  unsigned long off)
{
	unsigned int lo = stp_ucount_at_or_below(m->syms, m->nsyms, off);

	if (!lo)
		return NULL;
	if (off - m->syms[lo - 1].offset >= max(m->syms[lo - 1].size, 1UL))
		return NULL;
	return &m->syms[lo - 1];
}

bool stp_uaddr_find_locked(struct mm_struct *mm, unsigned long addr,
			   struct stp_uaddr *where)
{
	struct stp_umodule *mods = smp_load_acquire(&stp_umods);
	struct vm_area_struct *vma = find_vma(mm, addr);
	const struct inode *inode;
	unsigned int i;

	memset(where, 0, sizeof(*where));
	if (!mods || !vma || addr < vma->vm_start || !vma->vm_file)
		return false;
	inode = d_real_inode(vma->vm_file->f_path.dentry);
	for (i = 0; i < stp_umod_count; i++)
		if (READ_ONCE(mods[i].inode) == inode)
			break;
	if (i == stp_umod_count)
		return false;
	where->mod = &mods[i];
	where->offset = addr - vma->vm_start + (vma->vm_pgoff << PAGE_SHIFT);
	where->sym = stp_usym_at(where->mod, where->offset);
	return true;
}

/* @addr of the current process, looked up under a tried lock. */
static bool stp_uaddr_find(unsigned long addr, struct stp_uaddr *where)
{
	struct mm_struct *mm = stp_umap_lock();
	bool found = false;

	memset(where, 0, sizeof(*where));
	if (mm) {
		found = stp_uaddr_find_locked(mm, addr, where);
		stp_umap_unlock(mm);
	}
	return found;
}

bool stp_usymbols_allowed(struct stp_context *c)
{
	if (stp_user_access_ok())
		return true;
	stp_error_fmt(c, "user symbols of pid %d are not the user's own",
		      task_tgid_nr(current));
	return false;
}

void stp_usymbol_name(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr)
{
	struct stp_uaddr w;

	if (stp_usymbols_allowed(c) && stp_uaddr_find(addr, &w) && w.sym)
		strscpy(dst, w.sym->name, size);
	else
		scnprintf(dst, size, "0x%lx", addr);
}

void stp_usymbol_data_nocheck(char *dst, size_t size, unsigned long addr)
{
	struct stp_uaddr w;

	if (!stp_user_access_ok() || !stp_uaddr_find(addr, &w))
		scnprintf(dst, size, "0x%lx", addr);
	else if (w.sym)
		scnprintf(dst, size, "%s+0x%lx/0x%lx [%s]", w.sym->name,
			  w.offset - w.sym->offset, w.sym->size, w.mod->path);
	else
		scnprintf(dst, size, "0x%lx [%s+0x%lx]", addr, w.mod->path,
			  w.offset);
}

void stp_usymbol_data(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr)
{
	if (stp_usymbols_allowed(c))
		stp_usymbol_data_nocheck(dst, size, addr);
	else
		scnprintf(dst, size, "0x%lx", addr);
}

void stp_usymbol_brief(char *dst, size_t size, unsigned long addr)
{
	struct stp_uaddr w;

	if (stp_user_access_ok() && stp_uaddr_find(addr, &w) && w.sym)
		scnprintf(dst, size, "%s+0x%lx", w.sym->name,
			  w.offset - w.sym->offset);
	else
		scnprintf(dst, size, "0x%lx", addr);
}

void stp_umodule_name(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr)
{
	struct stp_uaddr w;

	dst[0] = '\0';
	if (!stp_usymbols_allowed(c))
		return;
	if (stp_uaddr_find(addr, &w))
		strscpy(dst, w.mod->path, size);
	else
		stp_error_fmt(c, "no module known for user address 0x%lx",
			      addr);
}

unsigned long stp_umodule_address(struct stp_context *c, const char *path,
				  unsigned long offset)
{
	struct stp_umodule *mods = smp_load_acquire(&stp_umods);
	const struct inode *inode = NULL;
	unsigned long start = 0;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned int i;

	if (!stp_usymbols_allowed(c))
		return 0;
	for (i = 0; mods && i < stp_umod_count; i++)
		if (!strcmp(mods[i].path, path)) {
			inode = READ_ONCE(mods[i].inode);
			break;
		}
	if (!inode) {
		stp_error_fmt(c, "'%s' is not the file the script was "
			      "translated for", path);
		return 0;
	}
	mm = stp_umap_lock();
	if (!mm) {
		stp_error_fmt(c, "the memory map of pid %d cannot be read "
			      "here", task_tgid_nr(current));
		return 0;
	}
	{
		/* In address order: the first is the lowest mapping. */
		VMA_ITERATOR(vmi, mm, 0);

		for_each_vma(vmi, vma)
			if (vma->vm_file &&
			    d_real_inode(vma->vm_file->f_path.dentry) == inode) {
				start = vma->vm_start;
				break;
			}
	}
	stp_umap_unlock(mm);
	if (!start)
		stp_error_fmt(c, "'%s' is not mapped in pid %d", path,
			      task_tgid_nr(current));
	return start ? start + offset : 0;
}

/* The line holding file offset @off of @m, or NULL. */
static const struct stp_uline *stp_uline_at(const struct stp_umodule *m,
					    unsigned long off)
{
	unsigned int n = stp_ucount_at_or_below(m->lines, m->nlines, off);

	return n && m->lines[n - 1].line ? &m->lines[n - 1] : NULL;
}

bool stp_uline_find_nocheck(unsigned long addr, const char **file,
			    unsigned int *line)
{
	const struct stp_uline *l = NULL;
	struct stp_uaddr w;

	if (stp_user_access_ok() && stp_uaddr_find(addr, &w))
		l = stp_uline_at(w.mod, w.offset);
	if (!l)
		return false;
	*file = w.mod->line_files[l->file];
	*line = l->line;
	return true;
}

void stp_usymbol_line(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr, enum stp_uline_part part)
{
	const char *file;
	unsigned int line;

	if (!stp_usymbols_allowed(c) ||
	    !stp_uline_find_nocheck(addr, &file, &line))
		scnprintf(dst, size, "0x%lx", addr);
	else if (part == STP_ULINE_FILE)
		strscpy(dst, file, size);
	else if (part == STP_ULINE_LINE)
		scnprintf(dst, size, "%u", line);
	else
		scnprintf(dst, size, "%s:%u", file, line);
}
