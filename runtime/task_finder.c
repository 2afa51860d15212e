// SPDX-License-Identifier: GPL-2.0
/* The task finder: process/thread begin and end; see task_finder.h. */

#include <linux/dcache.h>
#include <linux/hash.h>
#include <linux/mm_types.h>
#include <linux/namei.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <linux/tracepoint.h>
#include "context.h"
#include "session.h"
#include "task_finder.h"
#include "task_info.h"
#include "tracepoints.h"
#include "transport.h"

/* Processes of probed executables remembered at once (2^bits). */
#ifndef STP_TASK_TRACKED_BITS
#define STP_TASK_TRACKED_BITS 12
#endif
#define STP_TASK_TRACKED (1U << STP_TASK_TRACKED_BITS)
/* Recent process ends, so racing last threads report one end. */
#define STP_TASK_ENDED 64

atomic_t stp_task_untracked = ATOMIC_INIT(0);

static struct stp_task_probe *stp_tf_probes;
static unsigned int stp_tf_count;
static bool stp_tf_has_paths;
static struct tracepoint *stp_tf_fork_tp, *stp_tf_exec_tp, *stp_tf_exit_tp,
	*stp_tf_free_tp;

/*
 * tgid -> the probed executable it runs.  At sched_process_exit the
 * task's mm (and with it its executable) is already gone, so which
 * executable's process.end to report is remembered from begin, fork and
 * exec.  Open addressing, linear probing, deletion by backward shift.
 */
struct stp_tf_entry {
	pid_t tgid;			/* 0: empty */
	const struct inode *inode;
};
static struct stp_tf_entry stp_tf_table[STP_TASK_TRACKED];
static unsigned int stp_tf_used;
static pid_t stp_tf_ended[STP_TASK_ENDED];
static unsigned int stp_tf_ended_next;
static DEFINE_RAW_SPINLOCK(stp_tf_lock);

static unsigned int stp_tf_home(pid_t tgid)
{
	return hash_32((u32)tgid, STP_TASK_TRACKED_BITS);
}

/* Under stp_tf_lock: @tgid's slot, or the empty slot ending its run. */
static unsigned int stp_tf_slot(pid_t tgid)
{
	unsigned int s = stp_tf_home(tgid);

	while (stp_tf_table[s].tgid && stp_tf_table[s].tgid != tgid)
		s = (s + 1) & (STP_TASK_TRACKED - 1);
	return s;
}

static void stp_tf_track(pid_t tgid, const struct inode *inode)
{
	unsigned long flags;
	unsigned int s;

	raw_spin_lock_irqsave(&stp_tf_lock, flags);
	s = stp_tf_slot(tgid);
	if (stp_tf_table[s].tgid) {
		stp_tf_table[s].inode = inode;
	} else if (stp_tf_used < STP_TASK_TRACKED * 3 / 4) {
		stp_tf_table[s].tgid = tgid;
		stp_tf_table[s].inode = inode;
		stp_tf_used++;
	} else {
		atomic_inc(&stp_task_untracked);
	}
	raw_spin_unlock_irqrestore(&stp_tf_lock, flags);
}

/* Under stp_tf_lock: empties slot @s, moving later entries of its run. */
static void stp_tf_remove_slot(unsigned int s)
{
	const unsigned int mask = STP_TASK_TRACKED - 1;
	unsigned int j = s;

	for (;;) {
		unsigned int home;

		j = (j + 1) & mask;
		if (!stp_tf_table[j].tgid)
			break;
		home = stp_tf_home(stp_tf_table[j].tgid);
		/* Entry j may fill the hole at s unless its home lies
		 * cyclically in (s, j]. */
		if (((j - home) & mask) >= ((j - s) & mask)) {
			stp_tf_table[s] = stp_tf_table[j];
			s = j;
		}
	}
	stp_tf_table[s].tgid = 0;
	stp_tf_table[s].inode = NULL;
	stp_tf_used--;
}

/* The executable @tgid runs (NULL: none probed); forgets it if @remove. */
static const struct inode *stp_tf_lookup(pid_t tgid, bool remove)
{
	const struct inode *inode = NULL;
	unsigned long flags;
	unsigned int s;

	raw_spin_lock_irqsave(&stp_tf_lock, flags);
	s = stp_tf_slot(tgid);
	if (stp_tf_table[s].tgid) {
		inode = stp_tf_table[s].inode;
		if (remove)
			stp_tf_remove_slot(s);
	}
	raw_spin_unlock_irqrestore(&stp_tf_lock, flags);
	return inode;
}

