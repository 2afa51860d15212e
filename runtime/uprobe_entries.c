// SPDX-License-Identifier: GPL-2.0
/* Entry values of uretprobe probes; see uprobe_entries.h. */

#include <linux/hash.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/tracepoint.h>
#include <linux/vmalloc.h>
#include "prealloc.h"
#include "tracepoints.h"
#include "uprobe_entries.h"

#define STP_UENTRY_BITS 8

atomic_t stp_uentry_full = ATOMIC_INIT(0);

static DEFINE_RAW_SPINLOCK(stp_uentry_lock);
static struct hlist_head stp_uentry_buckets[1 << STP_UENTRY_BITS];
static HLIST_HEAD(stp_uentry_free_list);
static void *stp_uentry_pool;
static size_t stp_uentry_size;	/* bytes of one record */
static struct tracepoint *stp_uentry_exit_tp, *stp_uentry_exec_tp,
	*stp_uentry_fork_tp;

static struct hlist_head *stp_uentry_bucket(struct task_struct *t)
{
	return &stp_uentry_buckets[hash_ptr(t, STP_UENTRY_BITS)];
}

/* Drops @t's dead records (@all: every one); the lock is held. */
static void stp_uentry_drop(struct task_struct *t, const void *owner,
			    unsigned long sp, bool all)
{
	struct stp_uentry *e;
	struct hlist_node *tmp;

	lockdep_assert_held(&stp_uentry_lock);
	hlist_for_each_entry_safe(e, tmp, stp_uentry_bucket(t), node) {
		if (e->task != t)
			continue;
		/* Below @sp: a frame that is gone.  At @sp and the same
		 * probe: an earlier call at this depth that never returned. */
		if (all || e->sp < sp || (e->sp == sp && e->owner == owner)) {
			hlist_del(&e->node);
			hlist_add_head(&e->node, &stp_uentry_free_list);
		}
	}
}

struct stp_uentry *stp_uentry_alloc(void)
{
	struct stp_uentry *e = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&stp_uentry_lock, flags);
	if (!hlist_empty(&stp_uentry_free_list)) {
		e = hlist_entry(stp_uentry_free_list.first, struct stp_uentry,
				node);
		hlist_del(&e->node);
	}
	raw_spin_unlock_irqrestore(&stp_uentry_lock, flags);
	if (!e)
		atomic_inc(&stp_uentry_full);
	else
		memset(e->values, 0, stp_uentry_size - sizeof(*e));
	return e;
}

void stp_uentry_free(struct stp_uentry *e)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&stp_uentry_lock, flags);
	hlist_add_head(&e->node, &stp_uentry_free_list);
	raw_spin_unlock_irqrestore(&stp_uentry_lock, flags);
}

void stp_uentry_insert(struct stp_uentry *e, const void *owner,
		       unsigned long sp)
{
	unsigned long flags;

	e->owner = owner;
	e->task = current;
	e->sp = sp;
	raw_spin_lock_irqsave(&stp_uentry_lock, flags);
	stp_uentry_drop(current, owner, sp, false);
	hlist_add_head(&e->node, stp_uentry_bucket(current));
	raw_spin_unlock_irqrestore(&stp_uentry_lock, flags);
}

struct stp_uentry *stp_uentry_take(const void *owner, unsigned long sp)
{
	struct stp_uentry *e, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&stp_uentry_lock, flags);
	/* The newest first: a chained (tail) call at the same depth. */
	hlist_for_each_entry(e, stp_uentry_bucket(current), node) {
		if (e->task == current && e->owner == owner && e->sp == sp) {
			found = e;
			break;
		}
	}
	if (found)
		hlist_del(&found->node);
	/* Frames deeper than this one were left by a longjmp(). */
	stp_uentry_drop(current, NULL, sp, false);
	raw_spin_unlock_irqrestore(&stp_uentry_lock, flags);
	return found;
}

static void stp_uentry_forget(void *data, struct task_struct *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&stp_uentry_lock, flags);
	stp_uentry_drop(p, NULL, 0, true);
	raw_spin_unlock_irqrestore(&stp_uentry_lock, flags);
}

