// SPDX-License-Identifier: GPL-2.0
/*
 * timer.profile: a pinned hrtimer on every online CPU, firing at HZ, whose
 * handlers see the interrupted registers.  A CPU hotplug state keeps the
 * set current: a CPU going offline stops its timer (rather than having it
 * migrated to a CPU that then fires twice per tick), and a CPU coming
 * online, now or later, starts one.
 */

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
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
/* The dynamic hotplug state our callbacks hang on; 0 when not armed. */
static int stp_profile_state;

static enum hrtimer_restart stp_profile_fn(struct hrtimer *h)
{
	struct pt_regs *regs = get_irq_regs();
	unsigned int i;

	for (i = 0; i < stp_profile_count; i++)
		stp_probe_run(stp_profile_probes[i], STP_SESSION_RUNNING, regs);
	hrtimer_forward_now(h, ns_to_ktime(TICK_NSEC));
	return HRTIMER_RESTART;
}

/* Hotplug "online" callbacks of AP states run on the CPU itself. */
static int stp_profile_cpu_online(unsigned int cpu)
{
	struct hrtimer *h = per_cpu_ptr(stp_profile_timers, cpu);

	stp_hrtimer_setup(h, stp_profile_fn, CLOCK_MONOTONIC,
			  HRTIMER_MODE_REL_PINNED);
	hrtimer_start(h, ns_to_ktime(TICK_NSEC), HRTIMER_MODE_REL_PINNED);
	return 0;
}

static int stp_profile_cpu_offline(unsigned int cpu)
{
	hrtimer_cancel(per_cpu_ptr(stp_profile_timers, cpu));
	return 0;
}

static int stp_profile_arm(void *probes, unsigned int count)
{
	int state;

	stp_profile_timers = alloc_percpu(struct hrtimer);
	if (!stp_profile_timers)
		return -ENOMEM;
	stp_profile_probes = probes;
	stp_profile_count = count;
	/* Calls the online callback on every CPU online now. */
	state = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "stap/timer_profile",
				  stp_profile_cpu_online,
				  stp_profile_cpu_offline);
	if (state < 0) {
		free_percpu(stp_profile_timers);
		stp_profile_timers = NULL;
		return state;
	}
	stp_profile_state = state;
	return 0;
}

static void stp_profile_disarm(void *probes, unsigned int count)
{
	if (!stp_profile_timers)
		return;
	/* Calls the offline callback on every online CPU: all stop. */
	cpuhp_remove_state(stp_profile_state);
	stp_profile_state = 0;
	free_percpu(stp_profile_timers);
	stp_profile_timers = NULL;
}

const struct stp_provider stp_provider_timer_profile = {
	.name = "timer.profile",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_profile_arm,
	.disarm = stp_profile_disarm,
};
