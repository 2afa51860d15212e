// SPDX-License-Identifier: GPL-2.0
/*
 * timer.profile: a pinned hrtimer on every online CPU, firing at HZ, whose
 * handlers see the interrupted registers.  CPUs that come online later
 * are not covered (no hotplug callback yet).
 */

#include <linux/cpu.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <asm/irq_regs.h>
#include "compat.h"
#include "session.h"
#include "timer.h"

static struct hrtimer __percpu *stp_profile_timers;
static const struct stp_probe *const *stp_profile_probes;
static unsigned int stp_profile_count;
/* CPUs whose timer was initialised: only those may be cancelled. */
static struct cpumask stp_profile_cpus;

static enum hrtimer_restart stp_profile_fn(struct hrtimer *h)
{
	struct pt_regs *regs = get_irq_regs();
	unsigned int i;

	for (i = 0; i < stp_profile_count; i++)
		stp_probe_run(stp_profile_probes[i], STP_SESSION_RUNNING, regs);
	hrtimer_forward_now(h, ns_to_ktime(TICK_NSEC));
	return HRTIMER_RESTART;
}

static void stp_profile_start_cpu(void *unused)
{
	struct hrtimer *h = this_cpu_ptr(stp_profile_timers);

	cpumask_set_cpu(smp_processor_id(), &stp_profile_cpus);
	stp_hrtimer_setup(h, stp_profile_fn, CLOCK_MONOTONIC,
			  HRTIMER_MODE_REL_PINNED);
	hrtimer_start(h, ns_to_ktime(TICK_NSEC), HRTIMER_MODE_REL_PINNED);
}

static int stp_profile_arm(void *probes, unsigned int count)
{
	stp_profile_timers = alloc_percpu(struct hrtimer);
	if (!stp_profile_timers)
		return -ENOMEM;
	stp_profile_probes = probes;
	stp_profile_count = count;
	cpumask_clear(&stp_profile_cpus);
	cpus_read_lock();
	on_each_cpu(stp_profile_start_cpu, NULL, 1);
	cpus_read_unlock();
	return 0;
}

static void stp_profile_disarm(void *probes, unsigned int count)
{
	int cpu;

	if (!stp_profile_timers)
		return;
	/* A timer of a CPU gone offline was migrated, not destroyed. */
	for_each_cpu(cpu, &stp_profile_cpus)
		hrtimer_cancel(per_cpu_ptr(stp_profile_timers, cpu));
	free_percpu(stp_profile_timers);
	stp_profile_timers = NULL;
}

const struct stp_provider stp_provider_timer_profile = {
	.name = "timer.profile",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_profile_arm,
	.disarm = stp_profile_disarm,
};
