// SPDX-License-Identifier: GPL-2.0
/* perf.type(N).config(M)[.sample(K)]; see perf.h. */

#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/hardirq.h>
#include <linux/irq_work.h>
#include <linux/perf_event.h>
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

static void stp_perf_release(struct stp_perf_probe *p)
{
	unsigned int cpu;

	if (!p->cpus)
		return;
	for_each_possible_cpu(cpu) {
		struct stp_perf_cpu *pc = &p->cpus[cpu];

		if (!pc->event)
			continue;
		perf_event_release_kernel(pc->event);
		/* An overflow taken before the release may still be queued. */
		irq_work_sync(&pc->work);
	}
	kfree(p->cpus);
	p->cpus = NULL;
}

/* One counter per online CPU; 0, or the first CPU's error. */
static int stp_perf_create(struct stp_perf_probe *p, unsigned int *bad_cpu)
{
	struct perf_event_attr attr = {
		.type = p->type,
		.size = sizeof(attr),
		.config = p->config,
		.sample_period = p->sample_period,
		.pinned = 1,
	};
	unsigned int cpu;

	p->cpus = kcalloc(nr_cpu_ids, sizeof(*p->cpus), GFP_KERNEL);
	if (!p->cpus)
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		struct stp_perf_cpu *pc = &p->cpus[cpu];
		struct perf_event *ev;

		pc->probe = p->probe;
		init_irq_work(&pc->work, stp_perf_deferred);
		ev = perf_event_create_kernel_counter(&attr, cpu, NULL,
						      stp_perf_overflow, pc);
		if (IS_ERR(ev)) {
			*bad_cpu = cpu;
			return PTR_ERR(ev);
		}
		pc->event = ev;
	}
	return 0;
}

static void stp_perf_disarm(void *probes, unsigned int count)
{
	struct stp_perf_probe *ps = probes;
	unsigned int i;

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
		unsigned int cpu = 0;
		const char *name;
		char why[200];

		ret = stp_perf_create(p, &cpu);
		if (!ret)
			continue;
		stp_perf_release(p);
		/* ENOENT: no such event (no PMU counts it); EOPNOTSUPP: the
		 * PMU cannot sample it; EINVAL: a bad config. */
		name = stp_errno_name(ret);
		snprintf(why, sizeof(why),
			 "probe point %s: cannot create perf event type %u "
			 "config %llu on cpu %u: %s (%d)",
			 p->probe->pp, p->type, (unsigned long long)p->config,
			 cpu, name ? name : "error", ret);
		if (!stp_arm_refused(why, p->optional, &stp_perf_unarmed)) {
			ret = 0;
			continue;
		}
		stp_perf_disarm(probes, i);
		break;
	}
	return ret;
}

const struct stp_provider stp_provider_perf = {
	.name = "perf",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_perf_arm,
	.disarm = stp_perf_disarm,
};