/* True for the first of the process's exiting threads to see it end. */
static bool stp_tf_first_end(pid_t tgid)
{
	unsigned long flags;
	bool first = true;
	unsigned int i;

	raw_spin_lock_irqsave(&stp_tf_lock, flags);
	for (i = 0; i < STP_TASK_ENDED; i++)
		if (stp_tf_ended[i] == tgid)
			first = false;
	if (first) {
		stp_tf_ended[stp_tf_ended_next] = tgid;
		stp_tf_ended_next = (stp_tf_ended_next + 1) % STP_TASK_ENDED;
	}
	raw_spin_unlock_irqrestore(&stp_tf_lock, flags);
	return first;
}

const struct inode *stp_task_exe_inode(struct task_struct *t)
{
	struct mm_struct *mm = stp_task_user_mm(t);
	const struct inode *inode = NULL;
	struct file *f;

	if (!mm)
		return NULL;
	rcu_read_lock();
	f = rcu_dereference(mm->exe_file);
	if (f)
		inode = d_real_inode(f->f_path.dentry);
	rcu_read_unlock();
	return inode;
}

static bool stp_tf_probed(const struct inode *inode)
{
	unsigned int i;

	for (i = 0; inode && i < stp_tf_count; i++)
		if (stp_tf_probes[i].inode == inode)
			return true;
	return false;
}

/*
 * Runs the probes of @ev that match @task (running @inode): the own-process
 * rule first, for @task.  @paths_only: only probes naming an executable
 * (exec starts no new process, it starts a new executable).
 */
static void stp_tf_fire(enum stp_task_event ev, struct task_struct *task,
			const struct inode *inode, bool paths_only)
{
	pid_t tgid = task_tgid_nr(task);
	unsigned int i;

	if (task->flags & PF_KTHREAD)
		return;
	for (i = 0; i < stp_tf_count; i++) {
		const struct stp_task_probe *t = &stp_tf_probes[i];

		if (t->event != ev || (t->pid && t->pid != tgid) ||
		    (t->inode && t->inode != inode) ||
		    (paths_only && !t->inode))
			continue;
		if (!stp_task_gate(task))
			continue;
		stp_probe_run_task(t->probe, STP_SESSION_RUNNING,
				   task == current ? NULL : task);
	}
}

/* A thread or process seen for the first time (new, or found at start). */
static void stp_tf_begin(struct task_struct *t, const struct inode *inode)
{
	if (!thread_group_leader(t)) {
		stp_tf_fire(STP_THREAD_BEGIN, t, inode, false);
		return;
	}
	if (stp_tf_probed(inode))
		stp_tf_track(task_tgid_nr(t), inode);
	stp_tf_fire(STP_PROCESS_BEGIN, t, inode, false);
}

static void stp_tf_fork(void *data, struct task_struct *parent,
			struct task_struct *child)
{
	stp_tf_begin(child, stp_task_exe_inode(child));
}

static void stp_tf_exec(void *data, struct task_struct *p, pid_t old_pid,
			struct linux_binprm *bprm)
{
	const struct inode *inode = stp_task_exe_inode(p);

	if (!stp_tf_has_paths)
		return;
	stp_tf_lookup(task_tgid_nr(p), true);
	if (!stp_tf_probed(inode))
		return;
	stp_tf_track(task_tgid_nr(p), inode);
	stp_tf_fire(STP_PROCESS_BEGIN, p, inode, true);
}

/*
 * Which thread ends the process is not told (group_dead is do_exit()'s
 * local): every thread but the leader reports thread.end, and the first
 * to see no live thread left reports process.end.
 */
static void stp_tf_exit(void *data, struct task_struct *p)
{
	pid_t tgid = task_tgid_nr(p);
	const struct inode *inode;

	if (p->flags & PF_KTHREAD)
		return;
	inode = stp_tf_has_paths ? stp_tf_lookup(tgid, false) : NULL;
	if (!thread_group_leader(p))
		stp_tf_fire(STP_THREAD_END, p, inode, false);
	if (!atomic_read(&p->signal->live) && stp_tf_first_end(tgid))
		stp_tf_fire(STP_PROCESS_END, p, inode, false);
}

/* The process is gone once its leader is freed: forget its executable
 * (not at exit, where the process's other threads may still report). */
