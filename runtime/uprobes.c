// SPDX-License-Identifier: GPL-2.0
/* uprobes and uretprobes by file and offset; see uprobes.h. */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/namei.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/uprobes.h>
#include "compat.h"
#include "privilege.h"
#include "session.h"
#include "skip_reasons.h"
#include "task_info.h"
#include "transport.h"
#include "uprobe_entries.h"
#include "uprobes.h"
#include "uread.h"
#include "user_build_id.h"

/*
 * Whether current is @u's process (any, without pid) and runs its
 * executable (any, without process_path).
 */
static bool stp_uprobe_in_process(const struct stp_uprobe_probe *u)
{
	struct file *exe;
	bool ok;

	if (u->pid && task_tgid_nr(current) != u->pid)
		return false;
	if (!u->process_path)
		return true;
	if (!current->mm)
		return false;
	rcu_read_lock();
	exe = rcu_dereference(current->mm->exe_file);
	ok = exe && (file_inode(exe) == d_inode(u->process.dentry) ||
		     file_inode(exe) == d_real_inode(u->process.dentry));
	rcu_read_unlock();
	return ok;
}

/* @uc's probe when its hit in current may run, else NULL. */
static struct stp_uprobe_probe *stp_uprobe_admit(struct uprobe_consumer *uc)
{
	struct stp_uprobe_probe *u = container_of(uc, struct stp_uprobe_probe,
						  uc);

	return stp_uprobe_in_process(u) && stp_probe_gate() ? u : NULL;
}

/*
 * Whether a .callee probe's function, entered at @entry, returns to
 * @ret: one of the caller's call sites.  -DSTAP_CALLEE_MATCHALL accepts
 * any caller, as in SystemTap.
 */
static bool stp_uprobe_called_from(const struct stp_uprobe_probe *u,
				   unsigned long entry, unsigned long ret)
{
	unsigned int i;

#ifdef STAP_CALLEE_MATCHALL
	return true;
#endif
	for (i = 0; i < u->ncallers; i++)
		if (ret == entry + u->callers[i])
			return true;
	return !u->ncallers;
}

/*
 * At the function's first instruction (@regs) the return address is on
 * top of the stack.
 */
static bool stp_uprobe_from_caller(const struct stp_uprobe_probe *u,
				   struct pt_regs *regs)
{
	unsigned long ret;

	if (!u->ncallers)
		return true;
	if (stp_user_read_nofault(&ret, user_stack_pointer(regs), sizeof(ret)))
		return false;
	return stp_uprobe_called_from(u, instruction_pointer(regs), ret);
}

/*
 * At its return the kernel has set @regs' instruction pointer back to
 * the return address, and @func is the probed entry.
 */
static bool stp_uprobe_returns_to_caller(const struct stp_uprobe_probe *u,
					 unsigned long func,
					 struct pt_regs *regs)
{
	return stp_uprobe_called_from(u, func, instruction_pointer(regs));
}

static void stp_uprobe_run(struct stp_uprobe_probe *u, struct pt_regs *regs)
{
	if (u->sdt_args)
		stp_probe_run_sdt(u->probe, STP_SESSION_RUNNING, regs,
				  u->sdt_args, u->sdt_nargs);
	else
		stp_probe_run(u->probe, STP_SESSION_RUNNING, regs);
}

static int stp_uprobe_hit(struct uprobe_consumer *uc,
			  struct pt_regs *regs STP_UPROBE_HANDLER_DATA)
{
	struct stp_uprobe_probe *u = stp_uprobe_admit(uc);

	if (u && stp_uprobe_from_caller(u, regs))
		stp_uprobe_run(u, regs);
	return 0;
}

static int stp_uretprobe_hit(struct uprobe_consumer *uc, unsigned long func,
			     struct pt_regs *regs STP_UPROBE_HANDLER_DATA)
{
	struct stp_uprobe_probe *u = stp_uprobe_admit(uc);

	if (u && stp_uprobe_returns_to_caller(u, func, regs))
		stp_uprobe_run(u, regs);
	return 0;
}

