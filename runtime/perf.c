// SPDX-License-Identifier: GPL-2.0
/* perf.type(N).config(M)[.sample(K)|.hz(F)][.process[("PATH")]]; see
 * perf.h.  The counters in the processes of PATH: perf_process.c. */

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
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
#include "transport.h"

atomic_t stp_perf_unarmed = ATOMIC_INIT(0);

/* The armed probes, for the CPU hotplug callbacks, and their state
 * (0: none).  The callbacks run under the hotplug lock, so arm and
 * release change a probe's per-CPU counters under cpus_read_lock. */
static struct stp_perf_probe *stp_perf_armed;
static unsigned int stp_perf_armed_count;
static int stp_perf_hp_state;

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
	cpus_read_lock();
	if (p->cpus) {
		for (i = 0; i < stp_perf_slots(p); i++)
			stp_perf_close(&p->cpus[i]);
		kfree(p->cpus);
		p->cpus = NULL;
	}
	cpus_read_unlock();
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

void stp_perf_why(char *why, size_t size, const struct stp_perf_probe *p,
		  const char *where, int err)
{
	const char *name = stp_errno_name(err);

	snprintf(why, size,
		 "probe point %s: cannot create perf event type %u config "
		 "%llu%s: %s (%d)",
		 p->probe->pp, p->type, (unsigned long long)p->config, where,
		 name ? name : "error", err);
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
	ret = 0;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		/* One that came online since p->cpus was made has one. */
		if (p->cpus[cpu].event)
			continue;
		ret = stp_perf_counter(p, &p->cpus[cpu], cpu, NULL, false);
		if (ret) {
			snprintf(where, size, " on cpu %u", cpu);
			break;
		}
	}
	cpus_read_unlock();
	return ret;
}

/* A system-wide probe: a counter on each CPU, those brought online
 * later included. */
static bool stp_perf_per_cpu(const struct stp_perf_probe *p)
{
	return !p->target && !p->path;
}

/* A CPU came online: the system-wide probes count on it too.  A refusal
 * is reported, and the CPU comes up all the same. */
static int stp_perf_cpu_online(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < stp_perf_armed_count; i++) {
		struct stp_perf_probe *p = &stp_perf_armed[i];
		char where[48], why[240];
		int ret;

		if (!stp_perf_per_cpu(p) || !p->cpus || p->cpus[cpu].event)
			continue;
		ret = stp_perf_counter(p, &p->cpus[cpu], cpu, NULL, false);
		if (!ret)
			continue;
		snprintf(where, sizeof(where), " on cpu %u, brought online", cpu);
		stp_perf_why(why, sizeof(why), p, where, ret);
		stp_transport_msg("warning", why, NULL);
	}
	return 0;
}

/* A CPU goes offline: its counters go with it. */
static int stp_perf_cpu_offline(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < stp_perf_armed_count; i++) {
		struct stp_perf_probe *p = &stp_perf_armed[i];

		if (stp_perf_per_cpu(p) && p->cpus)
			stp_perf_close(&p->cpus[cpu]);
	}
	return 0;
}

/* Follows CPUs coming and going for @ps's system-wide probes. */
static int stp_perf_follow_cpus(struct stp_perf_probe *ps, unsigned int n)
{
	unsigned int i;
	int ret;

	for (i = 0; i < n && !stp_perf_per_cpu(&ps[i]); i++)
		;
	if (i == n)
		return 0;
	stp_perf_armed = ps;
	stp_perf_armed_count = n;
	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "stap/perf:online",
					stp_perf_cpu_online,
					stp_perf_cpu_offline);
	if (ret < 0) {
		char why[128];

		snprintf(why, sizeof(why),
			 "perf probes: cannot follow CPU hotplug (%d)", ret);
		stp_transport_msg("error", why, NULL);
		return ret;
	}
	stp_perf_hp_state = ret;
	return 0;
}

static void stp_perf_disarm(void *probes, unsigned int count)
{
	struct stp_perf_probe *ps = probes;
	unsigned int i;

	/* No new process of a PATH, and no CPU coming or going, is
	 * followed once they are released. */
	stp_perf_path_stop();
	if (stp_perf_hp_state > 0)
		cpuhp_remove_state_nocalls(stp_perf_hp_state);
	stp_perf_hp_state = 0;
	for (i = 0; i < count; i++)
		stp_perf_release(&ps[i]);
}

static int stp_perf_arm(void *probes, unsigned int count)
{
	struct stp_perf_probe *ps = probes;
	unsigned int i;
	int ret;

	/* Before the counters, so no CPU comes online unseen between. */
	ret = stp_perf_follow_cpus(ps, count);
	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		struct stp_perf_probe *p = &ps[i];
		char where[64] = "";
		char why[240];

		ret = stp_perf_create(p, where, sizeof(where));
		if (!ret)
			continue;
		stp_perf_release(p);
		/* ENOENT: no such event (no PMU counts it); EOPNOTSUPP: the
		 * PMU cannot sample it; EINVAL: a bad config. */
		stp_perf_why(why, sizeof(why), p, where, ret);
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
