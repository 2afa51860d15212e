// SPDX-License-Identifier: GPL-2.0
/*
 * timer.profile: pinned hrtimers on every online CPU, one per probe,
 * firing at HZ (or at timer.profile.freq.hz(N)'s N), whose handlers see
 * the interrupted registers.  A CPU hotplug state keeps the
 * set current: a CPU going offline stops its timer (rather than having it
 * migrated to a CPU that then fires twice per tick), and a CPU coming
 * online, now or later, starts one.
 */

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <asm/irq_regs.h>
#include "compat.h"
#include "session.h"
#include "timer.h"

/* One per probe per CPU: the timer and what it runs. */
struct stp_profile_timer {
	struct hrtimer hrt;
	const struct stp_probe *probe;
	u64 period_ns;
};

static struct stp_profile_timer __percpu *stp_profile_timers;
static const struct stp_profile_probe *stp_profile_probes;
static unsigned int stp_profile_count;
/* The dynamic hotplug state our callbacks hang on; 0 when not armed. */
static int stp_profile_state;

static enum hrtimer_restart stp_profile_fn(struct hrtimer *h)
{
	struct stp_profile_timer *t =
		container_of(h, struct stp_profile_timer, hrt);

	stp_probe_run(t->probe, STP_SESSION_RUNNING, get_irq_regs());
	hrtimer_forward_now(h, ns_to_ktime(t->period_ns));
	return HRTIMER_RESTART;
}

static struct stp_profile_timer *stp_profile_timer(unsigned int cpu,
						   unsigned int i)
{
	return (struct stp_profile_timer *)per_cpu_ptr(stp_profile_timers,
						       cpu) + i;
}

/* Hotplug "online" callbacks of AP states run on the CPU itself. */
static int stp_profile_cpu_online(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < stp_profile_count; i++) {
		struct stp_profile_timer *t = stp_profile_timer(cpu, i);
		u64 hz = stp_profile_probes[i].hz;

		t->probe = stp_profile_probes[i].probe;
		/* Never faster than interval timers may go. */
		t->period_ns = hz ? max_t(u64, div64_u64(NSEC_PER_SEC, hz),
					  STP_TIMER_MIN_NS) :
				    TICK_NSEC;
		stp_hrtimer_setup(&t->hrt, stp_profile_fn, CLOCK_MONOTONIC,
				  HRTIMER_MODE_REL_PINNED);
		hrtimer_start(&t->hrt, ns_to_ktime(t->period_ns),
			      HRTIMER_MODE_REL_PINNED);
	}
	return 0;
}

static int stp_profile_cpu_offline(unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < stp_profile_count; i++)
		hrtimer_cancel(&stp_profile_timer(cpu, i)->hrt);
	return 0;
}

static int stp_profile_arm(void *probes, unsigned int count)
{
	int state;

	stp_profile_timers = __alloc_percpu(
		count * sizeof(struct stp_profile_timer),
		__alignof__(struct stp_profile_timer));
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