/* The entry half of a return probe with entry values: saves them. */
static int stp_uprobe_entry_hit(struct uprobe_consumer *uc,
				struct pt_regs *regs STP_UPROBE_HANDLER_DATA)
{
	struct stp_uprobe_probe *u = stp_uprobe_admit(uc);
	struct stp_uentry *e;

	if (!u || !stp_uprobe_from_caller(u, regs))
		return 0;
	e = stp_uentry_alloc();
	if (!e)
		return 0;	/* counted; its return is skipped */
	e->failed = !stp_probe_run_values(u->entry, STP_SESSION_RUNNING, regs,
					  e->values);
	stp_uentry_insert(e, u, user_stack_pointer(regs));
	return 0;
}

/*
 * Its return half: the record of the frame that returns, entered with
 * the stack pointer one return address below the one now.
 */
static int stp_uretprobe_values_hit(struct uprobe_consumer *uc,
				    unsigned long func,
				    struct pt_regs *regs STP_UPROBE_HANDLER_DATA)
{
	struct stp_uprobe_probe *u = stp_uprobe_admit(uc);
	struct stp_uentry *e;

	if (!u || !stp_uprobe_returns_to_caller(u, func, regs))
		return 0;
	e = stp_uentry_take(u, user_stack_pointer(regs) - sizeof(long));
	if (!e) {
		stp_skip_missing_entry();
		atomic_inc(&stp_skipped_count);
		return 0;
	}
	if (!e->failed)
		stp_probe_run_values(u->probe, STP_SESSION_RUNNING, regs,
				     e->values);
	stp_uentry_free(e);
	return 0;
}

/* Opens @u's file and checks its build-id; fills @why on failure. */
static int stp_uprobe_open(struct stp_uprobe_probe *u, char *why, size_t n)
{
	int ret = stp_hold_checked_file(u->path, u->build_id, &u->file, why,
					n);

	if (ret == -ESTALE)
		strlcat(why, ": not probed", n);
	return ret;
}

static void stp_uprobe_put_paths(struct stp_uprobe_probe *u)
{
	path_put(&u->file);
	if (u->process_path)
		path_put(&u->process);
}

/*
 * The kernel raises a mark's semaphore in every process that maps the file,
 * other users' too: an unprivileged session must not write into those, so
 * it arms the mark without its semaphore (the mark still fires where the
 * program does not test *_ENABLED()), and says so once.
 */
static unsigned long stp_uprobe_ref_ctr(const struct stp_uprobe_probe *u)
{
	static atomic_t warned = ATOMIC_INIT(0);
	char why[320];

	if (!u->ref_ctr_offset || !stp_is_unprivileged())
		return u->ref_ctr_offset;
	if (!atomic_xchg(&warned, 1)) {
		snprintf(why, sizeof(why),
			 "SDT semaphores are not raised for an unprivileged "
			 "user (the kernel would raise them in other users' "
			 "processes too): marks of '%s' guarded by *_ENABLED() "
			 "do not fire", u->path);
		stp_transport_msg("warning", why, NULL);
	}
	return 0;
}