static void stp_tf_free(void *data, struct task_struct *p)
{
	if (stp_tf_has_paths && thread_group_leader(p))
		stp_tf_lookup(task_tgid_nr(p), true);
}

void stp_task_scan(void (*fn)(struct task_struct *t,
			      const struct inode *inode))
{
	struct task_struct *g, *t;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		const struct inode *inode;

		if (t->flags & (PF_KTHREAD | PF_EXITING))
			continue;
		task_lock(t);
		inode = stp_task_exe_inode(t);
		task_unlock(t);
		fn(t, inode);
	}
	rcu_read_unlock();
}

static void stp_tf_detach(void)
{
	bool any = stp_tf_fork_tp || stp_tf_exec_tp || stp_tf_exit_tp ||
		   stp_tf_free_tp;
	unsigned int i;

	if (stp_tf_fork_tp)
		tracepoint_probe_unregister(stp_tf_fork_tp, stp_tf_fork, NULL);
	if (stp_tf_exec_tp)
		tracepoint_probe_unregister(stp_tf_exec_tp, stp_tf_exec, NULL);
	if (stp_tf_exit_tp)
		tracepoint_probe_unregister(stp_tf_exit_tp, stp_tf_exit, NULL);
	if (stp_tf_free_tp)
		tracepoint_probe_unregister(stp_tf_free_tp, stp_tf_free, NULL);
	stp_tf_fork_tp = stp_tf_exec_tp = stp_tf_exit_tp = NULL;
	stp_tf_free_tp = NULL;
	/* No handler may still be running when the inodes are let go. */
	if (any)
		tracepoint_synchronize_unregister();
	for (i = 0; i < stp_tf_count; i++) {
		if (!stp_tf_probes[i].inode)
			continue;
		path_put(&stp_tf_probes[i].file);
		stp_tf_probes[i].inode = NULL;
	}
	stp_tf_count = 0;
	memset(stp_tf_table, 0, sizeof(stp_tf_table));
	stp_tf_used = 0;
}

static void stp_tf_disarm(void *probes, unsigned int count)
{
	stp_tf_detach();
}

int stp_task_attach(const char *name, void *fn, struct tracepoint **tp)
{
	char why[128];
	int ret = stp_tracepoint_attach(name, fn, NULL, tp);

	if (!ret)
		return 0;
	*tp = NULL;
	snprintf(why, sizeof(why),
		 "process probes: cannot attach to tracepoint '%s' (%d)", name,
		 ret);
	stp_transport_msg("error", why, NULL);
	return ret;
}

int stp_task_hold_exe(const char *path, const struct stp_probe *probe,
		      struct path *file, const struct inode **inode)
{
	char why[400];
	int ret = kern_path(path, LOOKUP_FOLLOW, file);

	if (ret) {
		snprintf(why, sizeof(why),
			 "cannot find '%s' (%d) for probe point %s", path, ret,
			 probe->pp);
		stp_transport_msg("error", why, NULL);
		return ret;
	}
	/* Overlay files are mapped through the inode underneath. */
	*inode = d_real_inode(file->dentry);
	return 0;
}

static int stp_tf_arm(void *probes, unsigned int count)
{
	unsigned int i;
	int ret;

	stp_tf_probes = probes;
	stp_tf_count = count;
	stp_tf_has_paths = false;
	for (i = 0; i < count; i++) {
		struct stp_task_probe *t = &stp_tf_probes[i];

		t->inode = NULL;
		if (!t->path)
			continue;
		ret = stp_task_hold_exe(t->path, t->probe, &t->file, &t->inode);
		if (ret)
			goto fail;
		stp_tf_has_paths = true;
	}
	ret = stp_task_attach("sched_process_fork", stp_tf_fork, &stp_tf_fork_tp);
	if (!ret)
		ret = stp_task_attach("sched_process_exec", stp_tf_exec,
				    &stp_tf_exec_tp);
	if (!ret)
		ret = stp_task_attach("sched_process_exit", stp_tf_exit,
				    &stp_tf_exit_tp);
	if (!ret)
		ret = stp_task_attach("sched_process_free", stp_tf_free,
				    &stp_tf_free_tp);
	if (ret)
		goto fail;
	/* Every process and thread already running, reported once. */
	stp_task_scan(stp_tf_begin);
	return 0;
fail:
	stp_tf_detach();
	return ret;
}

const struct stp_provider stp_provider_task_finder = {
	.name = "task_finder",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_tf_arm,
	.disarm = stp_tf_disarm,
};
