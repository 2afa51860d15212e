// SPDX-License-Identifier: GPL-2.0
/*
 * perf.type(N).config(M)...process("PATH"): a counter in every thread
 * running PATH when the session starts, and in every process that execs
 * PATH later, each inherited by the threads and children the task
 * creates (a child that execs something else drops it).  A .counter
 * probe's are not inherited: each new thread of PATH gets its own, which
 * @perf reads in that thread.  Creating a
 * counter sleeps while the exec tracepoint may not, so the exec queues a
 * work that creates it: the first instructions of the new program may go
 * uncounted.  Processes are matched by inode, like the task finder's.
 */

#include <linux/namei.h>
#include <linux/perf_event.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include "errno_names.h"
#include "perf.h"
#include "task_finder.h"
#include "task_info.h"
#include "transport.h"

atomic_t stp_perf_untasked = ATOMIC_INIT(0);

/* The armed probes, for the exec tracepoint. */
static struct stp_perf_probe *stp_pp_probes;
static unsigned int stp_pp_count;
static struct tracepoint *stp_pp_exec_tp, *stp_pp_fork_tp;

static void stp_pp_open(struct work_struct *work)
{
	struct stp_perf_task *t = container_of(work, struct stp_perf_task,
					       open);
	struct stp_perf_probe *p = t->owner;
	char where[48], why[240];
	int ret;

	ret = stp_perf_counter(p, &t->counter, -1, t->task, true);
	/* ESRCH: the task exited first, nothing to count. */
	if (ret && ret != -ESRCH) {
		snprintf(where, sizeof(where), " in process %d",
			 task_tgid_nr(t->task));
		stp_perf_why(why, sizeof(why), p, where, ret);
		stp_transport_msg("warning", why, NULL);
	}
}

/* Queues a counter of @p in @task, which runs @p's executable. */
static void stp_pp_follow_task(struct stp_perf_probe *p,
			       struct task_struct *task)
{
	struct stp_perf_task *t;
	int slot;

	if (!stp_task_gate(task))
		return;
	slot = atomic_fetch_add_unless(&p->tasks_used, 1, STP_PERF_TASKS);
	if (slot >= STP_PERF_TASKS) {
		atomic_inc(&stp_perf_untasked);
		return;
	}
	t = &p->tasks[slot];
	get_task_struct(task);
	WRITE_ONCE(t->task, task);
	queue_work(system_unbound_wq, &t->open);
}

/* Follows @task (running @inode) for every probe of that executable;
 * @counters_only for a new thread (samplers' counters are inherited). */
static void stp_pp_match(struct task_struct *task, const struct inode *inode,
			 bool counters_only)
{
	unsigned int i;

	for (i = 0; inode && i < stp_pp_count; i++)
		if (stp_pp_probes[i].inode == inode &&
		    (stp_pp_probes[i].counter || !counters_only))
			stp_pp_follow_task(&stp_pp_probes[i], task);
}

static void stp_pp_exec(void *data, struct task_struct *p, pid_t old_pid,
			struct linux_binprm *bprm)
{
	stp_pp_match(p, stp_task_exe_inode(p), false);
}

/* A new thread or child of a process of PATH: its own counters. */
static void stp_pp_fork(void *data, struct task_struct *parent,
			struct task_struct *child)
{
	stp_pp_match(child, stp_task_exe_inode(child), true);
}

static void stp_pp_scan(struct task_struct *t, const struct inode *inode)
{
	stp_pp_match(t, inode, false);
}

s64 stp_perf_read(const char *name)
{
	struct perf_event *ev;
	unsigned int i, j, used;
	unsigned long flags;
	unsigned int count = READ_ONCE(stp_pp_count);
	s64 value = 0;

	for (i = 0; i < count; i++) {
		struct stp_perf_probe *p = &stp_pp_probes[i];

		if (!p->counter || strcmp(p->counter, name) || !p->tasks)
			continue;
		used = atomic_read(&p->tasks_used);
		for (j = 0; j < used; j++)
			if (READ_ONCE(p->tasks[j].task) == current)
				break;
		ev = j < used ? READ_ONCE(p->tasks[j].counter.event) : NULL;
		if (!ev)
			return 0;
		/* As perf_event_read_local (not exported) does: with
		 * interrupts off the event cannot leave this CPU, and its
		 * PMU brings the count up to date only where it runs. */
		local_irq_save(flags);
		if (ev->state == PERF_EVENT_STATE_ACTIVE &&
		    ev->oncpu == smp_processor_id())
			ev->pmu->read(ev);
		value = local64_read(&ev->count);
		local_irq_restore(flags);
		return value;
	}
	return value;
}