static int stp_uprobe_register(struct stp_uprobe_probe *u, char *why,
			       size_t n)
{
	unsigned long ref_ctr = stp_uprobe_ref_ctr(u);
	struct inode *inode;
	int ret;

	if (u->process_path) {
		ret = kern_path(u->process_path, LOOKUP_FOLLOW, &u->process);
		if (ret) {
			snprintf(why, n, "cannot find '%s' (%d)", u->process_path,
				 ret);
			return ret;
		}
	}
	ret = stp_uprobe_open(u, why, n);
	if (ret) {
		if (u->process_path)
			path_put(&u->process);
		return ret;
	}
	/* Overlay files are mapped through the inode underneath. */
	inode = d_real_inode(u->file.dentry);
	memset(&u->uc, 0, sizeof(u->uc));
	if (u->is_return && u->entry) {
		u->uc.handler = stp_uprobe_entry_hit;
		u->uc.ret_handler = stp_uretprobe_values_hit;
	} else if (u->is_return)
		u->uc.ret_handler = stp_uretprobe_hit;
	else
		u->uc.handler = stp_uprobe_hit;
#ifdef STAPCONF_UPROBE_REGISTER_RETURNS_UPROBE
	u->uprobe = uprobe_register(inode, u->offset, ref_ctr,
				    &u->uc);
	ret = IS_ERR(u->uprobe) ? PTR_ERR(u->uprobe) : 0;
#elif defined(STAPCONF_UPROBE_REGISTER_REFCTR)
	ret = ref_ctr ?
		uprobe_register_refctr(inode, u->offset, ref_ctr,
				       &u->uc) :
		uprobe_register(inode, u->offset, &u->uc);
#else
	if (ref_ctr) {
		snprintf(why, n, "this kernel cannot update the semaphore of "
			 "the mark at offset 0x%lx of '%s'", u->offset,
			 u->path);
		stp_uprobe_put_paths(u);
		return -EOPNOTSUPP;
	}
	ret = uprobe_register(inode, u->offset, &u->uc);
#endif
	if (ret) {
		snprintf(why, n, "cannot register a %s at offset 0x%lx of '%s' (%d)",
			 u->is_return ? "uretprobe" : "uprobe", u->offset,
			 u->path, ret);
		stp_uprobe_put_paths(u);
	}
	return ret;
}

static void stp_uprobe_disarm(void *probes, unsigned int count)
{
	struct stp_uprobe_probe *ups = probes;
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct stp_uprobe_probe *u = &ups[i];

		if (!u->armed)
			continue;
#ifdef STAPCONF_UPROBE_REGISTER_RETURNS_UPROBE
		uprobe_unregister_nosync(u->uprobe, &u->uc);
#else
		/* Waits for running handlers (the uprobe's register_rwsem). */
		uprobe_unregister(d_real_inode(u->file.dentry), u->offset,
				  &u->uc);
#endif
	}
#ifdef STAPCONF_UPROBE_REGISTER_RETURNS_UPROBE
	/* No handler runs once this returns. */
	uprobe_unregister_sync();
#endif
	for (i = 0; i < count; i++) {
		if (!ups[i].armed)
			continue;
		stp_uprobe_put_paths(&ups[i]);
		ups[i].armed = false;
	}
	stp_uentry_disarm();
}

/* The entry-value table, sized for the largest record: 0 or -errno. */
static int stp_uprobe_arm_entries(struct stp_uprobe_probe *ups,
				  unsigned int count)
{
	unsigned int i, size = 0;
	char why[160];
	int ret;

	for (i = 0; i < count; i++)
		if (ups[i].entry && ups[i].entry_size > size)
			size = ups[i].entry_size;
	if (!size)
		return 0;
	ret = stp_uentry_arm(size, why, sizeof(why));
	if (ret)
		stp_transport_msg("error", why, NULL);
	return ret;
}

static int stp_uprobe_arm(void *probes, unsigned int count)
{
	struct stp_uprobe_probe *ups = probes;
	unsigned int i;
	int ret;

	ret = stp_uprobe_arm_entries(ups, count);
	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		struct stp_uprobe_probe *u = &ups[i];
		char why[400];
		int n;

		ret = stp_uprobe_register(u, why, sizeof(why));
		if (!ret) {
			u->armed = true;
			continue;
		}
		n = strlen(why);
		snprintf(why + n, sizeof(why) - n, " for probe point %s",
			 u->probe->pp);
		if (u->optional) {
			stp_transport_msg("warning", why, NULL);
			continue;
		}
		stp_transport_msg("error", why, NULL);
		stp_uprobe_disarm(probes, i);
		return ret;
	}
	return 0;
}

const struct stp_provider stp_provider_uprobe = {
	.name = "uprobe",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_uprobe_arm,
	.disarm = stp_uprobe_disarm,
};