static void stp_uentry_exec(void *data, struct task_struct *p, pid_t old_pid,
			    struct linux_binprm *bprm)
{
	stp_uentry_forget(data, p);
}

/* A forked child returns through its parent's pending frames too. */
static void stp_uentry_fork(void *data, struct task_struct *parent,
			    struct task_struct *child)
{
	struct stp_uentry *e, *copy;
	unsigned long flags;

	if (child->mm == parent->mm)
		return;	/* a thread: its own stack; vfork: never returns */
	raw_spin_lock_irqsave(&stp_uentry_lock, flags);
	hlist_for_each_entry(e, stp_uentry_bucket(parent), node) {
		if (e->task != parent)
			continue;
		if (hlist_empty(&stp_uentry_free_list)) {
			atomic_inc(&stp_uentry_full);
			break;
		}
		copy = hlist_entry(stp_uentry_free_list.first,
				   struct stp_uentry, node);
		hlist_del(&copy->node);
		memcpy(copy, e, stp_uentry_size);
		copy->task = child;
		hlist_add_head(&copy->node, stp_uentry_bucket(child));
	}
	raw_spin_unlock_irqrestore(&stp_uentry_lock, flags);
}

static void stp_uentry_detach(void)
{
	if (stp_uentry_exit_tp)
		tracepoint_probe_unregister(stp_uentry_exit_tp,
					    stp_uentry_forget, NULL);
	if (stp_uentry_exec_tp)
		tracepoint_probe_unregister(stp_uentry_exec_tp,
					    stp_uentry_exec, NULL);
	if (stp_uentry_fork_tp)
		tracepoint_probe_unregister(stp_uentry_fork_tp,
					    stp_uentry_fork, NULL);
	if (stp_uentry_exit_tp || stp_uentry_exec_tp || stp_uentry_fork_tp)
		tracepoint_synchronize_unregister();
	stp_uentry_exit_tp = stp_uentry_exec_tp = stp_uentry_fork_tp = NULL;
}

void stp_uentry_disarm(void)
{
	stp_uentry_detach();
	vfree(stp_uentry_pool);
	stp_uentry_pool = NULL;
	INIT_HLIST_HEAD(&stp_uentry_free_list);
	memset(stp_uentry_buckets, 0, sizeof(stp_uentry_buckets));
}

/* @tp stays NULL unless @fn was attached. */
int stp_uentry_arm(unsigned int size, char *why, size_t n)
{
	unsigned int i;
	int ret;

	if (stp_uentry_pool)
		return 0;
	stp_uentry_size = ALIGN(sizeof(struct stp_uentry) + size, 8);
	if (stp_prealloc_charge("entry values of return probes",
				(u64)stp_uentry_size * STP_UENTRY_SLOTS)) {
		snprintf(why, n, "no memory for %d entry-value records of %zu "
			 "bytes (STP_UENTRY_SLOTS)", STP_UENTRY_SLOTS,
			 stp_uentry_size);
		return -E2BIG;
	}
	stp_uentry_pool = vzalloc((size_t)stp_uentry_size * STP_UENTRY_SLOTS);
	if (!stp_uentry_pool) {
		snprintf(why, n, "no memory for the entry values of return "
			 "probes");
		return -ENOMEM;
	}
	for (i = 0; i < STP_UENTRY_SLOTS; i++)
		hlist_add_head(&((struct stp_uentry *)((char *)stp_uentry_pool +
			i * stp_uentry_size))->node, &stp_uentry_free_list);
	ret = stp_tracepoint_attach("sched_process_exit",
				    stp_uentry_forget, NULL, &stp_uentry_exit_tp);
	if (!ret)
		ret = stp_tracepoint_attach("sched_process_exec",
					    stp_uentry_exec, NULL,
					    &stp_uentry_exec_tp);
	if (!ret)
		ret = stp_tracepoint_attach("sched_process_fork",
					    stp_uentry_fork, NULL,
					    &stp_uentry_fork_tp);
	if (ret) {
		snprintf(why, n, "cannot follow task exits for the entry "
			 "values of return probes (%d)", ret);
		stp_uentry_disarm();
	}
	return ret;
}