int stp_perf_path_hold(struct stp_perf_probe *p, char *where, size_t size)
{
	struct perf_event_attr attr = {
		.type = p->type,
		.size = sizeof(attr),
		.config = p->config,
		.disabled = 1,
	};
	struct perf_event *trial;
	unsigned int i;
	int ret;

	atomic_set(&p->tasks_used, 0);
	ret = kern_path(p->path, LOOKUP_FOLLOW, &p->file);
	if (ret) {
		snprintf(where, size, ": cannot find '%s'", p->path);
		return ret;
	}
	snprintf(where, size, " in processes of '%s'", p->path);
	/* Overlay files are mapped through the inode underneath. */
	p->inode = d_real_inode(p->file.dentry);
	p->tasks = kcalloc(STP_PERF_TASKS, sizeof(*p->tasks), GFP_KERNEL);
	if (!p->tasks)
		return -ENOMEM;
	/* Every slot's work is ready, so flushing or cancelling one that
	 * was never queued is harmless. */
	for (i = 0; i < STP_PERF_TASKS; i++) {
		p->tasks[i].owner = p;
		INIT_WORK(&p->tasks[i].open, stp_pp_open);
	}
	/* An event the machine cannot count is refused here, at the start,
	 * not in each process later: try it, disabled, on the caller. */
	trial = perf_event_create_kernel_counter(&attr, -1, current, NULL,
						 NULL);
	if (IS_ERR(trial))
		return PTR_ERR(trial);
	perf_event_release_kernel(trial);
	return 0;
}

int stp_perf_path_follow(struct stp_perf_probe *ps, unsigned int n)
{
	bool paths = false, counters = false;
	unsigned int i, j;
	int ret;

	stp_pp_probes = ps;
	stp_pp_count = n;
	for (i = 0; i < n; i++) {
		paths |= ps[i].inode != NULL;
		counters |= ps[i].inode && ps[i].counter;
	}
	if (!paths)
		return 0;
	ret = stp_task_attach("sched_process_exec", stp_pp_exec,
			      &stp_pp_exec_tp);
	if (!ret && counters)
		ret = stp_task_attach("sched_process_fork", stp_pp_fork,
				      &stp_pp_fork_tp);
	if (ret)
		return ret;
	stp_task_scan(stp_pp_scan);
	/* The processes running at the start are counted from the start. */
	for (i = 0; i < n; i++) {
		unsigned int used = atomic_read(&ps[i].tasks_used);

		for (j = 0; ps[i].inode && j < used; j++)
			flush_work(&ps[i].tasks[j].open);
	}
	return 0;
}

void stp_perf_path_stop(void)
{
	if (!stp_pp_exec_tp)
		return;
	tracepoint_probe_unregister(stp_pp_exec_tp, stp_pp_exec, NULL);
	if (stp_pp_fork_tp)
		tracepoint_probe_unregister(stp_pp_fork_tp, stp_pp_fork, NULL);
	stp_pp_exec_tp = stp_pp_fork_tp = NULL;
	WRITE_ONCE(stp_pp_count, 0);
	/* No exec or fork handler may still be queueing works, and no
	 * @perf (read with interrupts off) still reading a counter. */
	tracepoint_synchronize_unregister();
	synchronize_rcu();
}

void stp_perf_path_release(struct stp_perf_probe *p)
{
	unsigned int used = atomic_read(&p->tasks_used);
	unsigned int i;

	for (i = 0; p->tasks && i < used; i++) {
		struct stp_perf_task *t = &p->tasks[i];

		cancel_work_sync(&t->open);
		stp_perf_close(&t->counter);
		put_task_struct(t->task);
		t->task = NULL;
	}
	kfree(p->tasks);
	p->tasks = NULL;
	atomic_set(&p->tasks_used, 0);
	if (p->inode) {
		path_put(&p->file);
		p->inode = NULL;
	}
}
