// SPDX-License-Identifier: GPL-2.0
/* perf.type(N).config(M)[.sample(K)|.hz(F)][.process[("PATH")]]; see
 * perf.h.  The counters in the processes of PATH: perf_process.c. */

#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/hardirq.h>
#include <linux/irq_work.h>
#include <linux/perf_event.h>
#include <linux/pid.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "errno_names.h"
#include "perf.h"
#include "session.h"

atomic_t stp_perf_unarmed = ATOMIC_INIT(0);

static void stp_perf_deferred(struct irq_work *work)
{
	struct stp_perf_cpu *pc = container_of(work, struct stp_perf_cpu,
					       work);

	stp_probe_run(pc->probe, STP_SESSION_RUNNING, NULL);
}

static void stp_perf_overflow(struct perf_event *event,
			      struct perf_sample_data *data,
			      struct pt_regs *regs)
{
	struct stp_perf_cpu *pc = event->overflow_handler_context;

	if (in_nmi()) {
		/* Already pending: this overflow is folded into it. */
		irq_work_queue(&pc->work);
		return;
	}
	stp_probe_run(pc->probe, STP_SESSION_RUNNING, regs);
}

/* How many entries p->cpus has. */
static unsigned int stp_perf_slots(const struct stp_perf_probe *p)
{
	return p->target ? 1 : nr_cpu_ids;
}

/* Releases @pc's counter, if it has one. */
static void stp_perf_close(struct stp_perf_cpu *pc)
{
	if (!pc->event)
		return;
	perf_event_release_kernel(pc->event);
	pc->event = NULL;
	/* An overflow taken before the release may still be queued. */
	irq_work_sync(&pc->work);
}

static void stp_perf_release(struct stp_perf_probe *p)
{
	unsigned int i;

	if (p->path)
		stp_perf_path_release(p);
	if (!p->cpus)
		return;
	for (i = 0; i < stp_perf_slots(p); i++)
		stp_perf_close(&p->cpus[i]);
	kfree(p->cpus);
	p->cpus = NULL;
}

int stp_perf_counter(struct stp_perf_probe *p, struct stp_perf_cpu *pc, int cpu,
		     struct task_struct *task, bool remove_on_exec)
{
	struct perf_event_attr attr = {
		.type = p->type,
		.size = sizeof(attr),
		.config = p->config,
		.sample_period = p->sample_period,	/* sample_freq too */
		.freq = p->freq,
		.pinned = 1,
		/* A counter is read per thread, so each has its own. */
		.inherit = task != NULL && !p->counter,
		.remove_on_exec = remove_on_exec,
	};
	struct perf_event *ev;

	pc->probe = p->probe;
	init_irq_work(&pc->work, stp_perf_deferred);
	ev = perf_event_create_kernel_counter(&attr, cpu, task,
					      stp_perf_overflow, pc);
	if (IS_ERR(ev))
		return PTR_ERR(ev);
	pc->event = ev;
	return 0;
}

/* The target's counter; -ESRCH when there is no target (or it is gone). */
static int stp_perf_create_target(struct stp_perf_probe *p)
{
	struct task_struct *task = NULL;
	struct pid *pid;
	int ret;

	pid = stp_target_pid() ? find_get_pid(stp_target_pid()) : NULL;
	if (pid) {
		task = get_pid_task(pid, PIDTYPE_PID);
		put_pid(pid);
	}
	if (!task)
		return -ESRCH;
	ret = stp_perf_counter(p, &p->cpus[0], -1, task, false);
	put_task_struct(task);
	return ret;
}

/*
 * The probe's counters: 0, or the error with where it happened (@where
 * gets " on cpu N" or " in the target process").
 */
static int stp_perf_create(struct stp_perf_probe *p, char *where, size_t size)
{
	unsigned int cpu;
	int ret;

	if (p->path)
		return stp_perf_path_hold(p, where, size);
	p->cpus = kcalloc(stp_perf_slots(p), sizeof(*p->cpus), GFP_KERNEL);
	if (!p->cpus)
		return -ENOMEM;
	if (p->target) {
		ret = stp_perf_create_target(p);
		if (ret == -ESRCH)
			snprintf(where, size, ": no target process (give -c "
				 "CMD or -x PID)");
		else if (ret)
			snprintf(where, size, " in target process %d",
				 (int)stp_target_pid());
		return ret;
	}
	for_each_online_cpu(cpu) {
		ret = stp_perf_counter(p, &p->cpus[cpu], cpu, NULL, false);
		if (ret) {
			snprintf(where, size, " on cpu %u", cpu);
			return ret;
		}
	}
	return 0;
}

static void stp_perf_disarm(void *probes, unsigned int count)
{
	struct stp_perf_probe *ps = probes;
	unsigned int i;

	/* No new process of a PATH is followed once they are released. */
	stp_perf_path_stop();
	for (i = 0; i < count; i++)
		stp_perf_release(&ps[i]);
}

static int stp_perf_arm(void *probes, unsigned int count)
{
	struct stp_perf_probe *ps = probes;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < count; i++) {
		struct stp_perf_probe *p = &ps[i];
		const char *name;
		char where[64] = "";
		char why[240];

		ret = stp_perf_create(p, where, sizeof(where));
		if (!ret)
			continue;
		stp_perf_release(p);
		/* ENOENT: no such event (no PMU counts it); EOPNOTSUPP: the
		 * PMU cannot sample it; EINVAL: a bad config. */
		name = stp_errno_name(ret);
		snprintf(why, sizeof(why),
			 "probe point %s: cannot create perf event type %u "
			 "config %llu%s: %s (%d)",
			 p->probe->pp, p->type, (unsigned long long)p->config,
			 where, name ? name : "error", ret);
		if (!stp_arm_refused(why, p->optional, &stp_perf_unarmed)) {
			ret = 0;
			continue;
		}
		stp_perf_disarm(probes, i);
		return ret;
	}
	ret = stp_perf_path_follow(ps, count);
	if (ret)
		stp_perf_disarm(probes, count);
	return ret;
}

const struct stp_provider stp_provider_perf = {
	.name = "perf",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_perf_arm,
	.disarm = stp_perf_disarm,
};
